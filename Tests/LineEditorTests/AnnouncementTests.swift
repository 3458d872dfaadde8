import CEditLine
import Testing
#if canImport(Glibc)
import Glibc
#endif
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

/// The wait between keys: a key comes first, a wake-up or the interval asks for news, and a wake
/// descriptor that fails is dropped rather than waking the editor for ever.
@Suite struct TheWaitBetweenKeysWakesForNews {
    final class Pipe {
        let read: Int32
        let write: Int32
        struct NoPipe: Error {}
        init() throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw NoPipe() }
            (read, write) = (ends[0], ends[1])
        }
        func send() { var byte: UInt8 = 1; _ = Glibc.write(write, &byte, 1) }
        func drain() { var byte: UInt8 = 0; _ = Glibc.read(read, &byte, 1) }
        deinit { close(read); close(write) }
    }

    @Test func aKeyComesFirstAndAWakeUpAsksForNews() throws {
        let keys = try Pipe()
        let wake = try Pipe()
        let editor = LineEditor(programName: "test", historyFile: nil) { _, _ in [] }
        editor.announcer = Announcer(wakeDescriptor: wake.read, interval: nil) { _ in [] }
        wake.send()
        #expect(editor.waitForKey(input: keys.read) == .news)
        keys.send()
        #expect(editor.waitForKey(input: keys.read) == .key)
        keys.drain()
        wake.drain()
        // The wake end closed: one last wake-up, and from then on the editor only waits for keys.
        close(wake.write)
        #expect(editor.waitForKey(input: keys.read) == .news)
        #expect(editor.wakeBroken)
        keys.send()
        #expect(editor.waitForKey(input: keys.read) == .key)
    }

    @Test func withoutAWakeUpTheIntervalAsks() throws {
        let keys = try Pipe()
        let editor = LineEditor(programName: "test", historyFile: nil) { _, _ in [] }
        editor.announcer = Announcer(interval: 50) { _ in [] }
        let start = LineEditor.monotonicMilliseconds()
        #expect(editor.waitForKey(input: keys.read) == .news)
        #expect(LineEditor.monotonicMilliseconds() - start >= 40)
    }
}
