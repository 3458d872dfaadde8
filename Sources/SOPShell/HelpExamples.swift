import SOPApp
import SOPCore

/// Help examples in the words of the workflow at hand. The command table's examples are written for
/// the bundled workflow (Workflows/monthly-sop.yaml), which the README documents; `help COMMAND`
/// shows them with the stage and input ids of the open database's workflow instead (the stage at the
/// same place in the workflow, and its input at the same place), or with the placeholders STAGE and
/// INPUT when no database is open, so no example names a stage that does not exist.
enum HelpExamples {
    /// The bundled workflow, to know where an example's stage and input stand in it.
    static let bundled: Workflow? = try? DatabaseSetup.bundledStarter().workflow.workflow

    static func adapted(_ spec: CommandSpec, to workflow: Workflow?) -> [String] {
        spec.examples.map { adapted($0, spec: spec, to: workflow) }
    }

    /// One example with each stage and input value replaced; left as written when it does not parse.
    static func adapted(_ example: String, spec: CommandSpec, to workflow: Workflow?) -> String {
        guard var words = try? Tokenizer.words(example) else { return example }
        var index = 0
        if words.first == "sop" {
            // `sop --json status`: skip the program and its global options.
            index = 1
            while index < words.count, words[index].hasPrefix("-") {
                index += ["--db", "--as", "--cycle", "--now"].contains(words[index]) ? 2 : 1
            }
        }
        guard index + spec.words.count <= words.count, Array(words[index..<index + spec.words.count]) == spec.words else {
            return example
        }
        index += spec.words.count
        var stage: (written: String, shown: String)?
        var position = 0
        var replaced = false
        while index < words.count {
            let kind: ValueKind?
            if let option = spec.options.first(where: { $0.name == words[index] }) {
                guard let value = option.value else {
                    index += 1
                    continue
                }
                index += 1
                guard index < words.count else { break }
                kind = value
            } else {
                kind = position < spec.arguments.count ? spec.arguments[position].kind : spec.arguments.last?.kind
                position += 1
            }
            switch kind {
            case .stage?:
                let shown = stageID(for: words[index], in: workflow)
                stage = (words[index], shown)
                replaced = replaced || shown != words[index]
                words[index] = shown
            case .input?:
                let shown = inputID(for: words[index], of: stage, in: workflow)
                replaced = replaced || shown != words[index]
                words[index] = shown
            default:
                break
            }
            index += 1
        }
        return replaced ? words.map(Tokenizer.quoted).joined(separator: " ") : example
    }

    /// The example's stage if the workflow has it, else the workflow's stage at the same place.
    static func stageID(for written: String, in workflow: Workflow?) -> String {
        guard let workflow, !workflow.stages.isEmpty else { return "STAGE" }
        if workflow.stage(written) != nil { return written }
        let place = bundled?.stages.firstIndex { $0.id == written } ?? 0
        return workflow.stages[min(place, workflow.stages.count - 1)].id
    }

    /// The example's input if the shown stage has it, else the shown stage's input at the same place.
    static func inputID(for written: String, of stage: (written: String, shown: String)?, in workflow: Workflow?) -> String {
        guard let workflow, let stage, let shown = workflow.stage(stage.shown), !shown.inputs.isEmpty else { return "INPUT" }
        if shown.inputs.contains(where: { $0.id == written }) { return written }
        let place = bundled?.stage(stage.written)?.inputs.firstIndex { $0.id == written } ?? 0
        return shown.inputs[min(place, shown.inputs.count - 1)].id
    }
}
