import Foundation
@testable import SOPCore
import SOPText
import Testing

/// The agenda's workflow: the test S&OP chain, with an executive meeting that requires decisions,
/// a stage after the meeting, and supply named as the critical-constraints stage.
///
///     gather -> demand -> supply -> finance -> exec (requires: [decisions]) -> publish
enum AgendaFixture {
    static func workflow(constraints: [String] = ["supply"], meeting: Bool = true) -> Workflow {
        Workflow(
            id: "agenda-sop", title: "Agenda test S&OP",
            roles: [
                Role(id: "leader", title: "S&OP leader"), Role(id: "sponsor", title: "Executive sponsor"),
                Role(id: "demand", title: "Demand planner"), Role(id: "sales", title: "Sales lead"),
                Role(id: "supply", title: "Supply planner"), Role(id: "finance", title: "Finance controller"),
            ],
            stages: [
                Stage(id: "gather", title: "Data gathering", owner: "demand", due: 3, inputs: [InputSpec(id: "history")], signoffs: ["demand"]),
                Stage(
                    id: "demand", title: "Demand review", owner: "demand", after: ["gather"], due: 8,
                    inputs: [
                        InputSpec(id: "forecast", title: "Unconstrained forecast"),
                        InputSpec(id: "assumptions", title: "Demand assumptions", format: .text),
                        InputSpec(id: "dashboard", title: "Forecast dashboard", format: .link),
                    ],
                    signoffs: ["demand", "sales"]),
                Stage(
                    id: "supply", title: "Supply review", owner: "supply", after: ["demand"], due: 10,
                    inputs: [InputSpec(id: "constraints", title: "Capacity constraints", format: .text)], signoffs: ["supply"]),
                Stage(
                    id: "finance", title: "Financial review", owner: "finance", after: ["supply"], due: 12,
                    inputs: [InputSpec(id: "financials", title: "Financial plan", format: .text)], signoffs: ["finance"]),
                Stage(
                    id: "exec", title: "Executive meeting", owner: "leader", after: ["finance"], due: 15,
                    signoffs: ["sponsor"], requires: meeting ? [.decisions] : []),
                Stage(
                    id: "publish", title: "Publish the plan", owner: "supply", after: ["exec"], due: 17,
                    inputs: [InputSpec(id: "published", format: .link)], signoffs: ["leader"]),
            ],
            agenda: AgendaSources(constraints: constraints))
    }

    static let reviewed = ["gather", "demand", "supply", "finance"]

    static func day(_ text: String) -> Day { Day(text)! }

    /// `hour`:00 UTC on `day`.
    static func time(_ day: String, _ hour: Int = 9) -> Date {
        Date(timeIntervalSince1970: TimeInterval(Self.day(day).ordinal * 86_400 + hour * 3_600))
    }
}

/// A cycle built event by event, the way the store hands the agenda its inputs: the folded state, the
/// log, and the follow-up register (which may already hold earlier cycles' items).
struct AgendaScene {
    let id: String
    private(set) var state: CycleState
    private(set) var events: [CycleEvent]
    private(set) var register: FollowUpRegister
    private(set) var clock: Date

    init(_ id: String = "2026-11", workflow: Workflow = AgendaFixture.workflow(), register: FollowUpRegister = FollowUpRegister()) {
        self.id = id
        let opened = CycleEvent(
            seq: 1, cycle: id, time: AgendaFixture.time("\(id)-02", 8), actor: "maria",
            payload: .cycleOpened(CycleOpened(workflow: workflow.id, workflowHash: "hash")))
        state = CycleState.fold([opened], workflow: workflow)!
        events = [opened]
        self.register = register
        clock = opened.time
    }

    /// Later events happen on `day`, from `hour`:00, ten minutes apart.
    mutating func on(_ day: String, _ hour: Int = 9) { clock = AgendaFixture.time(day, hour).addingTimeInterval(-600) }

    mutating func add(_ actor: String, _ payload: EventPayload) {
        clock = clock.addingTimeInterval(600)
        let event = CycleEvent(seq: Int64(events.count + 1), cycle: id, time: clock, actor: actor, payload: payload)
        state.apply(event)
        register.apply(event)
        events.append(event)
    }

    mutating func submit(_ stage: String, _ input: String, _ content: SubmittedContent, by: String) {
        let version = (state.record(stage).inputs[input]?.version ?? 0) + 1
        add(by, .inputSubmitted(InputSubmitted(stage: stage, input: input, version: version, content: content)))
    }

    mutating func note(_ stage: String, _ input: String, _ text: String, by: String) { submit(stage, input, .note(text), by: by) }

    mutating func sign(_ stage: String, _ role: String, by: String, comment: String? = nil) {
        let basis = state.currentBasis(of: state.workflow.stage(stage)!)
        add(by, .signedOff(SignedOff(stage: stage, role: role, comment: comment, basis: basis)))
    }

    mutating func reject(_ stage: String, _ inputs: [String], _ reason: String, by: String) {
        add(by, .rejected(Rejected(stage: stage, reason: reason, inputs: inputs)))
    }

    mutating func waive(_ stage: String, _ reason: String) { add("maria", .waived(Waived(stage: stage, reason: reason))) }

    private func next(_ numbers: some Collection<Int>) -> Int { (numbers.max() ?? 0) + 1 }

    @discardableResult
    mutating func propose(_ text: String, stage: String? = nil, options: [String] = [], by: String = "maria") -> Int {
        let n = next(register.proposals.keys)
        add(by, .proposalRaised(ProposalRaised(number: n, text: text, stage: stage, options: options)))
        return n
    }

    @discardableResult
    mutating func decide(_ text: String, proposal: Int? = nil, option: String? = nil, supersedes: Int? = nil) -> Int {
        let n = next(register.decisions.keys)
        add("omar", .decisionRecorded(DecisionRecorded(
            number: n, text: text, rationale: "because \(text)", option: option, proposal: proposal, supersedes: supersedes)))
        return n
    }

    mutating func defer_(_ proposal: Int, to: String, reason: String) {
        add("omar", .proposalDeferred(ProposalDeferred(number: proposal, to: to, reason: reason)))
    }

    @discardableResult
    mutating func action(_ title: String, owner: String, due: String, decision: Int? = nil) -> Int {
        let n = next(register.actions.keys)
        add("maria", .actionAdded(ActionAdded(number: n, title: title, owner: owner, due: AgendaFixture.day(due), decision: decision, stage: nil)))
        return n
    }

    mutating func done(_ action: Int) { add("maria", .actionDone(ActionDone(number: action, note: "finished"))) }

    // Stage shortcuts.
    mutating func completeGather() {
        note("gather", "history", "exported from the ERP", by: "dan")
        sign("gather", "demand", by: "dan")
    }

    mutating func fillDemand() {
        submit("demand", "forecast", .file(name: "forecast-nov.csv", sha256: "abc", size: 42), by: "dan")
        note("demand", "assumptions", "promo in week 47", by: "dan")
        submit("demand", "dashboard", .link("https://bi.example.com/forecast/11"), by: "sally")
    }

    mutating func completeDemand() {
        fillDemand()
        sign("demand", "demand", by: "dan", comment: "forecast agreed with sales")
        sign("demand", "sales", by: "sally")
    }

    mutating func completeSupply(_ constraints: String = "line 2 at 95% capacity") {
        note("supply", "constraints", constraints, by: "paul")
        sign("supply", "supply", by: "paul", comment: "no slack on line 2")
    }

    func agenda(today: String, previous: PreviousMeeting? = nil, earlierDecisions: [Decision] = []) -> Agenda {
        Agenda.build(
            cycle: state, events: events, register: register, previous: previous, today: AgendaFixture.day(today),
            earlierDecisions: earlierDecisions)
    }
}

@Suite struct AgendaTests {
    // MARK: header and empty cycle

    @Test func aFreshCycleSaysNothingIsRecordedInEverySection() {
        let a = AgendaScene().agenda(today: "2026-11-03")
        #expect(a.cycle == "2026-11")
        #expect(a.workflow == "agenda-sop")
        #expect(a.workflowTitle == "Agenda test S&OP")
        #expect(a.cycleState == "open")
        #expect(a.preparedOn == AgendaFixture.day("2026-11-03"))
        #expect(a.previousMeeting == nil)
        #expect(a.meeting?.stage == "exec")
        #expect(a.meeting?.title == "Executive meeting")
        // November 2026 starts on a Sunday: the 15th workday is the 20th.
        #expect(a.meeting?.due == AgendaFixture.day("2026-11-20"))
        #expect(a.meeting?.state == .waiting)
        #expect(a.changes.isEmpty)
        #expect(a.stagePerformance.map(\.timeliness) == Array(repeating: .notYetDue, count: 6))
        #expect(a.reviews.map(\.stage) == AgendaFixture.reviewed)
        #expect(a.reviews.allSatisfy { $0.isEmpty })
        #expect(a.risks.isEmpty)
        #expect(a.decisionsNeeded.isEmpty)
        #expect(a.decisionsRecorded.isEmpty)
        #expect(a.criticalConstraints.sourceStages == ["supply"])
        #expect(a.criticalConstraints.stages.map(\.stage) == ["supply"])
        #expect(a.criticalConstraints.stages[0].isEmpty)
        #expect(a.followUpActions.open.isEmpty && a.followUpActions.overdue.isEmpty && a.followUpActions.dueBeforeNextMeeting.isEmpty)
    }

    @Test func theNextMeetingIsTheMeetingStagesDueDateNextMonth() {
        // December 2026 starts on a Tuesday: its 15th workday is the 21st.
        #expect(AgendaScene().agenda(today: "2026-11-03").followUpActions.nextMeeting == AgendaFixture.day("2026-12-21"))
        // December's meeting looks ahead to January 2027 (1 Jan is a Friday): 15th workday = 21 Jan.
        #expect(AgendaScene("2026-12").agenda(today: "2026-12-01").followUpActions.nextMeeting == AgendaFixture.day("2027-01-21"))
        let holidays = WorkCalendar(holidays: [AgendaFixture.day("2026-12-01")])
        var workflow = AgendaFixture.workflow()
        workflow.calendar = holidays
        #expect(AgendaScene(workflow: workflow).agenda(today: "2026-11-03").followUpActions.nextMeeting == AgendaFixture.day("2026-12-22"))
    }

    @Test func withoutAMeetingStageEveryStageIsReviewedAndTheNextMeetingIsUnknown() {
        var s = AgendaScene(workflow: AgendaFixture.workflow(meeting: false))
        s.action("Fix the ERP export", owner: "dan", due: "2026-11-30")
        let a = s.agenda(today: "2026-11-03")
        #expect(a.meeting == nil)
        #expect(a.reviews.map(\.stage) == ["gather", "demand", "supply", "finance", "exec", "publish"])
        #expect(a.followUpActions.nextMeeting == nil)
        #expect(a.followUpActions.open.map(\.id) == ["A-1"])
        #expect(a.followUpActions.dueBeforeNextMeeting.isEmpty)
    }

    @Test func aClosedCycleSaysSo() {
        var s = AgendaScene()
        s.add("maria", .cycleClosed(CycleClosed()))
        #expect(s.agenda(today: "2026-11-30").cycleState == "closed")
    }

    // MARK: 1. what changed

    @Test func resubmissionsListEveryVersionAfterTheFirst() {
        var s = AgendaScene()
        s.completeGather()
        s.on("2026-11-05")
        s.fillDemand()
        s.on("2026-11-06", 14)
        s.note("demand", "assumptions", "promo moved to week 48", by: "dora")
        s.note("demand", "assumptions", "promo cancelled", by: "dan")
        let r = s.agenda(today: "2026-11-06").changes.resubmissions
        #expect(r.map(\.version) == [2, 3])
        #expect(r.map(\.by) == ["dora", "dan"])
        #expect(r[0].stage == "demand" && r[0].stageTitle == "Demand review" && r[0].input == "assumptions")
        #expect(Stamp.minute(r[0].at) == "2026-11-06 14:00Z")
        #expect(r[1].content == Agenda.Content(kind: .note, value: "promo cancelled"))
    }

    @Test func aStageThatWasDoneAndWentBackIsReopenedWithItsCause() {
        var s = AgendaScene()
        s.completeGather()
        s.completeDemand()
        s.on("2026-11-09", 11)
        s.note("gather", "history", "re-exported after the ERP fix", by: "dan")
        let a = s.agenda(today: "2026-11-09")
        let reopened = a.changes.reopenedStages
        #expect(reopened.map(\.stage) == ["gather", "demand"], "the stage and its done downstream stage both went back")
        #expect(Stamp.minute(reopened[0].at) == "2026-11-09 11:00Z")
        #expect(reopened[0].because.contains("history was resubmitted by dan"))
        #expect(reopened[0].stateNow == .review)
        #expect(reopened[1].because.contains("history was resubmitted by dan"))
        #expect(a.changes.resubmissions.map(\.input) == ["history"])
    }

    @Test func aStageDoneAgainAfterReopeningShowsItsStateNow() {
        var s = AgendaScene()
        s.completeGather()
        s.reject("gather", ["history"], "wrong month", by: "maria")
        s.note("gather", "history", "the right month", by: "dan")
        s.sign("gather", "demand", by: "dan")
        let reopened = s.agenda(today: "2026-11-03").changes.reopenedStages
        #expect(reopened.count == 1)
        #expect(reopened[0].because.contains("rejected gather"))
        #expect(reopened[0].stateNow == .done)
    }

    @Test func newProposalsAreThoseRaisedSinceThePreviousMeeting() {
        var october = AgendaScene("2026-10")
        october.on("2026-10-05")
        october.propose("Raise safety stock")  // P-1: before October's meeting, still open
        october.on("2026-10-22")
        october.propose("Second shift")  // P-2: after October's meeting
        var s = AgendaScene(register: october.register)
        s.on("2026-11-04")
        s.propose("Drop the blue variant")  // P-3
        let held = PreviousMeeting(cycle: "2026-10", heldAt: AgendaFixture.time("2026-10-21", 15))
        let a = s.agenda(today: "2026-11-04", previous: held)
        #expect(a.previousMeeting == Agenda.PreviousMeetingInfo(cycle: "2026-10", heldAt: AgendaFixture.time("2026-10-21", 15)))
        #expect(a.changes.newProposals.map(\.id) == ["P-2", "P-3"])
        #expect(a.decisionsNeeded.map(\.id) == ["P-1", "P-2", "P-3"], "every open proposal still needs a decision")
        // Without a held meeting to measure from, the new ones are this cycle's own.
        let notHeld = s.agenda(today: "2026-11-04", previous: PreviousMeeting(cycle: "2026-10", heldAt: nil))
        #expect(notHeld.changes.newProposals.map(\.id) == ["P-3"])
        #expect(s.agenda(today: "2026-11-04", previous: nil).changes.newProposals.map(\.id) == ["P-3"])
    }

    // MARK: 2. performance

    @Test func stagesAreMeasuredAgainstTheirDueDatesInWorkdays() {
        var s = AgendaScene()
        s.on("2026-11-04")  // gather due 2026-11-04
        s.completeGather()
        s.on("2026-11-16")  // demand due 2026-11-11: the 12th, 13th and 16th are 3 workdays late
        s.completeDemand()
        s.waive("supply", "supplier data missing")
        // finance due 2026-11-17, still open on the 19th: 2 workdays overdue; exec due on the 20th.
        let a = s.agenda(today: "2026-11-19")
        let p = Dictionary(uniqueKeysWithValues: a.stagePerformance.map { ($0.stage, $0) })
        #expect(p["gather"]?.timeliness == .onTime)
        #expect(p["gather"]?.completedOn == AgendaFixture.day("2026-11-04"))
        #expect(p["gather"]?.due == AgendaFixture.day("2026-11-04"))
        #expect(p["demand"]?.timeliness == .late)
        #expect(p["demand"]?.workdays == 3)
        #expect(p["demand"]?.completedOn == AgendaFixture.day("2026-11-16"))
        #expect(p["supply"]?.timeliness == .waived)
        #expect(p["finance"]?.timeliness == .overdue)
        #expect(p["finance"]?.workdays == 2)
        #expect(p["finance"]?.state == .open)
        #expect(p["finance"]?.completedOn == nil)
        #expect(p["exec"]?.timeliness == .notYetDue)
        #expect(a.stagePerformance.map(\.stage) == ["gather", "demand", "supply", "finance", "exec", "publish"])
        #expect(a.meeting?.overdueDays == 0)
    }

    @Test func aWeekendAfterTheDueDateIsNotLateness() {
        var s = AgendaScene()
        s.completeGather()
        s.fillDemand()
        s.on("2026-11-14")  // a Saturday; demand was due Wednesday the 11th
        s.sign("demand", "demand", by: "dan")
        s.sign("demand", "sales", by: "sally")
        let demand = s.agenda(today: "2026-11-16").stagePerformance[1]
        #expect(demand.timeliness == .late && demand.workdays == 2)
        let fresh = AgendaScene().agenda(today: "2026-11-07")  // a Saturday; gather was due Wednesday the 4th
        #expect(fresh.stagePerformance[0].timeliness == .overdue && fresh.stagePerformance[0].workdays == 2)
    }

    @Test func aStageWithoutADueDayIsMarkedSo() {
        var workflow = AgendaFixture.workflow()
        workflow.stages[0].due = nil
        let a = AgendaScene(workflow: workflow).agenda(today: "2026-11-30")
        #expect(a.stagePerformance[0].timeliness == .noDueDate)
        #expect(a.stagePerformance[0].due == nil)
    }

    // MARK: 3. reviews

    @Test func reviewsShowEachCurrentSubmissionInFullAndTheCurrentSignoffs() {
        var s = AgendaScene()
        s.completeGather()
        let long = String(repeating: "Promo in week 47 lifts widgets by 15 percent. ", count: 4) + "End."
        s.fillDemand()
        s.note("demand", "assumptions", long, by: "dan")
        s.sign("demand", "demand", by: "dan", comment: "agreed with sales")
        let a = s.agenda(today: "2026-11-05")
        #expect(a.reviews.map(\.stage) == ["gather", "demand", "supply", "finance"], "the meeting and the stage after it are not reviewed")
        let demand = a.reviews[1]
        #expect(demand.title == "Demand review")
        #expect(demand.state == .review)
        #expect(demand.inputs.map(\.input) == ["forecast", "assumptions", "dashboard"])
        #expect(demand.inputs[0].content == Agenda.Content(kind: .file, value: "forecast-nov.csv"))
        #expect(demand.inputs[1].content == Agenda.Content(kind: .note, value: long), "the note's text in full")
        #expect(demand.inputs[1].version == 2)
        #expect(demand.inputs[1].by == "dan")
        #expect(demand.inputs[2].content == Agenda.Content(kind: .link, value: "https://bi.example.com/forecast/11"))
        #expect(demand.inputs[2].by == "sally")
        #expect(demand.signoffs == [Agenda.SignoffNote(role: "demand", by: "dan", at: demand.signoffs.first?.at ?? .distantPast, comment: "agreed with sales")])
        let supply = a.reviews[2]
        #expect(supply.isEmpty)
        #expect(supply.inputs == [Agenda.InputRecord(
            input: "constraints", title: "Capacity constraints", content: Agenda.Content(kind: .missing, value: ""), version: 0,
            by: nil, at: nil, rejected: false)])
    }

    @Test func aStaleSignoffIsARiskNotAReviewOutcome() {
        var s = AgendaScene()
        s.completeGather()
        s.completeDemand()
        s.note("demand", "assumptions", "promo moved", by: "dan")
        let a = s.agenda(today: "2026-11-05")
        #expect(a.reviews[1].signoffs.isEmpty)
        #expect(a.risks.staleSignoffs.map(\.role) == ["demand", "sales"])
        #expect(a.risks.staleSignoffs[0].stage == "demand")
        #expect(a.risks.staleSignoffs[0].by == "dan")
        #expect(a.risks.staleSignoffs[0].because.contains("assumptions was resubmitted by dan"))
    }

    @Test func aRejectedSubmissionIsShownAsRejected() {
        var s = AgendaScene()
        s.completeGather()
        s.fillDemand()
        s.reject("demand", ["forecast"], "wrong units", by: "sally")
        let forecast = s.agenda(today: "2026-11-05").reviews[1].inputs[0]
        #expect(forecast.rejected)
    }

    // MARK: 4. risks

    @Test func rejectionsComeFromTheLogAndSayWhetherTheyWereResubmitted() {
        var s = AgendaScene()
        s.completeGather()
        s.fillDemand()
        s.on("2026-11-05", 10)
        s.reject("demand", ["forecast", "assumptions"], "wrong units", by: "sally")
        var a = s.agenda(today: "2026-11-05")
        #expect(a.risks.rejections.count == 1)
        let r = a.risks.rejections[0]
        #expect(r.stage == "demand" && r.stageTitle == "Demand review")
        #expect(r.inputs == ["forecast", "assumptions"])
        #expect(r.by == "sally" && r.reason == "wrong units" && Stamp.minute(r.at) == "2026-11-05 10:00Z")
        #expect(!r.resubmitted && r.awaitingInputs == ["forecast", "assumptions"])
        s.note("demand", "assumptions", "fixed", by: "dan")
        a = s.agenda(today: "2026-11-05")
        #expect(!a.risks.rejections[0].resubmitted && a.risks.rejections[0].awaitingInputs == ["forecast"])
        s.submit("demand", "forecast", .file(name: "forecast-v2.csv", sha256: "def", size: 40), by: "dan")
        s.reject("demand", ["forecast"], "still wrong", by: "sally")
        a = s.agenda(today: "2026-11-05")
        #expect(a.risks.rejections.map(\.resubmitted) == [true, false], "every rejection of the cycle stays listed")
        #expect(a.risks.rejections.map(\.reason) == ["wrong units", "still wrong"])
    }

    @Test func waivedStagesAndOverdueActionsAreRisks() {
        var s = AgendaScene()
        s.completeGather()
        s.completeDemand()
        s.waive("supply", "supplier portal down")
        s.action("Chase supplier data", owner: "paul", due: "2026-11-10")
        s.action("Update the price list", owner: "fiona", due: "2026-11-30")
        let a = s.agenda(today: "2026-11-12")
        #expect(a.risks.waivedStages.map(\.stage) == ["supply"])
        #expect(a.risks.waivedStages[0].reason == "supplier portal down")
        #expect(a.risks.waivedStages[0].by == "maria")
        #expect(a.risks.overdueActions.map(\.id) == ["A-1"])
        #expect(a.risks.overdueActions[0].overdueDays == 2)
        #expect(a.reviews[2].waiver?.reason == "supplier portal down")
        #expect(!a.reviews[2].isEmpty)
    }

    // MARK: 5. decisions needed

    @Test func openProposalsCarryTheirOptionsAndWhereTheyCameFrom() {
        var october = AgendaScene("2026-10")
        let deferred = october.propose("Raise prices 3%", stage: "finance", options: ["Now", "In Q1"], by: "fiona")
        october.defer_(deferred, to: "2026-11", reason: "wait for the cost study")
        let later = october.propose("Close the Lyon warehouse")
        october.defer_(later, to: "2027-01", reason: "after the lease review")
        var s = AgendaScene(register: october.register)
        let open = s.propose("Add a second shift", stage: "supply", options: ["Overtime", "Second shift", "Outsource"], by: "paul")
        let decided = s.propose("Drop the blue variant")
        s.decide("Drop it", proposal: decided)
        let a = s.agenda(today: "2026-11-12")
        #expect(a.decisionsNeeded.map(\.id) == ["P-1", "P-3"], "decided and later-deferred proposals are not needed now")
        let p1 = a.decisionsNeeded[0]
        #expect(p1.text == "Raise prices 3%")
        #expect(p1.deferredFrom == "2026-10")
        #expect(p1.deferralReason == "wait for the cost study")
        #expect(p1.raisedIn == "2026-10")
        #expect(p1.raisedBy == "fiona")
        #expect(p1.stage == "finance" && p1.stageTitle == "Financial review")
        #expect(p1.options == ["Now", "In Q1"])
        #expect(p1.state == .open)
        let p3 = a.decisionsNeeded[1]
        #expect(p3.id == "P-\(open)")
        #expect(p3.options == ["Overtime", "Second shift", "Outsource"])
        #expect(p3.deferredFrom == nil)
        #expect(p3.stageTitle == "Supply review")
        #expect(a.changes.newProposals.map(\.id) == ["P-3", "P-4"])
        #expect(a.changes.newProposals[1].state == .decided)
        #expect(a.changes.newProposals[1].decision == "D-1")
    }

    // MARK: 6. decisions recorded

    @Test func decisionsOfTheCycleShowBothSidesOfASupersession() {
        var s = AgendaScene()
        let p = s.propose("Second shift?", options: ["Yes", "No"])
        let first = s.decide("Run a second shift", proposal: p, option: "Yes")
        s.decide("Overtime instead of a second shift", proposal: p, option: "No", supersedes: first)
        s.decide("Freeze the plan for December")
        let d = s.agenda(today: "2026-11-20").decisionsRecorded
        #expect(d.map(\.id) == ["D-1", "D-2", "D-3"])
        #expect(d[0].supersededBy == "D-2" && !d[0].inForce)
        #expect(d[1].supersedes == "D-1" && d[1].inForce)
        #expect(d[1].proposal == "P-1" && d[1].proposalText == "Second shift?")
        #expect(d[1].option == "No")
        #expect(d[1].rationale == "because Overtime instead of a second shift")
        #expect(d[1].by == "omar")
        #expect(d[2].proposal == nil)
        #expect(d.allSatisfy { $0.cycle == "2026-11" })
    }

    @Test func anEarlierDecisionSupersededThisCycleIsShownToo() {
        var october = AgendaScene("2026-10")
        let old = october.decide("Hold prices")
        october.decide("Keep the Lyon warehouse")
        var s = AgendaScene(register: october.register)
        s.decide("Raise prices 2%", supersedes: old)
        let d = s.agenda(today: "2026-11-20").decisionsRecorded
        #expect(d.map(\.id) == ["D-1", "D-3"], "October's other decisions are not this cycle's")
        #expect(d[0].cycle == "2026-10" && d[0].supersededBy == "D-3")
    }

    // MARK: 7. constraints

    @Test func criticalConstraintsAreWhatTheNamedStagesRecorded() {
        var s = AgendaScene()
        s.completeGather()
        s.completeDemand()
        s.completeSupply("Line 2 runs at 95% | resin allocation cut by 10%")
        let c = s.agenda(today: "2026-11-12").criticalConstraints
        #expect(c.sourceStages == ["supply"])
        #expect(c.stages.count == 1)
        #expect(c.stages[0].inputs[0].content.value == "Line 2 runs at 95% | resin allocation cut by 10%")
        #expect(c.stages[0].signoffs.map(\.comment) == ["no slack on line 2"])
        #expect(c.stages[0].state == .done)
    }

    @Test func noConstraintStagesWhenTheWorkflowNamesNone() {
        let c = AgendaScene(workflow: AgendaFixture.workflow(constraints: [])).agenda(today: "2026-11-12").criticalConstraints
        #expect(c.sourceStages.isEmpty && c.stages.isEmpty)
    }

    // MARK: 8. actions

    @Test func actionsAreOpenCarriedOverOverdueAndDueBeforeTheNextMeeting() {
        var october = AgendaScene("2026-10")
        let carried = october.action("Qualify a second resin supplier", owner: "paul", due: "2026-11-20")
        let finished = october.action("Fix the ERP export", owner: "dan", due: "2026-10-30")
        october.done(finished)
        let lateOne = october.action("Renegotiate freight", owner: "fiona", due: "2026-11-05")
        var s = AgendaScene(register: october.register)
        let soon = s.action("Publish the price list", owner: "fiona", due: "2026-12-21")
        let afterNext = s.action("Review the Lyon lease", owner: "maria", due: "2026-12-22")
        let closed = s.action("Send the minutes", owner: "maria", due: "2026-11-21")
        s.done(closed)
        let a = s.agenda(today: "2026-11-12").followUpActions
        #expect(a.open.map(\.id) == ["A-\(carried)", "A-\(lateOne)", "A-\(soon)", "A-\(afterNext)"])
        #expect(a.open[0].carriedOverFrom == "2026-10" && a.open[0].raisedIn == "2026-10")
        #expect(a.open[2].carriedOverFrom == nil && a.open[2].raisedIn == "2026-11")
        #expect(a.open[0].owner == "paul" && a.open[0].due == AgendaFixture.day("2026-11-20"))
        #expect(a.overdue.map(\.id) == ["A-\(lateOne)"])
        #expect(a.overdue[0].overdueDays == 5, "6, 9, 10, 11, 12 November")
        #expect(a.nextMeeting == AgendaFixture.day("2026-12-21"))
        #expect(a.dueBeforeNextMeeting.map(\.id) == ["A-\(carried)", "A-\(soon)"], "due on the meeting day counts; overdue ones are listed apart")
    }

    @Test func reassignedActionsShowTheirCurrentOwner() {
        var s = AgendaScene()
        let n = s.action("Check the forecast bias", owner: "dan", due: "2026-11-30")
        s.add("maria", .actionReassigned(ActionReassigned(number: n, from: "dan", to: "dora")))
        #expect(s.agenda(today: "2026-11-12").followUpActions.open.map(\.owner) == ["dora"])
    }

    // MARK: JSON

    @Test func theJSONFormHasCamelCaseSectionsAndDatesAsText() throws {
        var s = AgendaScene()
        s.completeGather()
        s.propose("Second shift?", options: ["Yes", "No"])
        s.action("Chase supplier data", owner: "paul", due: "2026-11-10")
        let a = s.agenda(today: "2026-11-12", previous: PreviousMeeting(cycle: "2026-10", heldAt: AgendaFixture.time("2026-10-21", 15)))
        // The model holds times as `Date`; `--json` writes them through the one formatter.
        let json = JSONOutput.string(a)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "cycle", "workflow", "workflowTitle", "cycleState", "preparedOn", "meeting", "previousMeeting", "changes",
            "stagePerformance", "reviews", "risks", "decisionsNeeded", "decisionsRecorded", "criticalConstraints",
            "followUpActions", "noteLines",
        ])
        #expect(object["preparedOn"] as? String == "2026-11-12")
        #expect((object["followUpActions"] as? [String: Any])?["nextMeeting"] as? String == "2026-12-21")
        #expect(json.contains(#""timeliness" : "on-time""#))
        #expect((object["previousMeeting"] as? [String: Any])?["heldAt"] as? String == "2026-10-21 15:00Z")
        let proposal = try #require(((object["changes"] as? [String: Any])?["newProposals"] as? [[String: Any]])?.first)
        #expect(proposal["raisedAt"] as? String == "2026-11-02 08:30Z", "every time in the model is written as text, none as a number")
        let again = s.agenda(today: "2026-11-12", previous: PreviousMeeting(cycle: "2026-10", heldAt: AgendaFixture.time("2026-10-21", 15)))
        #expect(JSONOutput.string(again) == json, "the same records give the same bytes")
    }
}
