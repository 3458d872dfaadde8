import SOPApp
import SOPCore

/// The human forms of `cycle list`, `cycle open` and `cycle use`.
public enum CycleText {
    public static func list(_ rows: [CycleQueries.Summary], width: Int?) -> String {
        if rows.isEmpty { return "No cycles yet; the leader opens one with `cycle open`." }
        var table = TextTable(["", "CYCLE", "WORKFLOW", "STATE", "STAGES DONE"], width: width)
        for row in rows {
            table.add([row.current ? "*" : "", row.id, row.workflow, row.state, "\(row.stagesComplete)/\(row.stages)"])
        }
        return table.rendered
    }

    public static func opened(_ opened: CycleOpening.Opened) -> Reply {
        let (version, unheld) = (opened.version, opened.unheldRoles)
        var text = "Opened cycle \(opened.cycle) on workflow \(version.workflow.id) (version \(version.hash.prefix(12)), from \(version.sourceName))."
        if !unheld.isEmpty {
            text += "\nWarning: nobody on the team holds \(unheld.andList); stages that need \(unheld.count == 1 ? "that role" : "those roles") cannot be signed off."
        }
        return Reply(text, json: ChangeText.EventsJSON(cycle: opened.cycle.description, events: opened.events.map(ChangeText.EventJSON.init)))
    }

    public static func nowWorking(on cycle: String) -> Reply { Reply("Now working on cycle \(cycle).") }
}
