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
