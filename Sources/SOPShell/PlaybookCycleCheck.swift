import SOPApp
import SOPCore

extension PlaybookChecks {
    static let cycleStates = ["open", "closed", "cancelled"]

    /// `expect cycle open|closed|cancelled`: the state of the cycle the playbook acts on. Only when the
    /// workflow has no stage called `cycle` (then `expect cycle STATE` is about that stage).
    static func cycleState(_ wanted: String, session: Session) throws(ShellError) -> Bool {
        let state: CycleState
        do { state = try CycleQueries.current(session) } catch {
            throw (error as? ShellError) ?? .failed("\(error)", fix: "check the database")
        }
        if state.workflow.stage("cycle") != nil { return false }
        guard cycleStates.contains(wanted) else {
            throw ShellError.usage("'\(wanted)' is not a cycle state", fix: "use one of: \(cycleStates.orList)")
        }
        if state.stateWord != wanted {
            throw ShellError.failed(
                "expected cycle \(state.id) to be \(wanted), but it is \(state.stateWord)", fix: "`cycle list` shows the cycles and their states")
        }
        return true
    }
}
