import SOPCore
import WorkflowFile

/// What must hold for anything a reader returns, however strange its input: cheap re-checks of the
/// rules the readers enforce, so a mutant that slips through a gap in validation is caught. Each
/// returns a list of broken invariants, empty when all hold.
enum Invariants {
    /// The characters libyaml counts as line breaks, so line numbers here match the readers'.
    static let lineBreaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]

    /// Lines as libyaml counts them, each as its Unicode scalars (columns are counted in scalars);
    /// `\r\n` is one break. A file ending in a break has an empty last line, where an editor can put a cursor.
    static func lines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n", previous == "\r" { continue }
            if lineBreaks.contains(scalar) {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
        return lines
    }

    /// Every diagnostic is one `FILE:LINE:COL: error: message` line pointing into the file.
    static func of(_ diagnostics: [FileDiagnostic], file: String, text: String) -> [String] {
        guard !diagnostics.isEmpty else { return ["refused with no diagnostic"] }
        let lines = lines(text)
        var problems: [String] = []
        for diagnostic in diagnostics {
            let shown = String(diagnostic.description.prefix(300)).debugDescription
            if diagnostic.file != file { problems.append("diagnostic names file \(diagnostic.file): \(shown)") }
            if !diagnostic.description.hasPrefix("\(file):\(diagnostic.line):\(diagnostic.column): error: ") {
                problems.append("diagnostic is not FILE:LINE:COL: error: \(shown)")
            }
            if diagnostic.message.allSatisfy(\.isWhitespace) { problems.append("empty diagnostic message: \(shown)") }
            if diagnostic.description.unicodeScalars.contains(where: { lineBreaks.contains($0) || $0.properties.generalCategory == .control }) {
                problems.append("diagnostic holds a line break or control character (it must stay one line): \(shown)")
            }
            guard (1...lines.count).contains(diagnostic.line) else {
                problems.append("line \(diagnostic.line) is outside the file's \(lines.count) lines: \(shown)")
                continue
            }
            // One past the last character is where libyaml points at a missing value.
            let width = lines[diagnostic.line - 1].count + 1
            if !(1...width).contains(diagnostic.column) {
                problems.append("column \(diagnostic.column) is outside line \(diagnostic.line) (\(width - 1) characters): \(shown)")
            }
        }
        return problems
    }

    /// The workflow rules the reader promises, re-checked on the model it returned.
    static func of(_ workflow: Workflow) -> [String] {
        var problems: [String] = []
        func expect(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition { problems.append("read as valid, but \(what())") }
        }
        let roles = workflow.roles.map(\.id)
        let stages = workflow.stages.map(\.id)
        expect(isID(workflow.id), "workflow id '\(workflow.id)' is not an id")
        expect(Set(roles).count == roles.count, "roles repeat: \(roles)")
        expect(roles.allSatisfy(isID), "a role id is not an id: \(roles)")
        expect(Workflow.requiredRoles.allSatisfy(roles.contains), "leader or sponsor missing: \(roles)")
        expect(!stages.isEmpty, "no stages")
        expect(Set(stages).count == stages.count, "stage ids repeat: \(stages)")
        expect(stages.allSatisfy(isID), "a stage id is not an id: \(stages)")
        expect(!workflow.calendar.workdays.isEmpty, "no workdays")
        expect(workflow.deciders.allSatisfy(roles.contains), "unknown decider in \(workflow.deciders)")
        expect(workflow.agenda.constraints.allSatisfy(stages.contains), "unknown agenda stage in \(workflow.agenda.constraints)")
        if let notify = workflow.notify {
            expect(!notify.command.isEmpty && (1...300).contains(notify.timeout), "bad notify \(notify)")
        }
        problems += ladder(workflow.signoffEscalation, "signoff-escalation", roles: roles + ["owner", "signers"])
        problems += ladder(workflow.actionEscalation, "action-escalation", roles: roles + ["owner"])
        for stage in workflow.stages {
            expect(roles.contains(stage.owner), "stage \(stage.id) has unknown owner \(stage.owner)")
            expect(!stage.signoffs.isEmpty, "stage \(stage.id) has no signoffs")
            expect(Set(stage.signoffs).count == stage.signoffs.count, "stage \(stage.id) repeats a signoff")
            expect((stage.signoffs + stage.contributors).allSatisfy(roles.contains), "stage \(stage.id) names an unknown role")
            expect(stage.after.allSatisfy { stages.contains($0) && $0 != stage.id }, "stage \(stage.id) has a bad after \(stage.after)")
            let inputs = stage.inputs.map(\.id)
            expect(Set(inputs).count == inputs.count && inputs.allSatisfy(isID), "stage \(stage.id) has bad inputs \(inputs)")
            expect(stage.inputs.allSatisfy { $0.columns.isEmpty || $0.format == .csv }, "stage \(stage.id) has columns on a non-CSV input")
            switch stage.due {
            case .workday(let n)?: expect((1...23).contains(n), "stage \(stage.id) is due on workday \(n)")
            case .after(let anchor, let workdays)?:
                expect(workflow.upstream(of: stage.id).map(\.id).contains(anchor), "stage \(stage.id) is due after \(anchor), not upstream")
                expect((0...60).contains(workdays), "stage \(stage.id) is due \(workdays) workdays after \(anchor)")
            case nil: break
            }
            problems += ladder(stage.escalation, "escalation of \(stage.id)", roles: roles + ["owner"])
        }
        // No stage may wait for itself through others: every stage must be reachable in some order.
        var done: Set<String> = []
        var progress = true
        while progress {
            progress = false
            for stage in workflow.stages where !done.contains(stage.id) && stage.after.allSatisfy(done.contains) {
                done.insert(stage.id)
                progress = true
            }
        }
        expect(done.count == stages.count, "stages wait for each other in a loop: \(Set(stages).subtracting(done).sorted())")
        return problems
    }

    static func ladder(_ steps: [EscalationStep], _ what: String, roles: [String]) -> [String] {
        var problems: [String] = []
        let afters = steps.map(\.after)
        if !(afters.allSatisfy { $0 >= 1 } && zip(afters, afters.dropFirst()).allSatisfy { $0 < $1 }) {
            problems.append("read as valid, but \(what) steps are out of order: \(afters)")
        }
        if !steps.allSatisfy({ !$0.notify.isEmpty && $0.notify.allSatisfy(roles.contains) }) {
            problems.append("read as valid, but \(what) notifies an unknown role: \(steps.map(\.notify))")
        }
        return problems
    }

    /// The team rules: unique ids and logins (everyone has one under `identity: os`), a name and at least
    /// one (known) role for everyone.
    static func of(_ team: Team, workflow: Workflow?) -> [String] {
        var problems: [String] = []
        let ids = team.participants.map(\.id)
        let logins = team.participants.compactMap(\.login)
        if ids.isEmpty { problems.append("read as valid, but the team is empty") }
        if Set(ids).count != ids.count || !ids.allSatisfy(isID) { problems.append("read as valid, but ids are bad: \(ids)") }
        if Set(logins).count != logins.count { problems.append("read as valid, but logins repeat: \(logins)") }
        if team.identity == .os, logins.count != ids.count {
            problems.append("read as valid, but under identity: os someone has no login: \(ids)")
        }
        let known = workflow.map { Set($0.roles.map(\.id)) }
        for person in team.participants {
            if person.name.allSatisfy(\.isWhitespace) || person.roles.isEmpty
                || !(person.roles.allSatisfy { known?.contains($0) ?? isID($0) })
                || !(person.email.map { $0.contains("@") } ?? true)
            {
                problems.append("read as valid, but participant \(person.id) is incomplete: \(person)")
            }
        }
        return problems
    }

    /// The id rule, restated here so the test does not trust the reader's own check.
    static func isID(_ text: String) -> Bool {
        let allowed = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        guard let first = text.unicodeScalars.first, allowed(first) else { return false }
        return text.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }
}
