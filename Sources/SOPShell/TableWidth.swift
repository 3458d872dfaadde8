import SOPApp

extension Session {
    /// What a table's last column wraps within: the terminal's width in the REPL (`session.width`,
    /// at least 20), and nothing outside it, so a script reading `sop actions` or `sop log` gets each
    /// row on one line to grep. `status`, `escalations` and `metrics` keep `session.width` (80 columns
    /// outside the REPL), as they always have.
    var tableWidth: Int? { terminalWidth == nil ? nil : width }
}
