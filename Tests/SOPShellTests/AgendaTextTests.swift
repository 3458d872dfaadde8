import Foundation
@testable import SOPCore
@testable import SOPShell
import Testing
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// A November cycle of the bundled monthly workflow, built event by event, with an October behind it.
struct AgendaSample {
    let workflow: Workflow
    var state: CycleState
    var events: [CycleEvent]
    var register: FollowUpRegister
    var clock: Date

    static func time(_ day: String, _ hour: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(Day(day)!.ordinal * 86_400 + hour * 3_600))
    }

    init(register: FollowUpRegister = FollowUpRegister()) throws {
        workflow = try DatabaseSetup.bundledStarter().workflow.workflow
        let opened = CycleEvent(
            cycle: "2026-11", time: Self.time("2026-11-02", 8), actor: "maria",
            payload: .cycleOpened(CycleOpened(workflow: workflow.id, workflowHash: "hash")))
        state = CycleState.fold([opened], workflow: workflow)!
        events = [opened]
        self.register = register
        clock = opened.time
    }

    mutating func on(_ day: String, _ hour: Int = 9) { clock = Self.time(day, hour) }

    mutating func add(_ actor: String, _ payload: EventPayload, cycle: String = "2026-11") {
        clock = clock.addingTimeInterval(600)
        let event = CycleEvent(cycle: cycle, time: clock, actor: actor, payload: payload)
        if cycle == "2026-11" {
            state.apply(event)
            events.append(event)
        }
        register.apply(event)
    }

    mutating func submit(_ stage: String, _ input: String, _ content: SubmittedContent, by: String) {
        let version = (state.record(stage).inputs[input]?.version ?? 0) + 1
        add(by, .inputSubmitted(InputSubmitted(stage: stage, input: input, version: version, content: content)))
    }

    mutating func file(_ stage: String, _ input: String, _ name: String, by: String) {
        submit(stage, input, .file(name: name, sha256: "0123456789abcdef", size: 100), by: by)
    }

    mutating func sign(_ stage: String, _ role: String, by: String, comment: String? = nil) {
        let basis = state.currentBasis(of: workflow.stage(stage)!)
        add(by, .signedOff(SignedOff(stage: stage, role: role, comment: comment, basis: basis)))
    }

    static let portfolio =
        "Launch of the Aurora 2 kettle moves from January to the 14th of December; the Aurora 1 phase-out follows in February, so both are sold in parallel for eight weeks."
    static let constraints = "Line 2 runs at 95% | resin allocation cut by 10% from week 48"

    /// Everything the agenda can show: resubmissions, a rejection, a waiver, a stale sign-off,
    /// carried-over and deferred-in items, decisions with a supersession, overdue actions.
    static func full() throws -> Agenda {
        var s = try AgendaSample()
        // October: an open action and a proposal deferred to November.
        s.on("2026-10-20")
        s.add("maria", .actionAdded(ActionAdded(number: 1, title: "Qualify a second resin supplier", owner: "paul", due: Day("2026-11-06")!, decision: nil, stage: nil)), cycle: "2026-10")
        s.add("fiona", .proposalRaised(ProposalRaised(number: 1, text: "Raise list prices by 3%", stage: "financial-review", options: ["Now", "In Q1"])), cycle: "2026-10")
        s.add("sam", .proposalDeferred(ProposalDeferred(number: 1, to: "2026-11", reason: "wait for the cost study")), cycle: "2026-10")

        s.on("2026-11-03")
        s.file("data-gathering", "sales-actuals", "actuals-oct.csv", by: "dan")
        s.file("data-gathering", "inventory-snapshot", "inventory-oct.csv", by: "dan")
        s.sign("data-gathering", "demand", by: "dan")
        s.on("2026-11-05")
        s.submit("product-review", "portfolio-changes", .note(portfolio), by: "priya")
        s.submit("product-review", "npi-calendar", .link("https://wiki.example.com/npi/2026-11"), by: "priya")
        s.sign("product-review", "product", by: "priya", comment: "Aurora 2 date is firm")
        s.on("2026-11-06")
        s.file("demand-review", "unconstrained-forecast", "forecast-nov.csv", by: "dan")
        s.submit("demand-review", "demand-assumptions", .note("promo in week 47"), by: "dan")
        s.add("sofia", .rejected(Rejected(stage: "demand-review", reason: "forecast in cases, not units", inputs: ["unconstrained-forecast"])))
        s.on("2026-11-10")
        s.file("demand-review", "unconstrained-forecast", "forecast-nov-v2.csv", by: "dan")
        s.sign("demand-review", "demand", by: "dan", comment: "units fixed")
        s.sign("demand-review", "sales", by: "sofia")
        // Loaded as soon as demand was agreed; on the 12th the day's times stay as they were.
        s.file("supply-review", "capacity-plan", "capacity-nov.csv", by: "paul")
        s.on("2026-11-12")
        s.file("supply-review", "supply-plan", "supply-nov.csv", by: "paul")
        s.submit("supply-review", "constraints", .note(constraints), by: "paul")
        s.sign("supply-review", "supply", by: "paul", comment: "no slack on line 2")
        s.add("maria", .waived(Waived(stage: "financial-review", reason: "controller on leave; budget numbers stand")))
        s.submit("pre-sop", "reconciled-plan", .note("plan v1"), by: "maria")
        s.submit("pre-sop", "decision-brief", .note("two decisions"), by: "maria")
        s.sign("pre-sop", "supply", by: "paul")
        s.on("2026-11-13")
        s.submit("pre-sop", "reconciled-plan", .note("plan v2"), by: "maria")
        s.add("paul", .proposalRaised(ProposalRaised(number: 2, text: "Add a second shift on line 2", stage: "supply-review", options: ["Overtime", "Second shift", "Outsource to Lyon"])))
        s.add("sam", .decisionRecorded(DecisionRecorded(number: 1, text: "Freeze the December plan", rationale: "holiday season", option: nil, proposal: nil, supersedes: nil)))
        s.add("sam", .decisionRecorded(DecisionRecorded(number: 2, text: "Freeze the plan from 10 December", rationale: "Aurora 2 launch", option: nil, proposal: nil, supersedes: 1)))
        s.add("maria", .actionAdded(ActionAdded(number: 2, title: "Publish the price list", owner: "fiona", due: Day("2026-12-10")!, decision: 2, stage: nil)))
        return Agenda.build(
            cycle: s.state, events: s.events, register: s.register,
            previous: PreviousMeeting(cycle: "2026-10", heldAt: time("2026-10-21", 15)), today: Day("2026-11-18")!)
    }

    static func empty(previous: PreviousMeeting? = nil) throws -> Agenda {
        let s = try AgendaSample()
        return Agenda.build(cycle: s.state, events: s.events, register: s.register, previous: previous, today: Day("2026-11-03")!)
    }
}

@Suite struct AgendaTextTests {
    static let textHeadings = [
        "1. WHAT CHANGED SINCE LAST MONTH", "2. STAGE PERFORMANCE AGAINST DUE DATES", "3. PRODUCT FAMILIES: ACTUAL AGAINST FORECAST",
        "4. ON PLAN FINANCIALLY", "5. RISKS AND EXCEPTIONS", "6. DECISIONS NEEDED NOW", "7. PRODUCT DEVELOPMENT AND REVIEW OUTCOMES",
        "8. CRITICAL CONSTRAINTS", "9. LONG-TERM PLAN", "10. FOLLOW-UP ACTIONS",
    ]
    static let markdownHeadings = [
        "## 1. What changed since last month", "## 2. Stage performance against due dates", "## 3. Product families: actual against forecast",
        "## 4. On plan financially", "## 5. Risks and exceptions", "## 6. Decisions needed now", "## 7. Product development and review outcomes",
        "## 8. Critical constraints", "## 9. Long-term plan", "## 10. Follow-up actions",
    ]

    /// Each heading is a line of its own, in this order.
    func expectInOrder(_ headings: [String], in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = text.components(separatedBy: "\n")
        let positions = headings.map { lines.firstIndex(of: $0) }
        #expect(positions.allSatisfy { $0 != nil }, "missing headings: \(zip(headings, positions).filter { $1 == nil }.map(\.0))", sourceLocation: sourceLocation)
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), sourceLocation: sourceLocation)
    }

    /// The text with every run of whitespace made one space, to find wrapped user text.
    func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    @Test func textHeadingsComeInMeetingOrderUnderlined() throws {
        for agenda in [try AgendaSample.full(), try AgendaSample.empty()] {
            let text = AgendaText.text(agenda)
            expectInOrder(["EXECUTIVE S&OP AGENDA - 2026-11"] + Self.textHeadings, in: text)
            let lines = text.components(separatedBy: "\n")
            for heading in Self.textHeadings {
                let i = try #require(lines.firstIndex(of: heading))
                #expect(lines[i + 1] == String(repeating: "-", count: heading.count))
            }
        }
    }

    @Test func markdownHeadingsComeInMeetingOrder() throws {
        for agenda in [try AgendaSample.full(), try AgendaSample.empty()] {
            let md = AgendaText.markdown(agenda)
            #expect(md.hasPrefix("# Executive S&OP agenda — 2026-11\n"))
            expectInOrder(Self.markdownHeadings, in: md)
            #expect(!md.contains("\"id\""), "no raw JSON")
            #expect(md.hasSuffix("\n") && !md.hasSuffix("\n\n"))
        }
    }

    @Test func theHeaderNamesTheMeetingItsDueDateAndTheDayPrepared() throws {
        let text = AgendaText.text(try AgendaSample.full())
        #expect(text.contains("Workflow: Monthly Sales & Operations Planning (monthly-sop)"))
        #expect(text.contains("Meeting:  Executive S&OP meeting (executive-sop), due 2026-11-20, waiting"))
        #expect(text.contains("Prepared: 2026-11-18"))
        #expect(text.contains("Since:    the 2026-10 executive meeting, held 2026-10-21 15:00Z"))
        let md = AgendaText.markdown(try AgendaSample.full())
        #expect(md.contains("- **Meeting:** Executive S&OP meeting (executive-sop), due 2026-11-20, waiting"))
        #expect(md.contains("- **Prepared:** 2026-11-18"))
    }

    @Test func notesAppearInFullInBothForms() throws {
        let agenda = try AgendaSample.full()
        let text = AgendaText.text(agenda)
        #expect(flat(text).contains(AgendaSample.portfolio), "the product review note, wrapped but whole")
        #expect(text.contains("Aurora 2 date is firm"), "a sign-off comment")
        #expect(text.contains("file forecast-nov-v2.csv"), "the current submission's file name")
        #expect(text.contains("https://wiki.example.com/npi/2026-11"))
        let md = AgendaText.markdown(agenda)
        #expect(md.contains("  > \(AgendaSample.portfolio)"))
        #expect(md.contains("file `forecast-nov-v2.csv`"))
        #expect(md.contains("<https://wiki.example.com/npi/2026-11>"))
        #expect(md.contains("“Aurora 2 date is firm”"))
        #expect(md.contains("### Product portfolio review — done"))
    }

    @Test func aLongNoteShowsItsFirstLinesAndPointsAtShow() throws {
        var s = try AgendaSample()
        s.on("2026-11-03")
        s.file("data-gathering", "sales-actuals", "actuals-oct.csv", by: "dan")
        s.file("data-gathering", "inventory-snapshot", "inventory-oct.csv", by: "dan")
        s.sign("data-gathering", "demand", by: "dan")
        let note = (1...40).map { "Assumption \($0): promo in week \($0 % 52 + 1)" }.joined(separator: "\n")
        s.submit("product-review", "portfolio-changes", .note(note), by: "priya")
        let agenda = Agenda.build(cycle: s.state, events: s.events, register: s.register, previous: nil, today: Day("2026-11-04")!)
        #expect(agenda.noteLines == 6)
        let text = AgendaText.text(agenda)
        #expect(text.contains("Assumption 6: promo in week 7"))
        #expect(!text.contains("Assumption 7:"), "only the first six lines")
        #expect(flat(text).contains("... 34 more lines: `show product-review portfolio-changes` prints the whole note"))
        let md = AgendaText.markdown(agenda)
        #expect(md.contains("  > Assumption 6: promo in week 7"))
        #expect(!md.contains("Assumption 7:"))
        #expect(md.contains("  > _... 34 more lines: `show product-review portfolio-changes` prints the whole note_"))
    }

    @Test func everySectionShowsTheRecords() throws {
        let text = flat(AgendaText.text(try AgendaSample.full()))
        // 1
        #expect(text.contains("Demand review: unconstrained-forecast version 2, by dan, 2026-11-10 09:10Z"))
        #expect(text.contains("New proposals since the 2026-10 executive meeting: - P-2 Add a second shift on line 2 (open)"))
        // 2
        #expect(text.contains("Stage Due Completed Against due date"))
        #expect(text.contains("Data gathering 2026-11-03 2026-11-03 on time"))
        #expect(text.contains("Demand review 2026-11-09 2026-11-10 1 workday late"))
        #expect(text.contains("Supply review 2026-11-12 2026-11-12 on time"))
        #expect(text.contains("Financial review 2026-11-16 2026-11-12 waived"))
        #expect(text.contains("Pre-S&OP reconciliation 2026-11-18 - review, not yet due"))
        #expect(text.contains("Executive S&OP meeting 2026-11-20 - waiting, not yet due"))
        // 4
        #expect(text.contains("Demand review: unconstrained-forecast rejected by sofia, 2026-11-06 09:30Z: \"forecast in cases, not units\" - resubmitted since"))
        #expect(text.contains("Pre-S&OP reconciliation: supply sign-off by paul is stale"))
        #expect(text.contains("Financial review: waived by maria, 2026-11-12 09:40Z: controller on leave; budget numbers stand"))
        #expect(text.contains("Overdue actions: - A-1 Qualify a second resin supplier - owner paul, due 2026-11-06, 8 workdays overdue (carried over from 2026-10)"))
        // 5
        #expect(text.contains("P-1 Raise list prices by 3%"))
        #expect(text.contains("Deferred from 2026-10: wait for the cost study"))
        #expect(text.contains("Options: 1. Overtime 2. Second shift 3. Outsource to Lyon"))
        // 6
        #expect(text.contains("D-1 Freeze the December plan [superseded by D-2]"))
        #expect(text.contains("D-2 Freeze the plan from 10 December [supersedes D-1]"))
        // 7
        #expect(text.contains(AgendaSample.constraints))
        #expect(text.contains("no slack on line 2"))
        // 8
        #expect(text.contains("Next meeting: 2026-12-21 (Executive S&OP meeting, 2026-12)."))
        #expect(text.contains("Due by the next meeting (2026-12-21): - A-2 Publish the price list - owner fiona, due 2026-12-10 [D-2]"))
    }

    @Test func markdownListsOptionsAndMarksCarriedOverAndDeferredItems() throws {
        let md = AgendaText.markdown(try AgendaSample.full())
        #expect(md.contains("- **P-2** — Add a second shift on line 2\n  - Stage: Supply review (supply-review)"))
        #expect(md.contains("  - Options:\n    1. Overtime\n    2. Second shift\n    3. Outsource to Lyon"))
        #expect(md.contains("  - Deferred from 2026-10: wait for the cost study"))
        #expect(md.contains("_(carried over from 2026-10)_"))
        #expect(md.contains("| Stage | State | Due | Completed | Against due date |"))
        #expect(md.contains("| Demand review | done | 2026-11-09 | 2026-11-10 | 1 workday late |"))
    }

    @Test func emptySectionsSayPlainlyThatNothingIsRecorded() throws {
        for render in [AgendaText.text, AgendaText.markdown] {
            let out = flat(render(try AgendaSample.empty()))
            #expect(out.contains("No resubmissions, reopened stages, new proposals or decisions recorded in this cycle (the first on record)."))
            #expect(out.contains("Nothing recorded yet: no input submitted, no sign-off."))
            #expect(out.contains("No rejections, stale sign-offs, waived stages or overdue actions recorded."))
            #expect(out.contains("No open proposals: nothing is waiting for a decision."))
            #expect(out.contains("No decisions recorded in this cycle yet."))
            #expect(out.contains("No open follow-up actions."))
            #expect(out.contains("not yet due"))
            let held = flat(render(try AgendaSample.empty(previous: PreviousMeeting(cycle: "2026-10", heldAt: AgendaSample.time("2026-10-21", 15)))))
            #expect(held.contains("No resubmissions, reopened stages, new proposals or decisions since the 2026-10 executive meeting."))
        }
    }

    @Test func aWorkflowWithoutConstraintStagesSaysHowToNameOne() throws {
        var agenda = try AgendaSample.empty()
        agenda.criticalConstraints = Agenda.CriticalConstraints(sourceStages: [], stages: [])
        for out in [AgendaText.text(agenda), AgendaText.markdown(agenda)] {
            #expect(flat(out).contains("The workflow names no stage whose records are the critical constraints."))
            #expect(out.contains("`agenda: { constraints: [STAGE] }`"))
        }
    }

    @Test func pipesAreEscapedInMarkdownTableCells() throws {
        var agenda = try AgendaSample.full()
        agenda.stagePerformance[0].title = "Data | gathering"
        let md = AgendaText.markdown(agenda)
        #expect(md.contains("| Data \\| gathering | done |"))
        #expect(AgendaText.row(["a|b", "c\nd"]) == "| a\\|b | c d |")
        for line in md.components(separatedBy: "\n") where line.hasPrefix("|") {
            let unescaped = line.replacingOccurrences(of: "\\|", with: "")
            #expect(unescaped.filter { $0 == "|" }.count == 6, "five cells in: \(line)")
        }
    }

    @Test func textLinesFitEightyColumnsExceptLongUserWords() throws {
        let text = AgendaText.text(try AgendaSample.full())
        for line in text.components(separatedBy: "\n") {
            #expect(line.count <= 80, "too wide: \(line)")
            #expect(!line.hasSuffix(" "), "trailing space: \(line)")
        }
        var long = try AgendaSample.full()
        let url = "https://wiki.example.com/" + String(repeating: "very-long-path/", count: 6) + "npi"
        long.reviews[1].inputs[1].content.value = url
        let wide = AgendaText.text(long).components(separatedBy: "\n").filter { $0.count > 80 }
        #expect(wide.count == 1 && wide[0].contains(url), "only the line holding the unbreakable URL is wider")
    }

    @Test func wrappingKeepsLineBreaksAndIndents() {
        #expect(TextWrap.lines("one two three", first: "- ", rest: "  ", width: 9) == ["- one two", "  three"])
        #expect(TextWrap.lines("a\nb", first: "> ", rest: "  ", width: 80) == ["> a", "  b"])
        #expect(TextWrap.lines("", first: "  ", rest: "  ", width: 80) == [""])
        #expect(
            TextWrap.lines("submitted by dan, 2026-11-03 09:10Z)", width: 30) == ["submitted by dan,", "2026-11-03 09:10Z)"],
            "a timestamp is not split")
    }

    @Test func renderingIsDeterministic() throws {
        let a = try AgendaSample.full()
        let b = try AgendaSample.full()
        #expect(AgendaText.text(a) == AgendaText.text(b))
        #expect(AgendaText.markdown(a) == AgendaText.markdown(b))
    }
}
