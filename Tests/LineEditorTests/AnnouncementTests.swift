import CEditLine
import Testing
@testable import LineEditor

/// Announcements are printed only between whole keys, cannot move the cursor, and the prompt's
/// width is counted the way libedit lays it out.
@Suite struct AnnouncementsWaitForWholeKeys {
    static func progress(_ keys: String) -> [EscapeProgress] {
        var state = EscapeProgress.outside
        return keys.unicodeScalars.map { key in
            state = state.after(wchar_t(bitPattern: key.value))
            return state
        }
    }

    @Test func anArrowKeyIsOneSequenceAndOrdinaryTypingIsOutside() {
        // Up arrow, ESC [ A: inside until its final byte.
        #expect(Self.progress("\u{1B}[A") == [.escape, .controlSequence, .outside])
        // Ctrl-Left, ESC [ 1 ; 5 D: parameters keep it open.
        #expect(Self.progress("\u{1B}[1;5D") == [.escape, .controlSequence, .controlSequence, .controlSequence, .controlSequence, .outside])
        // ESC O A (application cursor keys) and Meta-b (ESC b).
        #expect(Self.progress("\u{1B}OA") == [.escape, .singleShift, .outside])
        #expect(Self.progress("\u{1B}b") == [.escape, .outside])
        #expect(Self.progress("status") == Array(repeating: .outside, count: 6))
    }

    @Test func linesCannotCarryControlCharacters() {
        #expect(LineEditor.terminalSafe("a\u{1B}[2Jb\r\n\u{9B}c") == "a [2Jb   c")
        #expect(LineEditor.terminalSafe("· 14:02Z Dan signed off") == "· 14:02Z Dan signed off")
    }

    @Test func thePromptsColumnsLeaveOutItsColourCodes() {
        #expect(LineEditor.columns(ofPrompt: "sop 2026-11 dan> ") == 17)
        #expect(LineEditor.columns(ofPrompt: LineEditor.libeditPrompt("\u{1B}[1msop\u{1B}[0m> ")) == 5)
    }
}
