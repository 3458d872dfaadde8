import Foundation
import SOPApp
import SOPCore
import SOPStore

/// What a command hands back: the text a person reads, and what `--json` prints.
public struct Reply: Sendable {
    public var text: String
    public var json: (any Encodable & Sendable)?
    /// Exact bytes for stdout instead of `text` (`show` of a submitted file): written with nothing added.
    public var bytes: Data?

    public init(_ text: String, json: (any Encodable & Sendable)? = nil) {
        self.text = text
        self.json = json
    }

    public static let none = Reply("")
}

