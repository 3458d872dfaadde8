import Foundation
import SOPCore
import SOPStore

/// Reading back what was submitted: an input's versions in the session's cycle, one of them, and a
/// file version's bytes (checked against their SHA-256 by the store).
public enum Submissions {
    public static func read(
        _ session: Session, stage: String, input: String, version: Int?, historyOnly: Bool
    ) throws -> (history: SubmissionHistory, shown: SubmissionRecord?, file: Data?) {
        try session.database.read { tx in
            let state = try session.loadCycle(tx)
            let history = try SubmissionHistory.of(stage: stage, input: input, in: state, events: tx.events(cycle: state.id, stage: stage))
            if historyOnly {
                _ = try history.version(nil)
                return (history, nil, nil)
            }
            let shown = try history.version(version)
            var file: Data?
            if case .file(_, let sha, _) = shown.content { file = try tx.submittedFile(sha) }
            return (history, shown, file)
        }
    }
}
