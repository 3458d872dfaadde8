import SOPCore
import Testing

/// `action add|done|cancel|reassign`: follow-up actions with an owner and a due date.
@Suite struct ActionTests {
    static let due = Day(year: 2026, month: 11, day: 20)

    /// A-1, owned by paul, added by eve (who holds no role: anyone may add).
    func withAction() throws -> Cycle {
        var c = try Cycle.exec()
        try c.run(.action("Confirm overtime with the union", owner: "paul", due: Self.due), as: "eve")
        return c
    }

    // MARK: add

    @Test func addingRecordsEverything() throws {
        var c = try Cycle.exec()
        try c.run(.decide(nil, "Add a shift"), as: "omar")
        let produced = try c.run(
            .action(" Confirm overtime with the union ", owner: "paul", due: Self.due, decision: 1, stage: "pre-sop"), as: "eve")
        #expect(produced == [
            .actionAdded(ActionAdded(
                number: 1, title: "Confirm overtime with the union", owner: "paul", due: Self.due, decision: 1, stage: "pre-sop"))
        ])
        let a = try #require(c.register.actions[1])
        #expect(a.label == "A-1")
        #expect(a.cycle == "2026-11" && a.by == "eve" && a.owner == "paul")
        #expect(a.state == .open && a.isOpen)
        #expect(a.closedBy == nil && a.closingNote == nil && a.reassignments.isEmpty)
        #expect(c.openActionLabels == ["A-1"])
    }

    @Test func theNumberComesFromTheContext() throws {
        let c = try Cycle.exec()
        let produced = try c.state.decide(
            .action("Call", owner: "paul", due: Self.due), by: try c.participant("eve"), team: c.team,
            context: DecisionContext(next: NextNumbers(action: 12), today: Cycle.today))
        #expect(produced.first == .actionAdded(ActionAdded(number: 12, title: "Call", owner: "paul", due: Self.due, decision: nil, stage: nil)))
    }

    @Test(arguments: ["", "  "])
    func aTitleIsRequired(title: String) throws {
        var c = try Cycle.exec()
        let r = c.refusal(.action(title, owner: "paul", due: Self.due), as: "eve")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("title is empty") == true, "\(r?.message ?? "")")
    }

    @Test func anUnknownOwner() throws {
        var c = try Cycle.exec()
        let r = c.refusal(.action("Call the union", owner: "pual", due: Self.due), as: "eve")
        #expect(r?.rule == .unknownParticipant)
        #expect(r?.message.contains("pual") == true)
        #expect(r?.fix.contains("paul") == true, "lists the team: \(r?.fix ?? "")")
    }

    @Test func aDueDateInThePastIsRefusedTodayIsFine() throws {
        var c = try Cycle.exec()
        c.today = try ExecFixture.day("2026-11-10")
        let r = c.refusal(.action("Call", owner: "paul", due: try ExecFixture.day("2026-11-09")), as: "eve")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("2026-11-09 is in the past (today is 2026-11-10)") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("2026-11-10") == true)
        try c.run(.action("Call", owner: "paul", due: c.today), as: "eve")
        #expect(c.openActionLabels == ["A-1"])
    }

    /// Without a date in the context (replaying, importing) no due date is refused.
    @Test func withoutTodayAnyDueDate() throws {
        let c = try Cycle.exec()
        let old = try ExecFixture.day("2020-01-01")
        let produced = try c.state.decide(.action("Call", owner: "paul", due: old), by: try c.participant("eve"), team: c.team)
        #expect(produced.count == 1)
    }

    @Test func anUnknownDecision() throws {
        var c = try Cycle.exec()
        let r = c.refusal(.action("Call", owner: "paul", due: Self.due, decision: 7), as: "eve")
        #expect(r?.rule == .unknownItem)
        #expect(r?.message.contains("D-7") == true)
    }

    @Test func anUnknownStage() throws {
        var c = try Cycle.exec()
        let r = c.refusal(.action("Call", owner: "paul", due: Self.due, stage: "supply"), as: "eve")
        #expect(r?.rule == .unknownStage)
    }

    // MARK: done, cancel, reassign

    @Test func theOwnerCompletes() throws {
        var c = try withAction()
        let produced = try c.run(.completeAction(1, note: "  agreed for weeks 49-51 "), as: "paul")
        #expect(produced == [.actionDone(ActionDone(number: 1, note: "agreed for weeks 49-51"))])
        let a = try #require(c.register.actions[1])
        #expect(a.state == .done && !a.isOpen)
        #expect(a.closedBy == "paul" && a.closedIn == "2026-11" && a.closedAt == c.clock)
        #expect(a.closingNote == "agreed for weeks 49-51")
        #expect(c.openActionLabels.isEmpty)
        #expect(c.register.actions(of: "2026-11").map(\.label) == ["A-1"], "a closed action stays listed in its cycle")
    }

    @Test func aBlankNoteIsNoNote() throws {
        var c = try withAction()
        let produced = try c.run(.completeAction(1, note: "  "), as: "paul")
        #expect(produced == [.actionDone(ActionDone(number: 1, note: nil))])
    }

    @Test func theLeaderMayCloseAnyAction() throws {
        var c = try withAction()
        try c.run(.reassignAction(1, owner: "fiona"), as: "maria")
        try c.run(.cancelAction(1, reason: "no longer needed"), as: "maria")
        let a = try #require(c.register.actions[1])
        #expect(a.state == .cancelled)
        #expect(a.closedBy == "maria")
        #expect(a.closingNote == "no longer needed")
    }

    static let closing: [CycleCommand] = [
        .completeAction(1, note: nil), .cancelAction(1, reason: "moot"), .reassignAction(1, owner: "fiona"),
    ]

    /// Only the owner or the leader: not the one who added it, nor the sponsor.
    @Test(arguments: closing, ["eve", "omar", "dan", "fiona"])
    func othersMayNot(command: CycleCommand, who: String) throws {
        var c = try withAction()
        let r = c.refusal(command, as: who)
        #expect(r?.rule == .permission)
        #expect(r?.message.contains("A-1") == true)
        #expect(r?.message.contains("the leader or its owner paul") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("maria") == true && r?.fix.contains("paul") == true, "\(r?.fix ?? "")")
    }

    @Test(arguments: closing, [CycleCommand.completeAction(1, note: "done"), .cancelAction(1, reason: "moot")])
    func aClosedActionStaysClosed(command: CycleCommand, first: CycleCommand) throws {
        var c = try withAction()
        try c.run(first, as: "paul")
        for who in ["paul", "maria"] {
            let r = c.refusal(command, as: who)
            #expect(r?.rule == .itemState, "\(who)")
            #expect(r?.message.contains("A-1 is already \(c.register.actions[1]?.state.rawValue ?? "?") (by paul") == true, "\(r?.message ?? "")")
        }
    }

    @Test(arguments: ["", " "])
    func cancellingNeedsAReason(reason: String) throws {
        var c = try withAction()
        let r = c.refusal(.cancelAction(1, reason: reason), as: "paul")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("reason is empty") == true)
    }

    @Test func reassigningHandsTheActionOver() throws {
        var c = try withAction()
        let produced = try c.run(.reassignAction(1, owner: "fiona"), as: "paul")
        #expect(produced == [.actionReassigned(ActionReassigned(number: 1, from: "paul", to: "fiona"))])
        let a = try #require(c.register.actions[1])
        #expect(a.owner == "fiona")
        #expect(a.reassignments.map(\.from) == ["paul"] && a.reassignments.map(\.to) == ["fiona"])
        #expect(a.reassignments.first?.by == "paul")
        #expect(c.refusal(.completeAction(1, note: nil), as: "paul")?.rule == .permission, "paul no longer owns it")
        try c.run(.completeAction(1, note: nil), as: "fiona")
        #expect(c.register.actions[1]?.state == .done)
    }

    @Test func reassigningToTheSameOwner() throws {
        var c = try withAction()
        let r = c.refusal(.reassignAction(1, owner: "paul"), as: "maria")
        #expect(r?.rule == .badArgument)
        #expect(r?.message.contains("A-1 is already owned by paul") == true, "\(r?.message ?? "")")
    }

    @Test func reassigningToSomeoneNotOnTheTeam() throws {
        var c = try withAction()
        let r = c.refusal(.reassignAction(1, owner: "zoe"), as: "paul")
        #expect(r?.rule == .unknownParticipant)
        #expect(r?.message.contains("zoe") == true)
    }

    @Test(arguments: closing)
    func anUnknownAction(command: CycleCommand) throws {
        var c = try withAction()
        let unknown: CycleCommand =
            switch command {
            case .completeAction: .completeAction(9, note: nil)
            case .cancelAction: .cancelAction(9, reason: "moot")
            default: .reassignAction(9, owner: "fiona")
            }
        let r = c.refusal(unknown, as: "maria")
        #expect(r?.rule == .unknownItem)
        #expect(r?.message.contains("A-9") == true)
        #expect(r?.fix.contains("A-1") == true, "lists the open actions: \(r?.fix ?? "")")
    }
}
