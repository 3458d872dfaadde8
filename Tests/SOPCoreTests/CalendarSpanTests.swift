import Foundation
import SOPCore
import Testing

/// `workdaysBetween` counts whole weeks instead of walking every day: fuzzing found `status` on a
/// cycle opened for 9999-12 (or with the clock set to year 9999) taking minutes.
@Suite struct CalendarSpanTests {
    /// The definition, day by day, to check the arithmetic against.
    static func walked(_ calendar: WorkCalendar, _ from: Day, _ to: Day) -> Int {
        guard from < to else { return 0 }
        return (1...(to.ordinal - from.ordinal)).filter { calendar.isWorkday(from.adding(days: $0)) }.count
    }

    @Test func agreesWithWalkingEveryDay() throws {
        let calendars = [
            WorkCalendar(),
            WorkCalendar(workdays: [.mon, .wed, .sat], holidays: [try day("2026-12-25"), try day("2026-12-26"), try day("2027-01-02")]),
            WorkCalendar(workdays: Weekday.allCases, holidays: [try day("2026-11-30")]),
            WorkCalendar(workdays: [.sun]),
        ]
        var random = SplitMix(seed: 20_261_105)
        let start = try day("2026-10-01").ordinal
        for _ in 0..<2_000 {
            let from = Day(ordinal: start + Int(random.next() % 200))
            let to = Day(ordinal: from.ordinal + Int(random.next() % 120) - 10)
            for calendar in calendars {
                #expect(calendar.workdaysBetween(from, to) == Self.walked(calendar, from, to), "\(from) -> \(to) \(calendar)")
            }
        }
    }

    @Test func spansOfMillenniaAreCountedAtOnce() throws {
        let calendar = WorkCalendar(holidays: [try day("2026-12-25")])
        let (first, last) = (try day("0000-01-01"), try day("9999-12-31"))
        var count = 0
        let time = ContinuousClock().measure { count = calendar.workdaysBetween(first, last) }
        #expect(time < .seconds(1))
        // Five workdays a week over 3,652,424 days, less the one holiday (a Friday).
        #expect(abs(count - 3_652_424 * 5 / 7) <= 5)
        // Two centuries still walk quickly enough to check the exact figure.
        let (start, end) = (try day("2026-01-01"), try day("2226-01-01"))
        #expect(calendar.workdaysBetween(start, end) == Self.walked(calendar, start, end))
    }

    func day(_ text: String) throws -> Day { try #require(Day(text)) }
}

/// A seedable generator, so the random spans are the same on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
