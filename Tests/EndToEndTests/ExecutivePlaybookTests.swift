import Foundation
import SOPCore
import Testing

/// `help permissions` (text and Markdown) and playbooks with `expect P-N|D-N|A-N STATE` lines.
@Suite struct ExecutivePlaybookTests {
    // MARK: help permissions

    @Test func helpPermissionsListsEveryGuardedCommandForEveryStanding() throws {
        let box = try Sandbox()
        let result = try box.run(["help", "permissions"])
        #expect(result.code == 0 && result.err.isEmpty, "\(result)")
        let lines = result.outLines
        for command in GuardedCommand.allCases {
            let row = lines.first { $0.hasPrefix(command.rawValue + " ") }
            #expect(row != nil, "a row for \(command.rawValue): \(result)")
        }
        // Every standing is explained in the legend.
        for standing in Standing.allCases {
            #expect(result.out.contains(standing.rawValue), "the legend explains \(standing.rawValue): \(result)")
        }
        // A row's cells agree with the matrix: decide is the sponsor's and a decider's only.
        let decide = try #require(lines.first { $0.hasPrefix("decide ") })
        #expect(decide.split(separator: " ").filter { $0 == "yes" }.count == Permissions.allowed(.decide).count, "\(decide)")
        #expect(result.out.contains("only reads"), "says the other commands are open to anyone: \(result)")
        #expect(!box.databaseExists, "help needs no database")
    }

    @Test func helpPermissionsMarkdownIsATable() throws {
        let box = try Sandbox()
        let result = try box.run(["help", "permissions", "--markdown"])
        #expect(result.code == 0 && result.err.isEmpty, "\(result)")
        let tableLines = result.outLines.filter { $0.hasPrefix("|") }
        let header = try #require(tableLines.first)
        #expect(header.hasPrefix("| Command |"), "\(header)")
        let columns = header.filter { $0 == "|" }.count
        #expect(columns == Standing.allCases.count + 2, "a column per standing: \(header)")
        for standing in Standing.allCases { #expect(header.contains(standing.rawValue), "\(standing.rawValue) in \(header)") }
        let separator = try #require(tableLines.dropFirst().first)
        #expect(separator.allSatisfy { "|-: ".contains($0) } && separator.contains("---"), "\(separator)")
        let rows = Array(tableLines.dropFirst(2))
        #expect(rows.count == GuardedCommand.allCases.count, "\(result)")
        for (row, command) in zip(rows, Permissions.matrix.map(\.command)) {
            #expect(row.hasPrefix("| `\(command.rawValue)` |"), "\(row)")
            #expect(row.hasSuffix("|"), "\(row)")
            #expect(row.filter { $0 == "|" }.count == columns, "every row has every column: \(row)")
            let cells = row.split(separator: "|").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
            let allowed = Permissions.allowed(command)
            for (cell, standing) in zip(cells, Standing.allCases) {
                let wanted = allowed.contains(standing)
                #expect(!cell.isEmpty && (cell == "—" || cell == "-") != wanted, "\(command.rawValue) × \(standing.rawValue): '\(cell)'")
            }
        }
        // The table is all on consecutive lines (a Markdown table breaks at the first other line).
        let first = try #require(result.outLines.firstIndex(of: header))
        #expect(Array(result.outLines[first..<(first + tableLines.count)]) == tableLines)
    }

    @Test func helpListsTheNewCommands() throws {
        let box = try Sandbox()
        let help = try box.ok(["help"])
        for synopsis in ["propose TEXT", "proposals", "decide [P-N] TEXT --rationale TEXT", "defer P-N --to YYYY-MM --reason TEXT",
                         "decisions", "action add TITLE --owner", "action done A-N", "action cancel A-N", "action reassign A-N", "actions"] {
            #expect(help.out.contains(synopsis), "help lists \(synopsis): \(help)")
        }
        let decide = try box.ok(["help", "decide"])
        #expect(decide.out.contains("--supersedes") && decide.out.contains("--option"), "\(decide)")
        let add = try box.ok(["help", "action", "add"])
        #expect(add.out.contains("--due YYYY-MM-DD"), "\(add)")
    }

    // MARK: playbooks

    /// The executive-meeting scenario (without its `agenda` line), data paths made absolute.
    static func scenario() -> String {
        func data(_ name: String) -> String { Sample.path(name) }
        return """
            # November: the month's reviews, briskly
            as maria
            cycle open 2026-11
            as dan
            submit data-gathering sales-actuals \(data("sales-actuals.csv"))
            submit data-gathering inventory-snapshot \(data("inventory-snapshot.csv"))
            signoff data-gathering
            as maria
            waive product-review --reason "No portfolio changes this month"
            as dan
            submit demand-review unconstrained-forecast \(data("forecast-v2.csv"))
            submit demand-review demand-assumptions --note "Outdoor order from Nordline adds 400 units in December"
            signoff demand-review --comment "Baseline plus the Nordline order"
            as sofia
            signoff demand-review --comment "Sales agrees"
            as omar
            submit supply-review supply-plan \(data("supply-plan-v2.csv"))
            submit supply-review capacity-plan \(data("capacity-plan.csv"))
            submit supply-review constraints --note "Line 2 at 95% in December; 700-unit outdoor gap"
            signoff supply-review --comment "Gap of 700 outdoor units unless line 2 runs Saturdays"
            as fiona
            submit financial-review financial-projection \(data("financial-projection.csv"))
            submit financial-review operating-budget \(data("operating-budget.csv"))
            submit financial-review gap-to-budget --note "Q1 revenue 2% under budget"
            signoff financial-review --comment "Overtime costs 40k"
            expect financial-review done
            # Pre-S&OP
            as maria
            submit pre-sop reconciled-plan \(data("reconciled-plan.csv"))
            submit pre-sop decision-brief --note "Two decisions"
            propose "Close the 700-unit outdoor gap in December" --stage supply-review --options "Saturday overtime|Outsource to Tollpack|Accept backlog"
            as omar
            propose "Raise Q1 list prices by 3%" --stage financial-review
            as sofia
            expect-refused propose "Extend the winter promotion"
            proposals
            as dan
            signoff pre-sop
            as omar
            signoff pre-sop
            as fiona
            signoff pre-sop
            expect pre-sop done
            expect P-1 open
            expect P-2 open
            # The executive meeting
            as maria
            submit executive-sop meeting-minutes --note "Outdoor gap closed by overtime; pricing deferred to January"
            expect-refused decide P-1 "Outsource it" --option "Outsource to Tollpack" --rationale "Leader's view"
            as sam
            expect-refused signoff executive-sop
            expect-refused decide P-1 "Close the gap" --rationale "Cheapest"
            expect-refused decide P-1 "Close the gap" --option "Night shift" --rationale "Cheapest"
            decide P-1 "Run line 2 on Saturdays in December" --option "Saturday overtime" --rationale "Protects the Nordline order"
            expect P-1 decided
            expect D-1 in-force
            defer P-2 --to 2027-01 --reason "Wait for the competitor price lists in January"
            expect P-2 deferred
            decide "Hold safety stock of resin at 6 weeks" --rationale "Resin lead time is the binding constraint"
            action add "Agree Saturday shifts with the works council" --owner omar --due 2026-11-27 --decision D-1
            action add "Collect competitor Q1 price lists" --owner sofia --due 2026-12-11 --stage financial-review
            action add "Raise the resin purchase order to 6 weeks' cover" --owner omar --due 2026-11-20 --decision D-2
            expect A-1 open
            signoff executive-sop --comment "Plan approved with Saturday overtime"
            expect executive-sop done
            # After the meeting: a superseding decision
            decide P-1 "Outsource the 700 units to Tollpack" --option "Outsource to Tollpack" --supersedes D-1 --rationale "Works council declined"
            expect D-1 superseded
            expect D-3 in-force
            expect P-1 decided
            expect-refused decide "Back to overtime" --supersedes D-1 --rationale "Changed our mind"
            decisions
            as sofia
            expect-refused action cancel A-1 --reason "Not needed"
            as omar
            action cancel A-1 --reason "Superseded by D-3"
            action done A-3 --note "PO 4471 placed"
            expect A-1 cancelled
            expect A-3 done
            as maria
            action add "Sign the Tollpack contract" --owner fiona --due 2026-11-30 --decision D-3
            action reassign A-4 --owner maria
            actions
            # Execution and close
            as omar
            submit execution published-plan --link https://erp.example.com/mps/2026-11
            as maria
            signoff execution --comment "Published to the MPS"
            cycle close
            # December: November's open actions are still there
            cycle open 2026-12
            expect A-2 open
            expect A-4 open
            expect A-1 cancelled
            expect P-2 deferred
            status
            actions
            as sofia
            action done A-2 --note "Lists from three competitors collected"
            expect A-2 done
            """
    }

    @Test func theExecutiveMeetingScenarioPlays() throws {
        let box = try Sandbox()
        let file = try box.write("executive.sop", Self.scenario())
        let result = try box.run(["--now", "2026-11-16T09:00:00Z", "play", file])
        #expect(result.code == 0, "\(result)")
        #expect(result.err.isEmpty, "\(result)")
        let summary = try #require(result.outLines.last)
        #expect(summary.hasPrefix(file + ": ") && summary.hasSuffix("checks passed"), "\(summary)")
        // What it printed along the way: the carried-over actions in December.
        #expect(result.out.contains("(carried over)"), "\(result)")
        #expect(result.out.contains("refused as expected: ") && result.out.contains("maria may not record a decision"), "\(result)")

        // The records it left behind.
        let november = ["--cycle", "2026-11"]
        let proposals = try box.jsonRows(november + ["proposals"])
        #expect(proposals.compactMap { $0["state"] as? String } == ["decided", "deferred"])
        #expect(proposals.first?["decision"] as? String == "D-3")
        let decisions = try box.jsonRows(november + ["decisions"])
        #expect(decisions.compactMap { $0["id"] as? String } == ["D-1", "D-2", "D-3"])
        #expect(decisions.compactMap { $0["inForce"] as? Bool } == [false, true, true])
        let december = try box.jsonRows(["--cycle", "2026-12", "actions"])
        let byID = Dictionary(uniqueKeysWithValues: december.compactMap { row in (row["id"] as? String).map { ($0, row) } })
        #expect(byID["A-4"]?["state"] as? String == "open")
        #expect(byID["A-4"]?["owner"] as? String == "maria")
        #expect(byID["A-4"]?["carriedOver"] as? Bool == true)
        #expect(byID["A-2"]?["state"] as? String == "done")
        #expect(byID["A-2"]?["closedIn"] as? String == "2026-12")
        #expect(byID["A-1"] == nil && byID["A-3"] == nil, "closed in November, not shown in December: \(december)")
        let status = try box.jsonObject(["--cycle", "2026-12", "status"])
        #expect(status["openActions"] as? Int == 1)
        #expect(status["openProposals"] as? Int == 0)
    }

    /// The short playbook the failure cases start from.
    static let opening = """
        as maria
        cycle open 2026-11
        propose "Close the gap" --options "Overtime|Outsource"
        propose "Raise prices"
        as sam
        decide P-1 "Run overtime" --option Overtime --rationale "Cheapest"
        defer P-2 --to 2026-12 --reason "Later"
        action add "Agree shifts" --owner omar --due 2026-11-20 --decision D-1
        """

    @Test func itemExpectationsPass() throws {
        let box = try Sandbox()
        let file = try box.write("items.sop", Self.opening + """

            # comments and blank lines do not count

            expect P-1 decided
            expect P-2 deferred
            expect D-1 in-force
            expect A-1 open
            expect-refused decide P-1 "Outsource" --option Outsource --rationale "r"
            as omar
            action done A-1
            expect A-1 done
            """)
        let result = try box.run(["play", file])
        #expect(result.code == 0, "\(result)")
        #expect(result.outLines.last == "\(file): 10 commands, 6 checks passed", "\(result)")
    }

    struct Wrong: Sendable, CustomTestStringConvertible {
        var line: String
        /// Phrases the FILE:LINE: error must contain.
        var mentions: [String]
        var testDescription: String { line }
    }

    @Test(arguments: [
        Wrong(line: "expect P-1 open", mentions: ["P-1", "open", "decided"]),
        Wrong(line: "expect P-2 decided", mentions: ["P-2", "deferred"]),
        Wrong(line: "expect D-1 superseded", mentions: ["D-1", "in-force"]),
        Wrong(line: "expect A-1 done", mentions: ["A-1", "open"]),
        Wrong(line: "expect P-9 open", mentions: ["P-9"]),
        Wrong(line: "expect A-7 open", mentions: ["A-7"]),
        Wrong(line: "expect P-1 finished", mentions: ["finished", "decided"]),
        Wrong(line: "expect D-1 open", mentions: ["in-force", "superseded"]),
        Wrong(line: "expect A-1 deferred", mentions: ["cancelled"]),
        Wrong(line: "expect-refused proposals", mentions: ["succeeded"]),
        Wrong(line: "expect-refused action done X-1", mentions: ["X-1"]),
    ])
    func aWrongItemExpectationStopsWithFileAndLine(_ wrong: Wrong) throws {
        let box = try Sandbox()
        // Line 9 is the wrong one; line 10 must not run.
        let file = try box.write("wrong.sop", Self.opening + "\n" + wrong.line + "\naction add \"Never added\" --owner dan --due 2026-11-20\n")
        let result = try box.run(["play", file])
        #expect(result.code == 1, "\(result)")
        #expect(result.err.hasPrefix("\(file):9: "), "\(result)")
        #expect(result.errLines.count == 1, "\(result)")
        for phrase in wrong.mentions { #expect(result.err.contains(phrase), "mentions \(phrase): \(result)") }
        let actions = try box.jsonRows(["actions", "--all-cycles"])
        #expect(actions.count == 1, "the line after the failure did not run: \(actions)")
    }
}
