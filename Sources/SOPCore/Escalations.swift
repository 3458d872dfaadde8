import Foundation

/// One fired rung of a ladder, from its raise to its resolution.
public struct Escalation: Sendable, Equatable, Codable {
    public var number: Int
    /// The cycle it was raised in.
    public var cycle: String
    public var subject: EscalationSubject
    public var level: Int
    public var workdays: Int
    public var roles: [String]
    public var told: [String]
    public var unheld: [String]
    /// How late the subject was when raised (`EscalationRaised.lateness`); nil for escalations raised
    /// before it was stored, which keep their `message`.
    public var lateness: Int?
    /// The sentence an escalation raised before its data was stored carries; SOPText shows it as written.
    public var message: String?
    public var raisedAt: Date
    public var resolvedAt: Date?
    /// What ended it, for resolutions stored as data.
    public var resolution: EscalationResolution?
    /// The sentence a resolution stored before its reason was carries; SOPText shows it as written.
    public var resolvedBecause: String?

    public var label: String { "E-\(number)" }
    public var isLive: Bool { resolvedAt == nil }

    /// Whether cycle `id` lists it: its own stages' escalations, and live ones about actions (an action
    /// carries over, and so does its escalation).
    public func isSeen(by id: String) -> Bool { cycle == id || (isLive && subject.stage == nil) }

    /// Whether it is about `subject` in `cycle`: stage subjects belong to one cycle, actions to none.
    public func concerns(_ subject: EscalationSubject, in cycle: String) -> Bool {
        self.subject == subject && (subject.stage == nil || self.cycle == cycle)
    }
}

/// The escalations on record, folded from `escalation-raised` and `escalation-resolved` events.
public struct EscalationRegister: Sendable, Equatable {
    public private(set) var byNumber: [Int: Escalation]

    public init(_ escalations: [Escalation] = []) {
        byNumber = Dictionary(escalations.map { ($0.number, $0) }, uniquingKeysWith: { _, last in last })
    }

    public var all: [Escalation] { byNumber.values.sorted { $0.number < $1.number } }
    public var live: [Escalation] { all.filter(\.isLive) }

    /// Whether escalation `number` still asks for someone to act: a notification about one that was
    /// resolved (its stage done or waived, its action closed) is history, not news.
    public func isLive(_ number: Int) -> Bool { byNumber[number]?.isLive ?? false }

    /// Applies one event; returns the escalation it touched, if any.
    @discardableResult
    public mutating func apply(_ event: CycleEvent) -> Escalation? {
        switch event.payload {
        case .escalationRaised(let e):
            let escalation = Escalation(
                number: e.number, cycle: event.cycle, subject: e.subject, level: e.level, workdays: e.workdays, roles: e.roles,
                told: e.told, unheld: e.unheld, lateness: e.lateness, message: e.message, raisedAt: event.time, resolvedAt: nil,
                resolution: nil, resolvedBecause: nil)
            byNumber[e.number] = escalation
            return escalation
        case .escalationResolved(let e):
            guard var escalation = byNumber[e.number] else { return nil }
            escalation.resolvedAt = event.time
            escalation.resolution = e.reason
            escalation.resolvedBecause = e.because
            byNumber[e.number] = escalation
            return escalation
        default:
            return nil
        }
    }

    /// The live escalation of `subject` at `level` in `cycle`, if one is on record: the ladder fires a rung once
    /// per episode, so running `escalate` twice raises nothing twice.
    public func live(_ subject: EscalationSubject, level: Int, in cycle: String) -> Escalation? {
        byNumber.values.first { $0.isLive && $0.level == level && $0.concerns(subject, in: cycle) }
    }
}
