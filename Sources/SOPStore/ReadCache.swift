import Foundation
import SOPCore
import Synchronization

/// What one open database has already read and decoded, so a command reads only what changed since:
/// the folded state of recent cycles (up to the last event folded), the follow-up items a cycle sees
/// (up to the last `follow_ups` revision read), and workflow models by hash.
///
/// It can never serve stale state because every entry is brought up to date inside the transaction
/// that uses it: events are append-only with increasing `seq`, and every change to a `follow_ups` row
/// raises its `revision` (triggers of `v6-performance`), so "what is newer than the entry" is one
/// indexed range read, and it runs under the command's own `BEGIN IMMEDIATE`, after any other
/// process's commit. Entries are published only after their transaction ends well, so a rolled-back
/// command leaves nothing behind.
final class ReadCache: Sendable {
    struct Cycle {
        var state: CycleState
        /// The `cycle-opened` event: a cycle id reused in another file would not match.
        var openedSeq: Int64
        /// The last event folded into `state`.
        var lastSeq: Int64
    }

    struct FollowUps {
        var register: FollowUpRegister
        /// The highest `follow_ups.revision` the register reflects.
        var revision: Int64
    }

    /// Enough cycles for a REPL moving between recent months; `cycle list` over ten years cycles through.
    static let cycleLimit = 24
    static let followUpLimit = 8

    private struct Entries {
        var workflows: [String: Workflow] = [:]
        var cycles: [String: (entry: Cycle, used: Int)] = [:]
        var followUps: [String: (entry: FollowUps, used: Int)] = [:]
        var team: (stored: String, team: Team)?
        var clock = 0
    }

    private let entries = Mutex(Entries())

    func workflow(_ hash: String) -> Workflow? { entries.withLock { $0.workflows[hash] } }

    /// The team decoded from exactly these stored rows (all their columns, in order, as one string), if
    /// it was decoded before.
    func team(_ stored: String) -> Team? {
        entries.withLock { e in e.team.flatMap { $0.stored == stored ? $0.team : nil } }
    }

    /// A decoding of stored rows stays true whatever transaction read them: kept at once.
    func keep(_ team: Team, stored: String) { entries.withLock { $0.team = (stored, team) } }

    func cycle(_ id: String) -> Cycle? {
        entries.withLock { e in
            guard let found = e.cycles[id] else { return nil }
            e.clock += 1
            e.cycles[id]?.used = e.clock
            return found.entry
        }
    }

    func followUps(_ id: String) -> FollowUps? {
        entries.withLock { e in
            guard let found = e.followUps[id] else { return nil }
            e.clock += 1
            e.followUps[id]?.used = e.clock
            return found.entry
        }
    }

    /// Removes and returns a cycle's follow-up items, so the caller updates them in place instead of
    /// copying every item (a register shared with the cache is copied on its first change).
    func takeFollowUps(_ id: String) -> FollowUps? {
        entries.withLock { $0.followUps.removeValue(forKey: id)?.entry }
    }

    /// Takes what a finished transaction read.
    fileprivate func publish(_ staged: Staged) {
        entries.withLock { e in
            e.workflows.merge(staged.workflows) { _, new in new }
            for (id, cycle) in staged.cycles {
                // Never replace an entry with an older one (a read that started before a write ended).
                if let known = e.cycles[id]?.entry, known.openedSeq == cycle.openedSeq, known.lastSeq > cycle.lastSeq { continue }
                e.clock += 1
                e.cycles[id] = (cycle, e.clock)
            }
            for (id, followUps) in staged.followUps {
                if let known = e.followUps[id]?.entry, known.revision > followUps.revision { continue }
                e.clock += 1
                e.followUps[id] = (followUps, e.clock)
            }
            Self.trim(&e.cycles, to: Self.cycleLimit)
            Self.trim(&e.followUps, to: Self.followUpLimit)
        }
    }

    /// Drops the least recently used entries beyond `limit`.
    private static func trim<T>(_ entries: inout [String: (entry: T, used: Int)], to limit: Int) {
        guard entries.count > limit else { return }
        for (id, _) in entries.sorted(by: { $0.value.used < $1.value.used }).prefix(entries.count - limit) {
            entries[id] = nil
        }
    }

    /// Forgets everything (tests, and a database replaced underneath).
    func clear() { entries.withLock { $0 = Entries() } }

    fileprivate struct Staged {
        var workflows: [String: Workflow] = [:]
        var cycles: [String: Cycle] = [:]
        var followUps: [String: FollowUps] = [:]
    }
}

/// One transaction's view of the cache: lookups checked against the transaction's own snapshot, and
/// what it read, held back until the transaction has committed (or, for a read, ended).
final class TransactionCache {
    private let shared: ReadCache
    private var staged = ReadCache.Staged()

    init(_ shared: ReadCache) { self.shared = shared }

    func workflow(_ hash: String) -> Workflow? { staged.workflows[hash] ?? shared.workflow(hash) }
    func cycle(_ id: String) -> ReadCache.Cycle? { staged.cycles[id] ?? shared.cycle(id) }
    func followUps(_ id: String) -> ReadCache.FollowUps? { staged.followUps[id] ?? shared.followUps(id) }
    func team(_ stored: String) -> Team? { shared.team(stored) }
    func keep(_ team: Team, stored: String) { shared.keep(team, stored: stored) }

    /// See `ReadCache.takeFollowUps`: also out of this transaction's own entries.
    func takeFollowUps(_ id: String) -> ReadCache.FollowUps? {
        let shared = shared.takeFollowUps(id)
        return staged.followUps.removeValue(forKey: id) ?? shared
    }

    func keep(_ workflow: Workflow, hash: String) { staged.workflows[hash] = workflow }
    func keep(_ cycle: ReadCache.Cycle) { staged.cycles[cycle.state.id] = cycle }
    func keep(_ followUps: ReadCache.FollowUps, for id: String) { staged.followUps[id] = followUps }

    /// The transaction ended well: what it read is now what every later transaction may build on.
    func publish() { shared.publish(staged) }
}
