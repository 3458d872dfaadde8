import Foundation
import SOPCore
import Testing

/// A plan file read into values at submit: every value checked, refusals naming line, column and value.
@Suite struct PlanFileReadingTests {
    static let demand = InputSpec(id: "unconstrained-forecast", format: .csv, plan: .demand)
    static let mapped = InputSpec(
        id: "unconstrained-forecast", format: .csv, plan: .demand,
        planHeaders: [.family: "Product family", .month: "Period", .quantity: "Units"])

    func read(_ text: String, _ input: InputSpec = PlanFileReadingTests.demand, file: String = "forecast.csv") throws(Refusal) -> PlanTable {
        try PlanFileReading.table(Data(text.utf8), fileName: file, input: input, kind: input.plan ?? .demand)
    }

    func refusal(_ text: String, _ input: InputSpec = PlanFileReadingTests.demand) -> Refusal? {
        do {
            _ = try read(text, input)
            return nil
        } catch { return error }
    }

    @Test func aDemandPlanIsReadIntoRows() throws {
        let table = try read("family,month,quantity\nLounge,2026-11,1440\nLounge,2026-12,1800.5\n")
        #expect(table.kind == .demand)
        #expect(table.rows == [
            PlanRow(line: 2, family: "Lounge", month: CycleMonth(year: 2026, month: 11), values: [.quantity: 1440]),
            PlanRow(line: 3, family: "Lounge", month: CycleMonth(year: 2026, month: 12), values: [.quantity: Decimal(string: "1800.5")!]),
        ])
    }

    @Test func theMappingNamesTheFilesHeadersIgnoringCaseAndBlanksAndExtraColumnsAreIgnored() throws {
        let table = try read(" product FAMILY ,Region,period,  UNITS \nDining,EU,2027-01,980\n", Self.mapped)
        #expect(table.rows == [PlanRow(line: 2, family: "Dining", month: CycleMonth(year: 2027, month: 1), values: [.quantity: 980])])
    }

    @Test func ourOwnNamesAreNotEnoughWhenTheWorkflowMapsThem() {
        let r = refusal("family,month,quantity\nDining,2027-01,980\n", Self.mapped)
        #expect(r?.rule == .inputFormat)
        #expect(r?.message.contains("lacks columns Product family, Period and Units") == true, "\(String(describing: r))")
    }

    @Test func blankLinesAreSkippedAndLinesCountTheFile() throws {
        let table = try read("family,month,quantity\n\nLounge,2026-11,1\n,,\nLounge,2026-12,2\n\n")
        #expect(table.rows.map(\.line) == [3, 5])
    }

    @Test func aBadMonthIsRefusedNamingLineColumnAndValue() {
        let r = refusal("Product family,Period,Units\nLounge,2026-11,1\nLounge,13-2026,2\n", Self.mapped)
        #expect(r?.rule == .planValue)
        #expect(r?.description == #"forecast.csv line 3, column Period: "13-2026" is not a month (write YYYY-MM, e.g. 2026-11)"#)
        #expect(refusal("family,month,quantity\nLounge,2026-13,1\n")?.message.contains(#""2026-13" is not a month"#) == true)
    }

    @Test(arguments: ["1,200", "1200 units", "1e3", "12.", ".5", "$120", "--3", "+4"])
    func aValueThatIsNotAPlainDecimalIsRefused(_ value: String) {
        let quoted = value.contains(",") ? "\"\(value)\"" : value
        let r = refusal("family,month,quantity\nLounge,2026-11,\(quoted)\n")
        #expect(r?.rule == .planValue)
        #expect(r?.message == "forecast.csv line 2, column quantity: \"\(value)\" is not a number", "\(String(describing: r))")
    }

    @Test func aNegativeQuantityIsRefusedButANegativeMarginIsAllowed() throws {
        let r = refusal("family,month,quantity\nLounge,2026-11,-40\n")
        #expect(r?.rule == .planValue)
        #expect(r?.message == #"forecast.csv line 2, column quantity: "-40" is negative"#)
        let finance = InputSpec(id: "financial-projection", format: .csv, plan: .finance)
        let table = try read("family,month,revenue,margin\nShade,2026-11,-1200.5,-300\n", finance)
        #expect(table.rows.first?[.margin] == -300)
        #expect(table.rows.first?[.revenue] == Decimal(string: "-1200.5"))
        let capacity = InputSpec(id: "capacity-plan", format: .csv, plan: .capacity)
        #expect(refusal("resource,month,available,required\nline-1,2026-11,-1,5\n", capacity)?.message.contains("column available") == true)
        #expect(refusal("resource,month,available,required\nline-1,2026-11,1,-5\n", capacity)?.message.contains("column required") == true)
    }

    @Test func anEmptyFamilyOrResourceIsRefused() {
        #expect(refusal("family,month,quantity\n  ,2026-11,1\n")?.description
            == "forecast.csv line 2, column family: the family is empty (name the product family on every row)")
        let capacity = InputSpec(id: "capacity-plan", format: .csv, plan: .capacity)
        #expect(refusal("resource,month,available,required\n,2026-11,1,1\n", capacity)?.message
            == "forecast.csv line 2, column resource: the resource is empty")
    }

    @Test func anEmptyRequiredNumberIsRefusedAnEmptyOptionalOneIsLeftOut() throws {
        #expect(refusal("family,month,quantity\nLounge,2026-11,\n")?.message == "forecast.csv line 2, column quantity: the quantity is empty")
        let inventory = InputSpec(id: "inventory-snapshot", format: .csv, plan: .inventory)
        let table = try read("family,quantity,safety_stock\nLounge,1850,\nDining,1120,400\n", inventory)
        #expect(table.rows.map(\.values) == [[.quantity: 1850], [.quantity: 1120, .safetyStock: 400]])
        #expect(table.rows.first?.month == nil)
    }

    @Test func twoRowsSharingTheKeyAreRefusedNamingTheFirst() {
        let r = refusal("family,month,quantity\nLounge,2026-11,1\nDining,2026-11,2\nLounge,2026-11,3\n")
        #expect(r?.rule == .planValue)
        #expect(r?.message == #"forecast.csv line 4, column family: "Lounge" for "2026-11" is already on line 2"#, "\(String(describing: r))")
        let inventory = InputSpec(id: "inventory-snapshot", format: .csv, plan: .inventory)
        #expect(refusal("family,quantity\nLounge,1\n Lounge ,2\n", inventory)?.message.contains("is already on line 2") == true)
        let capacity = InputSpec(id: "capacity-plan", format: .csv, plan: .capacity)
        #expect(refusal("resource,month,available,required\nl1,2026-11,1,1\nl1,2026-12,1,1\nl2,2026-11,1,1\n", capacity) == nil)
    }

    @Test func theStructureIsStillCheckedFirst() {
        #expect(refusal("family,month\nLounge,2026-11\n")?.rule == .inputFormat)
        #expect(refusal("family,month,quantity\n")?.message == "forecast.csv has a header but no data rows")
    }

    @Test func optionalColumnsMayBeLeftOutOfTheFile() throws {
        let actuals = InputSpec(id: "sales-actuals", format: .csv, plan: .actuals)
        let table = try read("family,month,quantity\nLounge,2026-10,1320\n", actuals)
        #expect(table.rows.first?.values == [.quantity: 1320])
    }
}
