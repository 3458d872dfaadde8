import SOPCore
import Testing
import WorkflowFile

/// `plan: KIND` and the `columns:` mapping on a CSV input, and the workflow's `exceptions:` block.
@Suite struct ThePlanKeysAreReadAndChecked {
    func stage(_ inputs: String) -> String {
        "  - id: demand\n    owner: demand\n    signoffs: [demand]\n    inputs:\n" + inputs
    }

    @Test func aPlanInputWithAMappingIsRead() throws {
        let workflow = try WorkflowFileReader.workflow(
            yaml: header + stage(
                "      - { id: forecast, format: csv, plan: demand, columns: { family: Product family, month: Period, quantity: \" Units \" } }\n"
                    + "      - { id: stock, format: csv, plan: inventory, columns: [family, quantity] }\n"
                    + "      - { id: raw, format: csv, columns: [a, b] }\n"),
            file: "w.yaml")
        let inputs = workflow.stages[0].inputs
        #expect(inputs[0] == InputSpec(
            id: "forecast", format: .csv, plan: .demand, planHeaders: [.family: "Product family", .month: "Period", .quantity: "Units"]))
        #expect(inputs[1] == InputSpec(id: "stock", format: .csv, columns: ["family", "quantity"], plan: .inventory))
        #expect(inputs[2] == InputSpec(id: "raw", format: .csv, columns: ["a", "b"]))
        #expect(workflow.exceptions == .defaults)
    }

    @Test func exceptionsAreReadAndAbsentKeysKeepTheirDefaults() throws {
        let workflow = try WorkflowFileReader.workflow(
            yaml: header + stage("      - notes\n") + "exceptions: { over-capacity: 0.9, forecast-error: 1 }\n", file: "w.yaml")
        #expect(workflow.exceptions == ExceptionThresholds(overCapacity: 0.9, belowBudget: 0.05, forecastError: 1))
    }

    @Test(arguments: [
        BrokenFile(
            name: "unknown kind", yaml: "      - { id: f, format: csv, plan: demnd }\n", prefix: "w.yaml:11:37: error:",
            phrase: "unknown plan kind 'demnd' for input 'f' of stage 'demand' (did you mean 'demand'? plan kinds are: demand, supply, actuals, inventory, capacity, finance, budget)"),
        BrokenFile(
            name: "plan on a text input", yaml: "      - { id: f, format: text, plan: demand }\n", prefix: "w.yaml:11:32: error:",
            phrase: "plan given for input 'f' of stage 'demand' whose format is text"),
        BrokenFile(
            name: "plan without format", yaml: "      - { id: f, plan: demand }\n", prefix: "w.yaml:11:18: error:",
            phrase: "whose format is any (a plan is read from a CSV file"),
        BrokenFile(
            name: "mapping key not a column of the kind",
            yaml: "      - { id: f, format: csv, plan: demand, columns: { family: Fam, units: Units } }\n",
            prefix: "w.yaml:11:69: error:", phrase: "'units' in columns of input 'f' of stage 'demand' is not a column of a demand plan"),
        BrokenFile(
            name: "a column of another kind", yaml: "      - { id: f, format: csv, plan: budget, columns: { margin: GM } }\n",
            prefix: "w.yaml:11:56: error:", phrase: "its columns are: family, month, revenue"),
        BrokenFile(
            name: "empty header", yaml: "      - { id: f, format: csv, plan: demand, columns: { family: \"  \" } }\n",
            prefix: "w.yaml:11:64: error:", phrase: "the header for family in columns of input 'f' of stage 'demand' is empty"),
        BrokenFile(
            name: "one header for two columns", yaml: "      - { id: f, format: csv, plan: demand, columns: { family: X, month: x } }\n",
            prefix: "w.yaml:11:74: error:", phrase: "header 'x' in columns of input 'f' of stage 'demand' is given for both family and month"),
        BrokenFile(
            name: "a mapping without plan", yaml: "      - { id: f, format: csv, columns: { family: X } }\n",
            prefix: "w.yaml:11:40: error:", phrase: "is a mapping, which maps a plan's columns to the file's headers (add `plan: KIND`"),
        BrokenFile(
            name: "a listed name not of the kind", yaml: "      - { id: f, format: csv, plan: demand, columns: [family, units] }\n",
            prefix: "w.yaml:11:63: error:", phrase: "'units' in columns of input 'f' of stage 'demand' is not a column of a demand plan"),
        BrokenFile(
            name: "two inputs of one kind",
            yaml: "      - { id: f, format: csv, plan: demand }\n      - { id: g, format: csv, plan: demand }\n",
            prefix: "w.yaml:12:37: error:",
            phrase: "a second demand plan: input 'g' of stage 'demand' (the demand plan is already input 'f' of stage 'demand', line 11"),
    ])
    func badPlanInputsAreDiagnosedWhereTheyAreWritten(_ broken: BrokenFile) {
        expectSingle(workflowDiagnostics(header + stage(broken.yaml)), broken)
    }

    @Test func twoInputsOfOneKindInDifferentStagesAreDiagnosed() {
        let yaml = header + stage("      - { id: f, format: csv, plan: supply }\n")
            + "  - { id: supply, owner: demand, after: [demand], signoffs: [demand], inputs: [{ id: g, format: csv, plan: supply }] }\n"
        expectSingle(
            workflowDiagnostics(yaml),
            BrokenFile(name: "", yaml: "", prefix: "w.yaml:12:108: error:", phrase: "a second supply plan: input 'g' of stage 'supply'"))
    }

    @Test(arguments: [
        ("exceptions: { over-capacity: lots }", "w.yaml:12:30: error:", "bad over-capacity 'lots' in exceptions (not a number"),
        ("exceptions: { below-budget: 5% }", "w.yaml:12:29: error:", "bad below-budget '5%' in exceptions (not a number"),
        ("exceptions: { forecast-error: -0.4 }", "w.yaml:12:31: error:", "bad forecast-error '-0.4' in exceptions (a threshold cannot be negative"),
        ("exceptions: { over-capacity: .inf }", "w.yaml:12:30: error:", "bad over-capacity '.inf'"),
        ("exceptions: { over-capacty: 1 }", "w.yaml:12:15: error:", "unknown key 'over-capacty' in exceptions (did you mean 'over-capacity'?"),
        ("exceptions: [1.0]", "w.yaml:12:13: error:", "exceptions must be a mapping of keys"),
    ])
    func badExceptionsAreDiagnosedWhereTheyAreWritten(line: String, prefix: String, phrase: String) {
        expectSingle(
            workflowDiagnostics(header + stage("      - notes\n") + line + "\n"),
            BrokenFile(name: line, yaml: "", prefix: prefix, phrase: phrase))
    }
}
