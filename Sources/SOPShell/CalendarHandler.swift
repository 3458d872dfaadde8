import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// `calendar`: the month as a timeline. Colour only when the session writes to a terminal, so a pipe,
/// a file or a test never sees escape bytes.
extension Handlers {
    static func calendar(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let today = session.today
        let state = try CycleQueries.current(session)
        return Reply(
            CalendarText.render(state, today: today, colour: session.colour),
            json: CalendarText.model(state, today: today))
    }
}
