import SOPCore
import SOPText

// SOPCore hands back typed reasons; these tests were written against their words, which SOPText says.
extension StaleSignoff {
    var because: String { ReasonText.stale(reason) }
}

extension Agenda.StaleSignoffItem {
    var because: String { ReasonText.stale(reason) }
}

extension Agenda.Reopening {
    var because: String { AgendaText.because(self) }
}

extension EscalationRaised {
    var words: String { EscalationWords.message(self) }
}

extension Array where Element == EventPayload {
    /// Raises and resolutions as the sentences they read as, in the shape events had before they stored
    /// data, so a test can say what one reads as.
    var worded: [EventPayload] {
        map { payload in
            switch payload {
            case .escalationResolved(let e):
                return .escalationResolved(EscalationResolved(number: e.number, because: EscalationWords.because(e)))
            case .escalationRaised(let e):
                return .escalationRaised(EscalationRaised(
                    number: e.number, subject: e.subject, level: e.level, workdays: e.workdays, roles: e.roles, told: e.told,
                    unheld: e.unheld, message: EscalationWords.message(e)))
            default:
                return payload
            }
        }
    }
}
