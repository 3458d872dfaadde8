import SOPCore
import Testing

@Suite struct DayTests {
    @Test(arguments: ["2026-11-10", "2024-02-29", "2000-02-29", "1970-01-01", "2026-12-31", "0999-01-05"])
    func parsesRealDatesAndPrintsThemBack(text: String) throws {
        let day = try #require(Day(text))
        #expect(day.description == text)
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-11-31", "2026-13-01", "2026-00-10", "2026-11-00",
        "2026-1-01", "2026-11-1", "26-11-01", "2026/11/01", "2026-11-01x", "2026-11", "2026-11-01-01", "", "abcd-ef-gh",
        "2026-+1-01", "+026-11-01", "2026-11-+1",
    ])
    func rejectsWhatIsNotADate(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func fieldsAndOrder() throws {
        let day = try #require(Day("2026-11-10"))
        #expect(day == Day(year: 2026, month: 11, day: 10))
        #expect(try #require(Day("2026-11-09")) < day)
        #expect(day < (try #require(Day("2026-12-01"))))
        #expect(day < (try #require(Day("2027-01-01"))))
    }

    @Test(arguments: [
        ("1970-01-01", Weekday.thu), ("2000-01-01", .sat), ("2024-02-29", .thu), ("1999-12-31", .fri),
        ("2026-11-01", .sun), ("2026-11-02", .mon), ("2026-11-10", .tue), ("2026-12-25", .fri), ("2027-01-04", .mon),
        ("1969-12-31", .wed),
    ])
    func weekdaysOfKnownDates(text: String, weekday: Weekday) throws {
        #expect(try #require(Day(text)).weekday == weekday)
    }

    @Test func ordinalsRoundTripAndAddDays() throws {
        #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
        var day = Day(year: 1999, month: 12, day: 1)
        for _ in 0..<1000 {
            #expect(Day(ordinal: day.ordinal) == day)
            let next = day.adding(days: 1)
            #expect(next.ordinal == day.ordinal + 1)
            #expect(day < next)
            day = next
        }
        #expect(Day(year: 2024, month: 2, day: 28).adding(days: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(Day(year: 2026, month: 12, day: 31).adding(days: 1) == Day(year: 2027, month: 1, day: 1))
        #expect(Day(year: 2026, month: 3, day: 1).adding(days: -1) == Day(year: 2026, month: 2, day: 28))
    }
}

@Suite struct WorkCalendarTests {
    let calendar = WorkCalendar()
    let november = CycleMonth(year: 2026, month: 11)

    func day(_ text: String) throws -> Day { try #require(Day(text)) }

    @Test func weekendsAndHolidaysAreNotWorkdays() throws {
        let xmas = WorkCalendar(holidays: [try day("2026-12-25")])
        #expect(xmas.isWorkday(try day("2026-12-24")))
        #expect(!xmas.isWorkday(try day("2026-12-25")))
        #expect(!xmas.isWorkday(try day("2026-12-26")))
        #expect(calendar.isWorkday(try day("2026-12-25")))
    }

    @Test func workdaysOfAMonth() throws {
        let days = calendar.workdays(in: november)
        #expect(days.count == 21)
        #expect(days.first == (try day("2026-11-02")))
        #expect(days.last == (try day("2026-11-30")))
        #expect(days.allSatisfy { $0.weekday != .sat && $0.weekday != .sun })
    }

    @Test(arguments: [(1, "2026-11-02"), (5, "2026-11-06"), (6, "2026-11-09"), (7, "2026-11-10"), (8, "2026-11-11"), (21, "2026-11-30")])
    func theNthWorkday(n: Int, expected: String) throws {
        #expect(calendar.workday(n, of: november)?.description == expected)
    }

    @Test func aHolidayShiftsTheNthWorkday() throws {
        let withHoliday = WorkCalendar(holidays: [try day("2026-11-02"), try day("2026-11-09")])
        #expect(withHoliday.workday(1, of: november)?.description == "2026-11-03")
        #expect(withHoliday.workday(8, of: november)?.description == "2026-11-13")
    }

    /// February 2026 has exactly 20 workdays.
    @Test(arguments: [20, 21, 25, 31])
    func aMonthWithFewerWorkdaysFallsOnItsLastWorkday(n: Int) throws {
        let february = CycleMonth(year: 2026, month: 2)
        #expect(calendar.workdays(in: february).count == 20)
        #expect(calendar.workday(n, of: february)?.description == "2026-02-27")
        let lastHoliday = WorkCalendar(holidays: [try day("2026-02-27")])
        #expect(lastHoliday.workday(n, of: february)?.description == "2026-02-26")
    }

    @Test func noWorkdayBeforeTheFirst() {
        #expect(calendar.workday(0, of: november) == nil)
        #expect(calendar.workday(-1, of: november) == nil)
        #expect(WorkCalendar(workdays: []).workday(1, of: november) == nil)
    }

    @Test(arguments: [
        ("2026-11-06", "2026-11-09", 1),  // Fri -> Mon
        ("2026-11-06", "2026-11-08", 0),  // Fri -> Sun
        ("2026-11-11", "2026-11-16", 3),
        ("2026-11-11", "2026-11-11", 0),  // same day
        ("2026-11-16", "2026-11-11", 0),  // backwards
        ("2026-10-30", "2026-11-02", 1),  // across months
        ("2026-12-24", "2026-12-28", 1),  // across Christmas (a holiday here)
        ("2026-12-31", "2027-01-04", 2),  // across years: Fri 1st and Mon 4th
    ])
    func workdaysBetween(from: String, to: String, count: Int) throws {
        let xmas = WorkCalendar(holidays: [try day("2026-12-25")])
        #expect(xmas.workdaysBetween(try day(from), try day(to)) == count)
    }

    @Test func noWorkdaysMeansNoLateness() throws {
        #expect(WorkCalendar(workdays: []).workdaysBetween(try day("2026-01-01"), try day("2026-12-31")) == 0)
    }
}

@Suite struct CycleMonthTests {
    @Test(arguments: [("2026-11", 2026, 11), ("2027-01", 2027, 1), ("1999-12", 1999, 12)])
    func parses(text: String, year: Int, month: Int) throws {
        let m = try #require(CycleMonth(text))
        #expect(m == CycleMonth(year: year, month: month))
        #expect(m.description == text)
    }

    @Test(arguments: ["2026-13", "2026-00", "2026-1", "26-11", "202611", "2026-11-01", "2026/11", "", "2026-", "-11", "2026-1a", "2026-+1", "+026-11"])
    func rejects(text: String) {
        #expect(CycleMonth(text) == nil)
    }

    @Test func orderAndDays() throws {
        #expect(CycleMonth(year: 2026, month: 12) < CycleMonth(year: 2027, month: 1))
        #expect(CycleMonth(year: 2026, month: 2) < CycleMonth(year: 2026, month: 11))
        #expect(CycleMonth(Day(year: 2026, month: 3, day: 31)) == CycleMonth(year: 2026, month: 3))
        #expect(CycleMonth(year: 2026, month: 3).description == "2026-03")
    }
}
