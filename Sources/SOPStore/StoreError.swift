/// A stored record that cannot be read back: the database was changed outside `sop` or is damaged.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
