import Foundation
import SOPCore
import Testing

/// The workflow's `limits:`: a note or file over the limit is refused at submit, and changes nothing.
@Suite struct SubmissionsOverTheWorkflowsLimitsAreRefused {
    @Test func theDefaultsAreDocumented() {
        let limits = SubmissionLimits()
        #expect(limits.note == 4_000)
        #expect(limits.file == 20_000_000)
        #expect(limits.agendaLines == 6)
    }

    @Test func aNoteOverTheLimitIsRefusedWithTheFix() throws {
        var c = try Cycle()
        try c.completeGather()
        let r = c.refusal(.note("demand", "assumptions", String(repeating: "x", count: 4_001)), as: "dan")
        #expect(r?.rule == .limit)
        #expect(r?.message == "the note for demand assumptions is 4001 characters; the workflow allows 4000")
        #expect(r?.fix.contains("submit demand assumptions FILE") == true)
        #expect(try c.run(.note("demand", "assumptions", String(repeating: "x", count: 4_000)), as: "dan").count == 1)
    }

    @Test func aFileOverTheWorkflowsLimitIsRefused() throws {
        var workflow = Fixture.workflow()
        workflow.limits = SubmissionLimits(note: 10, file: 1_000)
        var c = try Cycle(workflow: workflow)
        let big = CycleCommand.fileBytes("gather", "history", Data(repeating: 65, count: 1_001), name: "history.txt")
        let r = c.refusal(big, as: "dan")
        #expect(r?.rule == .limit)
        #expect(r?.message == "history.txt is 1001 bytes; the workflow allows 1KB for a file")
        #expect(r?.fix.contains("--link") == true)
        #expect(c.refusal(.note("gather", "history", "eleven char"), as: "dan")?.rule == .limit, "the workflow's note limit")
    }

    @Test func sizesReadAndPrintInDecimalUnits() {
        #expect(SubmissionLimits.parseSize("20MB") == 20_000_000)
        #expect(SubmissionLimits.parseSize("512kb") == 512_000)
        #expect(SubmissionLimits.parseSize("1500") == 1_500)
        #expect(SubmissionLimits.parseSize("12 GB") == nil)
        #expect(SubmissionLimits.parseSize("-1MB") == nil)
        #expect(SubmissionLimits.size(20_000_000) == "20MB")
        #expect(SubmissionLimits.size(1_500) == "1500B")
    }

    @Test func aLongNoteIsPreviewedByItsFirstLines() {
        let note = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let preview = NotePreview(note, lines: 3)
        #expect(preview.lines == ["line 1", "line 2", "line 3"])
        #expect(preview.hiddenLines == 7)
        let short = NotePreview("one\r\ntwo\n", lines: 3)
        #expect(short.lines == ["one", "two"] && !short.isCut)
        let wide = NotePreview(String(repeating: "y", count: 1_000), lines: 2)
        #expect(wide.lines == [String(repeating: "y", count: 200) + "..."])
        #expect(wide.hiddenLines == 1, "one long line counts as cut")
    }
}
