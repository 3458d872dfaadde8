import Foundation

/// A calendar date without a time zone: due dates and holidays are whole business days.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil unless it names a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, parts.allSatisfy(\.isDigits),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...Day.daysIn(year: y, month: m)).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String { String(format4: year) + "-" + String(pad2: month) + "-" + String(pad2: day) }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil), so weekdays need no Foundation calendar.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((ordinal % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday.allCases[index]
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The calendar day a moment falls on in `zone`. Code that knows the workflow asks its calendar
    /// (`WorkCalendar.day(containing:)`), so every participant reads "today", "done on" and "due" on
    /// the one wall calendar of the cycle, wherever they sit.
    public init(containing date: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}

public enum Weekday: String, Sendable, Codable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun
}

/// Which days count as workdays, and on which wall clock: due dates and lateness are measured in them.
public struct WorkCalendar: Sendable, Equatable, Codable {
    public var workdays: [Weekday]
    public var holidays: [Day]
    /// The workflow's `zone:` (an IANA name, `Europe/Paris`): what day it is for everyone in the cycle.
    public var zone: String?
    /// The zone recorded when the record was created, used when the workflow names none. Not part of
    /// the workflow file: the store sets it on every workflow it reads back.
    public var recordZone: String?

    public init(workdays: [Weekday] = [.mon, .tue, .wed, .thu, .fri], holidays: [Day] = [], zone: String? = nil) {
        self.workdays = workdays
        self.holidays = holidays
        self.zone = zone
    }

    enum CodingKeys: String, CodingKey { case workdays, holidays, zone }

    /// Two calendars are the same when the workflow file says the same: the record's zone is where the
    /// workflow is kept, not part of it (a version read back from the store equals the one stored).
    public static func == (a: WorkCalendar, b: WorkCalendar) -> Bool {
        (a.workdays, a.holidays, a.zone) == (b.workdays, b.holidays, b.zone)
    }

    /// The zone days are read in: the workflow's, else the record's, else UTC (a record made before
    /// zones were recorded gets its creating machine's zone written by the store, so this is only for
    /// a calendar no record holds, such as a test's).
    public var timeZone: TimeZone {
        for name in [zone, recordZone].compactMap({ $0 }) {
            if let zone = TimeZone(identifier: name) { return zone }
        }
        return TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .gmt
    }

    /// The one function every view reads a moment's day with: lateness, due dates and ladders agree.
    public func day(containing date: Date) -> Day { Day(containing: date, in: timeZone) }

    public func isWorkday(_ day: Day) -> Bool { workdays.contains(day.weekday) && !holidays.contains(day) }

    /// The workdays of one month, in order.
    public func workdays(in month: CycleMonth) -> [Day] {
        (1...Day.daysIn(year: month.year, month: month.month))
            .map { Day(year: month.year, month: month.month, day: $0) }
            .filter(isWorkday)
    }

    /// The Nth workday of the month; a month with fewer workdays than N falls due on its last one.
    public func workday(_ n: Int, of month: CycleMonth) -> Day? {
        let days = workdays(in: month)
        guard n >= 1, let last = days.last else { return nil }
        return n <= days.count ? days[n - 1] : last
    }

    /// The day N workdays after `day` (N = 0 is the day itself); nil when the calendar has no workdays.
    public func adding(workdays n: Int, to day: Day) -> Day? {
        guard n > 0 else { return day }
        guard !workdays.isEmpty else { return nil }
        var found = 0
        var current = day
        // Holidays are finite, so a workday comes within a few weeks; the bound only guards a bad calendar.
        for _ in 0..<(n * 7 + 400) {
            current = current.adding(days: 1)
            if isWorkday(current) { found += 1 }
            if found == n { return current }
        }
        return nil
    }

    /// Workdays strictly after `from` up to and including `to`; 0 when `to` is not later.
    /// Counted by whole weeks, not day by day: a cycle opened for 9999-12 (or a clock set far off)
    /// spans millions of days, and walking them made `status` take minutes.
    public func workdaysBetween(_ from: Day, _ to: Day) -> Int {
        guard from < to, !workdays.isEmpty else { return 0 }
        let days = to.ordinal - from.ordinal
        let weekly = Set(workdays)
        var count = days / 7 * weekly.count
        // The days left over after the whole weeks: fewer than seven, ending at `to`.
        for offset in 0..<(days % 7) where weekly.contains(to.adding(days: -offset).weekday) {
            count += 1
        }
        for holiday in Set(holidays) where from < holiday && holiday <= to && weekly.contains(holiday.weekday) {
            count -= 1
        }
        return count
    }
}

/// A cycle's id: the planning month, written `YYYY-MM`.
public struct CycleMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, parts.allSatisfy(\.isDigits),
            let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m)
        else { return nil }
        self.init(year: y, month: m)
    }

    public init(_ day: Day) { self.init(year: day.year, month: day.month) }

    public var description: String { String(format4: year) + "-" + String(pad2: month) }
    public static func < (a: CycleMonth, b: CycleMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public var next: CycleMonth { month == 12 ? CycleMonth(year: year + 1, month: 1) : CycleMonth(year: year, month: month + 1) }
    public var previous: CycleMonth { month == 1 ? CycleMonth(year: year - 1, month: 12) : CycleMonth(year: year, month: month - 1) }
}

extension Substring {
    /// Only ASCII digits: `Int("+1")` would otherwise let `2026-+1` through as a month.
    var isDigits: Bool { utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
}

extension String {
    init(pad2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
    init(format4 value: Int) {
        let digits = "\(value)"
        self = String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}

// Written as `YYYY-MM-DD` in event payloads and JSON; the `{year, month, day}` object form that
// earlier databases stored in workflow models is still read.
extension Day {
    private enum Parts: String, CodingKey { case year, month, day }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            guard let day = Day(text) else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "'\(text)' is not a YYYY-MM-DD date")
            }
            self = day
            return
        }
        let c = try decoder.container(keyedBy: Parts.self)
        self.init(year: try c.decode(Int.self, forKey: .year), month: try c.decode(Int.self, forKey: .month), day: try c.decode(Int.self, forKey: .day))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
