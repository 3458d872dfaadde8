import Foundation
import SOPCore
import Testing

/// A plan file without quotes or carriage returns is cut straight from its bytes, its numbers built
/// from their digits and its fields trimmed only when they have blanks: it must read exactly as the
/// RFC reader (which a quote or a CR selects) reads the same values.
@Suite struct PlanFileFastReadingTests {
    static let demand = InputSpec(id: "unconstrained-forecast", format: .csv, plan: .demand)

    func read(_ text: String) throws(Refusal) -> PlanTable {
        try PlanFileReading.table(Data(text.utf8), fileName: "forecast.csv", input: Self.demand, kind: .demand)
    }

    @Test func aQuoteFreeFileReadsAsTheSameFileWithQuotesAndWithCRLF() throws {
        let plain = "family,month,quantity\nLounge,2026-11,1440\n Dïning ,2026-12, 1800.50\n\nShade\u{00A0},2027-01,0.125\nX,2027-02,123456789012345678\nY,2027-03,1234567890123456789.5"
        let quoted = plain.replacingOccurrences(of: "Lounge", with: "\"Lounge\"")
        let crlf = plain.replacingOccurrences(of: "\n", with: "\r\n")
        let fast = try read(plain)
        #expect(fast == (try read(quoted)))
        #expect(fast == (try read(crlf)))
        #expect(fast.rows.map(\.line) == [2, 3, 5, 6, 7])
        #expect(fast.rows.map(\.family) == ["Lounge", "Dïning", "Shade", "X", "Y"])
        #expect(fast.rows.map { $0[.quantity] } == [
            1440, Decimal(string: "1800.5"), Decimal(string: "0.125"), Decimal(string: "123456789012345678"),
            Decimal(string: "1234567890123456789.5"),
        ])
        #expect(fast.rows.map { "\($0[.quantity] ?? -1)" } == ["1440", "1800.5", "0.125", "123456789012345678", "1234567890123456789.5"])
    }

    @Test func aQuoteFreeFileIsStillCheckedValueByValue() {
        do {
            _ = try read("family,month,quantity\nLounge,2026-11,1 440\n")
            Issue.record("a number with a blank inside was read")
        } catch {
            #expect(error.message == "forecast.csv line 2, column quantity: \"1 440\" is not a number", "\(error.message)")
        }
    }
}
