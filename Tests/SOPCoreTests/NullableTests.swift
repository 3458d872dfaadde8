import Foundation
import SOPCore
import Testing

@Suite("An optional wrapped in @Nullable is written as null, never left out")
struct NullableTests {
    struct Row: Codable, Equatable {
        var id: String
        @Nullable var actor: String?
        var plain: String?
    }

    @Test func nilIsWrittenAsNullWhileAPlainOptionalIsLeftOut() throws {
        let json = String(decoding: try JSONEncoder().encode(Row(id: "a", actor: nil, plain: nil)), as: UTF8.self)
        #expect(json.contains("\"actor\":null"))
        #expect(!json.contains("plain"))
    }

    @Test func aValueIsWrittenAsItself() throws {
        let json = String(decoding: try JSONEncoder().encode(Row(id: "a", actor: "dan", plain: nil)), as: UTF8.self)
        #expect(json.contains("\"actor\":\"dan\""))
    }

    @Test func readsBackNullAMissingKeyAndAValue() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(Row.self, from: Data(#"{"id":"a","actor":null}"#.utf8)).actor == nil)
        #expect(try decoder.decode(Row.self, from: Data(#"{"id":"a"}"#.utf8)).actor == nil)
        #expect(try decoder.decode(Row.self, from: Data(#"{"id":"a","actor":"dan"}"#.utf8)).actor == "dan")
    }
}
