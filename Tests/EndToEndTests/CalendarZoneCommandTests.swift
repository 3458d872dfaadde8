import Foundation
import Testing

/// DESIGN.md, "One calendar": the workflow's `calendar: { zone: ... }` decides what day it is, for a
/// planner in Lyon and one in Chicago alike; without it, the zone the record was created in does.
@Suite struct CalendarZoneCommandTests {
    /// 23:30 UTC on 1 December: already the 2nd in Lyon, still the 1st in Chicago.
    static let moment = "2026-12-01T23:30:00Z"

    static func today(_ box: Sandbox, zone: String) throws -> String? {
        let status = try box.run(["--as", "maria", "status"], env: ["SOP_NOW": moment, "TZ": zone])
        #expect(status.code == 0, "\(status)")
        // The heading: "Cycle 2026-12 · monthly-sop · open · 0/8 stages done · today 2026-12-02".
        guard let today = status.outLines.first?.range(of: "today ") else { return nil }
        return String(status.outLines[0][today.upperBound...].prefix(10))
    }

    static func record(workflowZone: String?, createdIn zone: String) throws -> Sandbox {
        let box = try Sandbox()
        var yaml = try String(contentsOfFile: Package.path("Workflows/monthly-sop.yaml"), encoding: .utf8)
        if let workflowZone {
            yaml = yaml.replacingOccurrences(of: "calendar:\n", with: "calendar:\n  zone: \(workflowZone)\n")
        }
        let file = try box.write("zoned.yaml", yaml)
        #expect(try box.run(["init", "--workflow", file], env: ["SOP_NOW": "2026-11-20T12:00:00Z", "TZ": zone]).code == 0)
        #expect(try box.run(["--as", "maria", "cycle", "open", "2026-12"], env: ["SOP_NOW": "2026-11-20T12:00:00Z", "TZ": zone]).code == 0)
        return box
    }

    @Test func theWorkflowsZoneIsEveryonesDay() throws {
        let box = try Self.record(workflowZone: "Europe/Paris", createdIn: "America/Chicago")
        #expect(try Self.today(box, zone: "Europe/Paris") == "2026-12-02")
        #expect(try Self.today(box, zone: "America/Chicago") == "2026-12-02")
    }

    @Test func withoutOneTheRecordsCreationZoneIs() throws {
        let box = try Self.record(workflowZone: nil, createdIn: "America/Chicago")
        #expect(try Self.today(box, zone: "Europe/Paris") == "2026-12-01")
        #expect(try Self.today(box, zone: "America/Chicago") == "2026-12-01")
        let lyon = try Self.record(workflowZone: nil, createdIn: "Europe/Paris")
        #expect(try Self.today(lyon, zone: "America/Chicago") == "2026-12-02")
    }

    @Test func anUnknownZoneIsRefusedWithItsLine() throws {
        let box = try Sandbox()
        let yaml = try String(contentsOfFile: Package.path("Workflows/monthly-sop.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "calendar:\n", with: "calendar:\n  zone: Paris\n")
        let check = try box.run(["workflow", "check", try box.write("bad.yaml", yaml)], db: false)
        #expect(check.code == 1)
        #expect(check.err.contains("bad.yaml:18:9: error: unknown time zone 'Paris' (did you mean Europe/Paris?"), "\(check)")
    }
}
