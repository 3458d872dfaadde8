import SOPCore
import SOPStore

/// Reading what `metrics` and `log --refused` report.
public enum ProcessQueries {
    /// The process measured over the last `window` cycles.
    public static func metrics(_ session: Session, window: Int) throws -> ProcessMetrics {
        let today = session.today
        let (cycles, register) = try session.database.read { tx in
            let cycles = try tx.recentCycleHistories(window)
            return (cycles, try tx.followUps(raisedIn: cycles.map(\.id)))
        }
        return ProcessMetrics(cycles: cycles, followUps: register, today: today)
    }

    /// The access log, newest last; only for those `AccessLogReaders` allows.
    public static func refusedAttempts(_ session: Session, limit: Int?) throws -> [RefusedAttempt] {
        let team = try session.team()
        let me = try session.actor(team)
        try AccessLogReaders.check(me, team: team)
        return try session.database.read { try $0.refusedAttempts(limit: limit) }
    }
}
