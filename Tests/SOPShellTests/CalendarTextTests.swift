import Foundation
import SOPCore
import SOPStore
import Testing
@testable import SOPShell
@testable import SOPApp
@testable import SOPText
@testable import SOPSystem

/// `calendar`: a month drawn as a timeline, checked cell by cell against `StageTiming`.
@Suite struct CalendarTextTests {
    // MARK: - fixtures

    static func time(_ text: String) throws -> Date { try Date.ISO8601FormatStyle().parse(text) }

    /// A fresh in-memory database (the bundled files unless others are given), the cycle opened by
    /// maria at `opening`; the clock can then only move forward, as in real use.
    static func session(month: String = "2026-11", opening: String, workflow: String? = nil, team: String? = nil) throws -> Session {
        let database = try SOPDatabase()
        let starter = try workflow.map { text in
            try DatabaseSetup.starter(workflowText: text, workflowName: "test.yaml", teamText: team ?? "", teamName: "team.yaml")
        } ?? DatabaseSetup.bundledStarter()
        try database.initialize(workflow: starter.workflow, team: starter.team, at: Date(timeIntervalSince1970: 0))
        let session = Session(database: database, mode: .batch, now: try time(opening))
        try session.act(as: "maria")
        _ = try session.run(line: "cycle open \(month)")
        return session
    }

    /// Runs lines at a moment of the month.
    static func at(_ session: Session, _ moment: String, _ lines: String...) throws {
        session.setClock(try time(moment))
        for line in lines { _ = try session.run(line: line) }
    }

    static func state(_ session: Session) throws -> CycleState { try session.database.read { try session.loadCycle($0) } }

    static func timing(_ state: CycleState, _ stage: String, today: Day) throws -> StageTiming {
        state.timing(of: try #require(state.workflow.stage(stage)), today: today)
    }

    static func sample(_ name: String) -> String { packageRoot.appendingPathComponent("Playbooks/data/\(name)").path }

    /// November 2026 on the bundled workflow, seen on Tuesday the 17th (workday 12 of 21):
    /// data gathering done on its due day, product review waived early, demand review done two
    /// workdays late, supply review three workdays overdue.
    static func november() throws -> Session {
        let s = try session(opening: "2026-11-02T09:00:00Z")
        try at(s, "2026-11-03T09:00:00Z", "waive product-review --reason \"No portfolio changes\"")
        try at(s, "2026-11-03T10:00:00Z",
            "as dan", "submit data-gathering sales-actuals \(sample("sales-actuals.csv"))",
            "submit data-gathering inventory-snapshot \(sample("inventory-snapshot.csv"))", "signoff data-gathering")
        try at(s, "2026-11-10T10:00:00Z",
            "submit demand-review unconstrained-forecast \(sample("forecast-v1.csv"))", "submit demand-review demand-assumptions --note \"Promo\"")
        try at(s, "2026-11-11T10:00:00Z", "signoff demand-review", "as sofia", "signoff demand-review")
        try at(s, "2026-11-12T10:00:00Z", "as omar", "submit supply-review supply-plan \(sample("supply-plan-v1.csv"))")
        try at(s, "2026-11-17T10:00:00Z", "as maria")
        return s
    }

    static let relativeWorkflow = """
        workflow: relative
        title: Relative due dates
        calendar:
          workdays: [mon, tue, wed, thu, fri]
        roles:
          leader: S&OP leader
          sponsor: Executive sponsor
        stages:
          - id: gather
            title: Gather
            owner: leader
            due: 2
            inputs: [numbers]
            signoffs: [leader]
          - id: consolidated-plan
            title: Consolidated plan
            owner: leader
            after: [gather]
            due: { after: gather, workdays: 2 }
            inputs: [plan]
            signoffs: [leader]
        """
    static let relativeTeam = """
        team:
          - { id: maria, name: Maria Lopez, roles: [leader] }
          - { id: sam, name: Sam Okafor, roles: [sponsor] }
        """

    // MARK: - reading the drawing

    /// The picture without ANSI sequences.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    /// The character columns of the drawing, read back from the tens-over-units ruler.
    struct Drawing {
        let lines: [[Character]]

        init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init) }

        private var unitsIndex: Int? { lines.firstIndex { String($0).hasPrefix("STAGE") } }

        /// The column whose ruler reads `day`, if it has one.
        func column(_ day: Int) -> Int? {
            guard let u = unitsIndex, u > 0 else { return nil }
            let units = lines[u]
            let tens = lines[u - 1]
            for i in units.indices {
                guard let unit = units[i].wholeNumberValue else { continue }
                let ten = i < tens.count ? tens[i].wholeNumberValue ?? 0 : 0
                if ten * 10 + unit == day { return i }
            }
            return nil
        }

        /// The days of the month that have a column, in order.
        var days: [Int] { (1...31).filter { column($0) != nil } }

        func row(_ stage: String) -> [Character]? { lines.first { String($0).hasPrefix(stage + " ") } }

        func cell(_ stage: String, _ day: Int) -> Character? {
            guard let row = row(stage), let c = column(day), c < row.count else { return nil }
            return row[c]
        }

        func count(_ stage: String, _ mark: Character) -> Int { row(stage)?.filter { $0 == mark }.count ?? 0 }

        /// The words after the grid's last column and the `>` column.
        func tail(_ stage: String) -> String {
            guard let row = row(stage), let last = days.last, let end = column(last) else { return "" }
            return String(row.dropFirst(end + 3))
        }
    }

    // MARK: - tests

    @Test func fitsEightyColumnsAndColoursOnlyOnRequest() throws {
        let session = try Self.november()
        let state = try Self.state(session)
        let plain = CalendarText.render(state, today: session.today, colour: false)
        let coloured = CalendarText.render(state, today: session.today, colour: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}["))
        #expect(Self.plain(coloured) == plain)
        for line in plain.split(separator: "\n") { #expect(line.count <= 80, "too wide: \(line)") }
        #expect(plain.hasPrefix("Cycle 2026-11 · monthly-sop · today 2026-11-17 (workday 12 of 21)"))
        // Each stage in workflow order, each row as wide as the grid.
        let drawing = Drawing(plain)
        let rows = state.workflow.stages.compactMap { drawing.row($0.id) }
        #expect(rows.count == 8)
        #expect(drawing.days == [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30])
    }

    @Test func marksDueDoneLateAndToday() throws {
        let session = try Self.november()
        let state = try Self.state(session)
        let today = session.today
        let d = Drawing(CalendarText.render(state, today: today, colour: false))
        let timing = { (id: String) throws -> StageTiming in try Self.timing(state, id, today: today) }

        // Done on its due day (workday 2): the done mark, no late cells.
        #expect(d.cell("data-gathering", 3) == "✓")
        #expect(d.count("data-gathering", "!") == 0)
        #expect(d.tail("data-gathering") == "on time")
        // Waived before its due day: both marks where they belong.
        #expect(d.cell("product-review", 3) == "w")
        #expect(d.cell("product-review", 5) == "D")
        // Due on the 9th, done on the 11th: the done mark is the last of its late workdays.
        #expect(d.cell("demand-review", 9) == "D")
        #expect(d.cell("demand-review", 10) == "!")
        #expect(d.cell("demand-review", 11) == "✓")
        let demandLate = try timing("demand-review").workdaysLate
        #expect(demandLate == 2)
        #expect(d.count("demand-review", "!") + 1 == demandLate)
        #expect(d.tail("demand-review") == "2 late")
        // Due on the 12th, still open on the 17th: one `!` per workday late, today's included.
        #expect(d.cell("supply-review", 12) == "D")
        #expect(try timing("supply-review").workdaysLate == 3)
        #expect(d.count("supply-review", "!") == 3)
        #expect([13, 16, 17].allSatisfy { d.cell("supply-review", $0) == "!" })
        #expect(d.cell("supply-review", 18) == "·")
        #expect(d.tail("supply-review") == "3 late")
        // Not yet due: days left, as `status` counts them.
        #expect(d.tail("execution") == "\(try timing("execution").workdaysLeft ?? -1) left")

        // Today: the marker over the 17th, and (in colour) the whole column inverse.
        let marker = try #require(d.lines.first { String($0).contains("today ▼") })
        #expect(marker.firstIndex(of: "▼") == d.column(17))
        let coloured = CalendarText.render(state, today: today, colour: true)
        for stage in state.workflow.stages {
            let row = try #require(coloured.split(separator: "\n").first { $0.hasPrefix(stage.id + " ") })
            #expect(row.ranges(of: "7m").count == 1, "\(stage.id): one cell in today's column")
        }
        #expect(coloured.contains("\u{1B}[31;7m!\u{1B}[0m"))  // supply review, late today
        #expect(coloured.contains("\u{1B}[2;7m·\u{1B}[0m"))  // pre-sop, not due yet
    }

    /// Demand review done late on the 11th, reopened by a new forecast on the 18th and done again on
    /// the 19th: its row still shows the delivery (due the 9th, 2 late), the done mark on the 19th.
    /// Supply review, reopened with it after its due day, is late from the 18th, not from the 12th.
    @Test func aReopenedStageDrawsItsDeliveryAndItsReworkFromTheDayItReopened() throws {
        let session = try Self.november()
        try Self.at(session, "2026-11-12T11:00:00Z", "as omar", "submit supply-review constraints --note \"Line 2 at 92%\"",
            "submit supply-review capacity-plan \(Self.sample("capacity-plan.csv"))", "signoff supply-review")
        try Self.at(session, "2026-11-18T10:00:00Z", "as dan", "submit demand-review unconstrained-forecast \(Self.sample("forecast-v2.csv"))")
        try Self.at(session, "2026-11-19T10:00:00Z", "signoff demand-review", "as sofia", "signoff demand-review", "as maria")
        try Self.at(session, "2026-11-20T10:00:00Z")
        let state = try Self.state(session)
        let today = session.today
        let d = Drawing(CalendarText.render(state, today: today, colour: false))

        let demand = try Self.timing(state, "demand-review", today: today)
        #expect(demand.workdaysLate == 2)
        #expect(d.cell("demand-review", 10) == "!" && d.cell("demand-review", 11) == "!")
        #expect(d.cell("demand-review", 19) == "✓")
        #expect(d.count("demand-review", "!") == 2)
        #expect(d.tail("demand-review") == "2 late")

        let supply = try Self.timing(state, "supply-review", today: today)
        #expect(supply.reopenedOn == Day("2026-11-18"))
        #expect(supply.workdaysLate == 2)
        #expect([19, 20].allSatisfy { d.cell("supply-review", $0) == "!" })
        #expect(d.count("supply-review", "!") == supply.workdaysLate)
        #expect(d.tail("supply-review") == "reopened 2026-11-18, 2 late")
        let model = try #require(CalendarText.model(state, today: today).stages.first { $0.id == "supply-review" })
        #expect(model.reopenedOn == Day("2026-11-18") && model.workdaysLate == 2)
    }

    @Test func relativeDueShowsItsRuleUntilTheAnchorIsDone() throws {
        let s = try Self.session(opening: "2026-11-02T09:00:00Z", workflow: Self.relativeWorkflow, team: Self.relativeTeam)
        try Self.at(s, "2026-11-04T09:00:00Z")
        var d = Drawing(CalendarText.render(try Self.state(s), today: s.today, colour: false))
        #expect(d.tail("consolidated-plan") == "+2 after gather")
        #expect(d.count("consolidated-plan", "D") == 0)

        try Self.at(s, "2026-11-05T10:00:00Z", "submit gather numbers --note \"In\"", "signoff gather")
        d = Drawing(CalendarText.render(try Self.state(s), today: s.today, colour: false))
        #expect(d.cell("gather", 5) == "✓")
        #expect(d.cell("consolidated-plan", 9) == "D")
        #expect(d.tail("consolidated-plan") == "2 left")
    }

    @Test func aDueDayAfterTheMonthIsSpeltOut() throws {
        let s = try Self.session(opening: "2026-11-02T09:00:00Z", workflow: Self.relativeWorkflow, team: Self.relativeTeam)
        try Self.at(s, "2026-11-27T10:00:00Z", "submit gather numbers --note \"In\"", "signoff gather")
        let text = CalendarText.render(try Self.state(s), today: s.today, colour: false)
        let d = Drawing(text)
        // Gather was due on the 3rd: done on the 27th, 18 workdays late, the done mark in its column.
        #expect(d.cell("gather", 27) == "✓")
        #expect(d.count("gather", "!") + 1 == 18)
        // Two workdays after Friday the 27th is Tuesday 1 December: past the grid's end.
        let row = try #require(d.row("consolidated-plan"))
        #expect(String(row).contains("·> due 2026-12-01, 2 left"))
        #expect(d.count("consolidated-plan", "D") == 0)
        for line in text.split(separator: "\n") { #expect(line.count <= 80) }
    }

    @Test func holidaysAreNotColumns() throws {
        let s = try Self.session(month: "2026-12", opening: "2026-12-01T09:00:00Z")
        try Self.at(s, "2026-12-28T10:00:00Z")
        let text = CalendarText.render(try Self.state(s), today: s.today, colour: false)
        let d = Drawing(text)
        #expect(d.days == [1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 28, 29, 30])
        #expect(text.contains("today 2026-12-28 (workday 18 of 20)"))
        #expect(text.contains("holidays (24, 25, 31 December)"))
        // Data gathering, due on the 2nd and still open: late on every workday since, holidays not counted.
        let late = try Self.timing(try Self.state(s), "data-gathering", today: s.today).workdaysLate
        #expect(late == 16)
        #expect(d.count("data-gathering", "!") == late)
        for line in text.split(separator: "\n") { #expect(line.count <= 80) }
    }

    @Test func todayOnAHolidayOrAfterTheMonth() throws {
        let s = try Self.session(month: "2026-12", opening: "2026-12-01T09:00:00Z")
        try Self.at(s, "2026-12-24T10:00:00Z")
        var text = CalendarText.render(try Self.state(s), today: s.today, colour: false)
        #expect(text.contains("today 2026-12-24 (holiday, after workday 17 of 20)"))
        var d = Drawing(text)
        #expect(d.lines.first { String($0).contains("today ▼") }?.firstIndex(of: "▼") == d.column(23))

        try Self.at(s, "2027-01-05T10:00:00Z")
        text = CalendarText.render(try Self.state(s), today: s.today, colour: false)
        d = Drawing(text)
        #expect(text.contains("(after the month)"))
        // Still open in January: late to the grid's end, then `>`; the tail counts every workday.
        let row = try #require(d.row("data-gathering"))
        // December's 18 workdays from the 3rd, New Year's Day skipped, the 4th and the 5th.
        #expect(String(row).hasSuffix("!!!> 20 late"))
    }

    @Test func commandRepliesWithTextAndJSON() throws {
        let session = try Self.november()
        let reply = try session.run(line: "calendar")
        #expect(!reply.text.contains("\u{1B}"))
        session.colour = true
        #expect(try session.run(line: "calendar").text.contains("\u{1B}["))
        session.json = true
        let json = try #require(session.render(reply))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["cycle"] as? String == "2026-11")
        #expect(object["workflow"] as? String == "monthly-sop")
        #expect(object["today"] as? String == "2026-11-17")
        #expect((object["workdays"] as? [String])?.count == 21)
        #expect((object["workdays"] as? [String])?.first == "2026-11-02")
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(stages.map { $0["id"] as? String } == ["data-gathering", "product-review", "demand-review", "supply-review",
            "financial-review", "pre-sop", "executive-sop", "execution"])
        let demand = stages[2]
        #expect(demand["due"] as? String == "2026-11-09")
        #expect(demand["completedOn"] as? String == "2026-11-11")
        #expect(demand["workdaysLate"] as? Int == 2)
        #expect(demand["dueRule"] as? String == "workday 6")
        #expect(demand["workdaysLeft"] is NSNull)
        #expect(stages[3]["state"] as? String == "open")
        #expect(stages[7]["workdaysLeft"] as? Int == 5)
    }
}
