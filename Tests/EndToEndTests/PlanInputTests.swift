import Foundation
import Testing

/// Plan inputs through the binary: a file whose values cannot be planned with is refused at submit,
/// naming line, column and value, and leaves the record as it was; `workflow check` reports the plan keys.
@Suite struct PlanInputTests {
    @Test func aPlanFileWithABadValueIsRefusedAndChangesNothing() throws {
        let box = try Sandbox()
        try box.completeDataGathering()
        let bad = Sample.path("forecast-bad-month.csv")
        let events = try box.eventCount()
        let log = try box.ok(["log"]).out
        let history = try box.ok(["show", "data-gathering", "sales-actuals", "--history"]).out
        let result = try box.run(["--as", "dan", "submit", "demand-review", "unconstrained-forecast", bad])
        #expect(result.code == 1, "\(result)")
        #expect(result.out.isEmpty, "\(result)")
        #expect(
            result.err == "error: forecast-bad-month.csv line 4, column month: \"13-2026\" is not a month "
                + "(write YYYY-MM, e.g. 2026-11)\n", "\(result)")
        #expect(try box.eventCount() == events)
        #expect(try box.ok(["log"]).out == log)
        #expect(try box.ok(["show", "data-gathering", "sales-actuals", "--history"]).out == history)
        // The JSON error names the rule, for scripts.
        let json = try box.run(["--json", "--as", "dan", "submit", "demand-review", "unconstrained-forecast", bad])
        #expect(json.code == 1 && (json.out + json.err).contains("plan-value"), "\(json)")
        // The same plan with every value right is taken.
        _ = try box.ok(["--as", "dan", "submit", "demand-review", "unconstrained-forecast", Sample.forecast])
        #expect(try box.eventCount() == events + 1)
    }

    @Test func anExportWithTheWorkflowsMappedHeadersIsReadAndOurNamesAreNot() throws {
        let box = try Sandbox()
        _ = try box.ok(["--as", "maria", "status"])
        let ours = try box.write("actuals.csv", "family,month,quantity\nLounge,2026-10,1320\n")
        let refused = try box.run(["--as", "dan", "submit", "data-gathering", "sales-actuals", ours])
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.err.contains("the header lacks columns Product Family, Period and Units Shipped"), "\(refused)")
        let export = try box.write("export.csv", " product family ,PERIOD,Units Shipped,Warehouse\nLounge,2026-10,-5,DC-1\n")
        let negative = try box.run(["--as", "dan", "submit", "data-gathering", "sales-actuals", export])
        #expect(negative.err.contains("export.csv line 2, column Units Shipped: \"-5\" is negative"), "\(negative)")
    }

    @Test func workflowCheckReportsThePlanKeys() throws {
        let box = try Sandbox()
        let file = try box.write("plans.yaml", """
            workflow: plans
            roles: { leader: Leader, sponsor: Sponsor }
            exceptions: { below-budget: 5% }
            stages:
              - id: review
                owner: leader
                signoffs: [leader]
                inputs:
                  - { id: forecast, format: csv, plan: forecast }
                  - { id: budget, format: text, plan: budget }
                  - { id: supply, format: csv, plan: supply, columns: { units: Units } }
                  - { id: supply-2, format: csv, plan: supply }
            """)
        let result = try box.run(["workflow", "check", file])
        #expect(result.code == 1, "\(result)")
        #expect(result.errLines == [
            "\(file):3:29: error: bad below-budget '5%' in exceptions (not a number: how far below budget revenue may fall, "
                + "as a fraction: 0.05 is 5 %; write it as a decimal like 0.05, the default)",
            "\(file):9:44: error: unknown plan kind 'forecast' for input 'forecast' of stage 'review' (plan kinds are: "
                + "demand, supply, actuals, inventory, capacity, finance, budget)",
            "\(file):10:37: error: plan given for input 'budget' of stage 'review' whose format is text (a plan is read "
                + "from a CSV file: add `format: csv` or remove plan)",
            "\(file):11:61: error: 'units' in columns of input 'supply' of stage 'review' is not a column of a supply plan "
                + "(its columns are: family, month, quantity)",
            "\(file):12:44: error: a second supply plan: input 'supply-2' of stage 'review' (the supply plan is already "
                + "input 'supply' of stage 'review', line 11; a workflow has one input of each plan kind)",
        ], "\(result)")
    }
}
