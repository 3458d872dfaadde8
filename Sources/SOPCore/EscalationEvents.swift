import Foundation

/// What an escalation is about. A late stage and a slow sign-off are cycle-scoped; an overdue action
/// is database-wide like the action itself.
public enum EscalationSubject: Sendable, Hashable, Codable {
    /// A stage past its due date and not done (its `escalation:` ladder).
    case lateStage(String)
    /// A stage waiting in review for its sign-offs (the workflow's `signoff-escalation:`).
    case signoffWait(String)
    /// An open follow-up action past its due date (the workflow's `action-escalation:`).
    case overdueAction(Int)

    /// The stage id, for stage subjects.
    public var stage: String? {
        switch self {
        case .lateStage(let id), .signoffWait(let id): id
        case .overdueAction: nil
        }
    }

    /// `supply-review`, `supply-review sign-off`, `A-3`: how lists name it.
    public var name: String {
        switch self {
        case .lateStage(let id): id
        case .signoffWait(let id): "\(id) sign-off"
        case .overdueAction(let n): FollowUpKind.action.label(n)
        }
    }

    /// The kind, as the JSON and the event payload spell it.
    public var kind: String {
        switch self {
        case .lateStage: "late-stage"
        case .signoffWait: "signoff-wait"
        case .overdueAction: "overdue-action"
        }
    }

    private enum Keys: String, CodingKey { case kind, stage, action }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "late-stage": self = .lateStage(try c.decode(String.self, forKey: .stage))
        case "signoff-wait": self = .signoffWait(try c.decode(String.self, forKey: .stage))
        case "overdue-action": self = .overdueAction(try c.decode(Int.self, forKey: .action))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown escalation kind '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .lateStage(let id), .signoffWait(let id): try c.encode(id, forKey: .stage)
        case .overdueAction(let n): try c.encode(n, forKey: .action)
        }
    }
}

/// One rung of a ladder fired: about what, how late, and who was told. SOPText words it.
public struct EscalationRaised: Sendable, Equatable, Codable {
    /// E-N, numbered across the database.
    public var number: Int
    public var subject: EscalationSubject
    /// The rung: 1 for the first step of the ladder, 2 for the next...
    public var level: Int
    /// The workdays the ladder counted when it fired: past due (from the day the stage opened, when that
    /// was later), in review, or past an action's due date. The message states the stage's true lateness.
    public var workdays: Int
    /// The roles the step names, with `owner`/`signers` already resolved.
    public var roles: [String]
    /// Participant ids notified, in team order.
    public var told: [String]
    /// Roles nobody on the team holds: named so the gap shows, since nobody got the message.
    public var unheld: [String]
    /// How late the subject was when the rung fired: a stage's workdays past due (which `workdays` may
    /// count fewer of), the workdays in review, an action's workdays overdue. Nil in events written
    /// before it was stored; those carry `message`.
    public var lateness: Int?
    /// The sentence (`supply-review is 3 workdays late, level 2`) that events stored before their data
    /// did. Kept so old events decode and read as written; new events leave it out.
    public var message: String?

    public init(
        number: Int, subject: EscalationSubject, level: Int, workdays: Int, roles: [String], told: [String],
        unheld: [String], lateness: Int
    ) {
        self.init(number: number, subject: subject, level: level, workdays: workdays, roles: roles, told: told,
                  unheld: unheld, lateness: lateness, message: nil)
    }

    /// An event as written before escalations stored their lateness: with its sentence.
    public init(
        number: Int, subject: EscalationSubject, level: Int, workdays: Int, roles: [String], told: [String],
        unheld: [String], message: String
    ) {
        self.init(number: number, subject: subject, level: level, workdays: workdays, roles: roles, told: told,
                  unheld: unheld, lateness: nil, message: message)
    }

    private init(
        number: Int, subject: EscalationSubject, level: Int, workdays: Int, roles: [String], told: [String],
        unheld: [String], lateness: Int?, message: String?
    ) {
        self.number = number
        self.subject = subject
        self.level = level
        self.workdays = workdays
        self.roles = roles
        self.told = told
        self.unheld = unheld
        self.lateness = lateness
        self.message = message
    }
}

/// The condition behind an escalation ended: the stage was done or waived, the action closed.
public struct EscalationResolved: Sendable, Equatable, Codable {
    public var number: Int
    /// What ended it. Nil in events written before it was stored; those carry `because`.
    public var reason: EscalationResolution?
    /// The sentence (`supply-review is done`) events stored before their reason did; new events leave it out.
    public var because: String?

    public init(number: Int, reason: EscalationResolution) {
        self.number = number
        self.reason = reason
        self.because = nil
    }

    /// An event as written before escalations stored their reason: with its sentence.
    public init(number: Int, because: String) {
        self.number = number
        self.reason = nil
        self.because = because
    }
}

/// Why an escalation's condition ended.
public enum EscalationResolution: Sendable, Equatable, Codable {
    case cycleCancelled(cycle: String)
    case cycleClosed(cycle: String)
    case stageDone(stage: String)
    case stageWaived(stage: String)
    /// A late stage is not past due any more (its due day moved, or it reopened before it).
    case noLongerPastDue(stage: String)
    /// A stage waiting for sign-off left review for another state than done.
    case wentBack(stage: String, to: StageState)
    case actionDone(action: Int)
    case actionCancelled(action: Int)
}
