import SOPCore
import SOPStore

/// The executive meeting's agenda, built from the cycle, its log, the follow-ups it sees and the
/// previous meeting.
public enum AgendaQueries {
    public static func agenda(_ session: Session) throws -> Agenda {
        let today = session.today
        return try session.database.read { tx -> Agenda in
            let state = try session.loadCycle(tx)
            let events = try tx.events(cycle: state.id)
            let register = try tx.followUps(visibleIn: state.id)
            var previous: PreviousMeeting? = nil
            if let earlier = PreviousMeeting.cycle(before: state.id, among: try tx.cycles().filter { !$0.cancelled }.map(\.id)),
                let before = try tx.loadCycle(earlier)
            {
                previous = PreviousMeeting(of: before)
            }
            return Agenda.build(cycle: state, events: events, register: register, previous: previous, today: today)
        }
    }
}
