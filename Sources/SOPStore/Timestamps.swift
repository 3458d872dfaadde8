import Foundation
import SOPCore

/// How event times are written in the `time` column: ISO 8601, UTC, milliseconds.
enum Timestamps {
    static func format(_ date: Date) -> String { Stamp.iso(date) }

    static func parse(_ text: String) -> Date? { Stamp.parseISO(text) }
}

/// JSON for everything the store keeps beside the log — the `follow_ups` and `escalations` records, a
/// workflow version's `model`, a participant's `roles` — configured here and nowhere else: sorted
/// keys, times as in `time`. Event payloads are not written here: their bytes are hashed into the
/// chain, so their one encoder (`EventPayload.encoded`) never changes.
enum RecordCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamps.format(date))
        }
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = Timestamps.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an ISO 8601 time")
            }
            return date
        }
        return decoder
    }
}
