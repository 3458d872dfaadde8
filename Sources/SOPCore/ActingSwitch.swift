/// How the person at hand names who acts, so that a fix tells them words that work where they are:
/// `as PARTICIPANT` is a command of the REPL, piped command lines and playbooks; a one-shot command
/// is started again with `--as PARTICIPANT` or `SOP_USER`.
public enum ActingSwitch: Sendable, Equatable {
    case asCommand
    case commandLine

    /// `` `as` `` or `--as PARTICIPANT or SOP_USER`, after "act as one of them with".
    public var words: String {
        switch self {
        case .asCommand: "`as`"
        case .commandLine: "--as PARTICIPANT or SOP_USER"
        }
    }
}

extension Refusal {
    /// The refusal with its fix completed by how to act as one of `actAs`, in the words of `way`.
    public func fitted(to way: ActingSwitch) -> Refusal {
        guard !actAs.isEmpty else { return self }
        var fitted = self
        fitted.fix += ", or act as one of them with \(way.words)"
        fitted.actAs = []
        return fitted
    }
}
