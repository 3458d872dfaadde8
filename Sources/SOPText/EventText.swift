import Foundation
import SOPApp
import SOPCore
import SOPStore

/// One-line descriptions of events, for acknowledgements and `log`.
public enum EventText {
    static func describe(_ payload: EventPayload) -> String {
        switch payload {
        case .cycleOpened(let e): "opened the cycle on workflow \(e.workflow) (version \(e.workflowHash.prefix(12)))"
        case .inputSubmitted(let e):
            "\(e.version == 1 ? "submitted" : "resubmitted") \(e.stage) \(e.input) version \(e.version): \(e.content.summary)"
        case .signedOff(let e): "signed off \(e.stage) as \(e.role)" + (e.comment.map { ": \"\($0)\"" } ?? "")
        case .rejected(let e): "rejected \(e.stage) (\(e.inputs.joined(separator: ", "))): \(e.reason)"
        case .waived(let e): "waived \(e.stage): \(e.reason)"
        case .cycleClosed: "closed the cycle"
        case .cycleCancelled(let e): "cancelled the cycle: \(e.reason)"
        case .proposalRaised(let e):
            "raised \(FollowUpKind.proposal.label(e.number)): \(e.text)"
                + (e.options.isEmpty ? "" : " [options: \(e.options.joined(separator: " | "))]")
                + (e.stage.map { " (stage \($0))" } ?? "")
        case .decisionRecorded(let e):
            "recorded \(FollowUpKind.decision.label(e.number))"
                + (e.proposal.map { " on \(FollowUpKind.proposal.label($0))" } ?? "")
                + (e.supersedes.map { ", superseding \(FollowUpKind.decision.label($0))" } ?? "")
                + ": \(e.text)" + (e.option.map { " [option: \($0)]" } ?? "") + " (rationale: \(e.rationale))"
        case .proposalDeferred(let e): "deferred \(FollowUpKind.proposal.label(e.number)) to \(e.to): \(e.reason)"
        case .actionAdded(let e):
            "added \(FollowUpKind.action.label(e.number)) for \(e.owner), due \(e.due): \(e.title)"
                + (e.decision.map { " (follows \(FollowUpKind.decision.label($0)))" } ?? "")
        case .actionDone(let e): "completed \(FollowUpKind.action.label(e.number))" + (e.note.map { ": \($0)" } ?? "")
        case .actionCancelled(let e): "cancelled \(FollowUpKind.action.label(e.number)): \(e.reason)"
        case .actionReassigned(let e): "reassigned \(FollowUpKind.action.label(e.number)) from \(e.from) to \(e.to)"
        case .escalationRaised(let e):
            "raised E-\(e.number): \(EscalationWords.message(e)); told " + (e.told.isEmpty ? "nobody" : e.told.joined(separator: ", "))
                + (e.unheld.isEmpty ? "" : " (nobody holds \(e.unheld.joined(separator: ", ")))")
        case .escalationResolved(let e): "resolved E-\(e.number): \(EscalationWords.because(e))"
        case .scenarioAdded(let e): "added scenario \(e.name) of \(e.stage) \(e.input): \(e.content.summary)"
        }
    }
}
