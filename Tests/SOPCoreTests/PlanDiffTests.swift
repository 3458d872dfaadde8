import Foundation
import SOPCore
import Testing

/// `plan diff`: largest change first, families in one plan only with nulls, and the choice of the
/// cycle to compare with.
@Suite struct PlanDiffShowsTheLargestChangesFirst {
    typealias F = PlanFixture

    @Test func changesAreSortedByTheSizeOfTheirDeltaThenKindFamilyMonth() {
        let now = (
            demand: F.quantities(.demand, [("outdoor", "2026-12", 1900), ("outdoor", "2027-01", 900), ("indoor", "2026-12", 300), ("garden", "2026-12", 50), ("outdoor", "2027-05", 1)]),
            supply: F.quantities(.supply, [("outdoor", "2026-12", 1500), ("outdoor", "2027-01", 1000)])
        )
        let before = (
            demand: F.quantities(.demand, [("outdoor", "2026-11", 5), ("outdoor", "2026-12", 1400), ("outdoor", "2027-01", 1000), ("indoor", "2026-12", 400), ("retired", "2027-01", 70)]),
            supply: F.quantities(.supply, [("outdoor", "2026-12", 1000), ("outdoor", "2027-01", 1000)])
        )
        let diff = PlanDiff(cycle: F.month("2026-11"), against: F.month("2026-10"), now: now, before: before)
        #expect(diff.changes.map { "\($0.kind.rawValue) \($0.family) \($0.month) \($0.before.map { "\($0)" } ?? "null") \($0.after.map { "\($0)" } ?? "null") \($0.delta.map { "\($0)" } ?? "null")" } == [
            "demand outdoor 2026-12 1400 1900 500",
            "supply outdoor 2026-12 1000 1500 500",
            "demand indoor 2026-12 400 300 -100",
            "demand outdoor 2027-01 1000 900 -100",
            "demand garden 2026-12 null 50 null",
            "demand retired 2027-01 70 null null",
        ])
    }

    @Test func theEarlierCycleIsTheMostRecentOneNotCancelled() throws {
        let cycles = [
            DiffCandidate(month: F.month("2026-08"), hasPlan: true), DiffCandidate(month: F.month("2026-09"), hasPlan: true),
            DiffCandidate(month: F.month("2026-10"), cancelled: true, hasPlan: false), DiffCandidate(month: F.month("2026-11"), hasPlan: true),
            DiffCandidate(month: F.month("2026-12"), hasPlan: true),
        ]
        #expect(try PlanDiff.against(F.month("2026-11"), among: cycles) == F.month("2026-09"))
        #expect(try PlanDiff.against(F.month("2026-11"), among: cycles, explicit: F.month("2026-08")) == F.month("2026-08"))
        #expect(Self.rule { try PlanDiff.against(F.month("2026-08"), among: cycles) } == .unknownCycle)
        #expect(Self.rule { try PlanDiff.against(F.month("2026-11"), among: cycles, explicit: F.month("2026-07")) } == .unknownCycle)
        #expect(Self.rule { try PlanDiff.against(F.month("2026-11"), among: cycles, explicit: F.month("2026-10")) } == .cycleCancelled)
        #expect(Self.rule { try PlanDiff.against(F.month("2026-11"), among: cycles, explicit: F.month("2026-11")) } == .badArgument)
        #expect(Self.rule { try PlanDiff.against(F.month("2026-11"), among: cycles, explicit: F.month("2026-12")) } == .badArgument)
        let unplanned = [DiffCandidate(month: F.month("2026-09"), hasPlan: true), DiffCandidate(month: F.month("2026-10"), hasPlan: false)]
        do {
            _ = try PlanDiff.against(F.month("2026-11"), among: unplanned)
            Issue.record("a cycle without a plan was chosen")
        } catch {
            #expect(error.rule == .noPlan)
            #expect(error.fix.contains("--against 2026-09"))
        }
        #expect(Self.rule { try PlanDiff.against(F.month("2026-11"), among: unplanned, explicit: F.month("2026-10")) } == .noPlan)
    }

    static func rule(_ body: () throws -> CycleMonth) -> Refusal.Rule? {
        do {
            _ = try body()
            return nil
        } catch { return (error as? Refusal)?.rule }
    }
}
