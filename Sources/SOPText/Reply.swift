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


/// `--json` output: pretty, sorted keys, so it diffs well and reads in a terminal.
public enum JSONOutput {
    public static func string(_ value: any Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
