extension SessionRules.Naming {
    /// `` `as` `` or `--as PARTICIPANT or SOP_USER`, after "act as one of them with".
    var switchWords: String {
        switch self {
        case .asCommand: "`as`"
        case .commandLine: "--as PARTICIPANT or SOP_USER"
        }
    }
}

extension Refusal {
    /// The refusal with its fix completed by how to act as one of `actAs`, in the words that work
    /// where the person is: `as` is a command of the REPL, piped lines and playbooks; a one-shot
    /// command is started again with `--as` or `SOP_USER`.
    public func fitted(to naming: SessionRules.Naming) -> Refusal {
        guard !actAs.isEmpty else { return self }
        var fitted = self
        fitted.fix += ", or act as one of them with \(naming.switchWords)"
        fitted.actAs = []
        return fitted
    }
}
