extension StringProtocol {
    /// The lines of a text file written on any system: LF, CRLF or a lone CR each end a line. Splitting
    /// at `"\n"` alone misses CRLF, which Swift counts as one Character, so a file saved on Windows
    /// read as one long line (or, split as bytes, left `done\r` for `expect` to compare).
    public var textLines: [SubSequence] {
        split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }
}
