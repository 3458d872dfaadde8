import Foundation
import SOPCore

extension StoreTransaction {
    /// Every cycle's plan events (submissions, rejections, scenarios), oldest first, in one read:
    /// what the plan record folds, without replaying whole cycles.
    ///
    /// A submission's payload is four fields; SQLite's JSON functions take them out of the stored
    /// text in C, which on ten years of cycles costs a small part of decoding every payload with
    /// `Codable` (before, the largest share of a plan figure's time). Any other event, and a
    /// submission whose payload holds anything more, is decoded in full as every other read does.
    public func planEvents() throws -> [CycleEvent] {
        let types = PlanOfRecord.eventTypes.map(\.rawValue)
        // PostgreSQL decodes every payload: its JSON functions reject a payload that is not JSON where
        // SQLite's answer NULL, and the server's record is read over the network anyway.
        guard sql.dialect == .sqlite else {
            return try StoredEvent.fetchAll(sql, "WHERE type IN (\(placeholders(types.count))) ORDER BY seq", types).map { try $0.cycleEvent() }
        }
        let rows = try sql.rows(
            """
            SELECT seq, cycle, time, actor, type, payload, prev_hash, hash,
                type = 'input-submitted' AND json_valid(payload)
                    AND (SELECT count(*) FROM json_each(payload)) = 4
                    AND (SELECT count(*) FROM json_each(payload, '$.content')) = 1 AS plain,
                json_extract(payload, '$.stage'), json_extract(payload, '$.input'), json_extract(payload, '$.version'),
                json_extract(payload, '$.content.file.name'), json_extract(payload, '$.content.file.sha256'),
                json_extract(payload, '$.content.file.size'),
                json_extract(payload, '$.content.note._0'), json_extract(payload, '$.content.link._0')
            FROM events WHERE type IN (\(placeholders(types.count))) ORDER BY seq
            """,
            types)
        return try rows.map { row in
            if row.bool(8) == true, let submitted = Self.submission(row), let seq = row.integer(0), let cycle = row.text(1),
                let time = row.text(2).flatMap(Timestamps.parse), let actor = row.text(3)
            {
                return CycleEvent(seq: seq, cycle: cycle, time: time, actor: actor, payload: .inputSubmitted(submitted))
            }
            return try StoredEvent(row: row).cycleEvent()
        }
    }

    /// A submission from the fields `planEvents` took out (columns 9...16): stage, input, version,
    /// then the file's name, SHA-256 and size, or the note, or the link. Nil when they do not make
    /// one exactly (then the payload is decoded in full).
    private static func submission(_ row: StoreRow) -> InputSubmitted? {
        // StoreRow answers nil for a value of another type (an edited record), never stops the process.
        func text(_ i: Int) -> String? { row.text(i) }
        func number(_ i: Int) -> Int? { row.int(i) }
        guard let stage = text(9), let input = text(10), let version = number(11) else { return nil }
        let content: SubmittedContent
        if let name = text(12), let sha = text(13), let size = number(14) {
            content = .file(name: name, sha256: sha, size: size)
        } else if let note = text(15) {
            content = .note(note)
        } else if let link = text(16) {
            content = .link(link)
        } else {
            return nil
        }
        return InputSubmitted(stage: stage, input: input, version: version, content: content)
    }
}
