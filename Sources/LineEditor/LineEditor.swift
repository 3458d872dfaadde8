import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one prompt produced.
public enum LineRead: Sendable, Equatable {
    /// The line as typed, without its trailing newline.
    case line(String)
    /// Ctrl-C: the line was abandoned; the caller shows a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
}

/// Tab completion: given the words before the cursor's word and the partial word under the cursor,
/// return full candidate words.
public typealias Completer = @Sendable (_ precedingWords: [String], _ partial: String) -> [String]

/// An interactive line editor on libedit's native API (el_gets + history), one per REPL session.
///
/// libedit calls back into C function pointers that cannot capture anything, so every callback
/// finds its editor again through EL_CLIENTDATA; only signal handlers go through globals.
public final class LineEditor {
    let editLine: OpaquePointer?
    private let history: OpaquePointer?
    private let historyFile: String?
    private let completer: Completer
    /// The prompt libedit reads on every redraw; it must outlive each `el_gets` call.
    private var promptText: UnsafeMutablePointer<CChar>?
    /// Set by the Ctrl-C key so that the end of `el_gets` is not mistaken for Ctrl-D.
    private var interruptedByKey = false
    /// Ctrl-C first moves the cursor past the line, then ends the read on a second, pushed ^C.
    private var interruptArmed = false
    private var warnedAboutHistory = false
    /// Lines to show above the prompt while waiting for keys (the live REPL); nil: none.
    public var announcer: Announcer?
    /// The announcer's wake descriptor failed; only its interval is used from then on.
    var wakeBroken = false
    /// When the announcer is asked next (monotonic milliseconds; 0: from the first wait on).
    var checkDue: Int64 = 0
    /// The columns the current prompt takes, to find the cursor's row in a long line.
    var promptColumns = 0
    /// Whether the keys handed to libedit so far end inside an escape sequence.
    var escapeProgress = EscapeProgress.outside

    /// Sets up the editor; loads `historyFile` if it exists.
    public init(programName: String, historyFile: String?, completer: @escaping Completer) {
        LineEditor.configureLocale()
        SignalFlags.prepare()
        self.historyFile = historyFile
        self.completer = completer
        promptText = strdup("")
        history = history_init()
        editLine = cel_init(programName)
        if let history {
            cel_history_set_size(history, 1000)
            cel_history_set_unique(history, 1)
            if let historyFile {
                cel_history_load(history, historyFile)
            }
        }
        guard let editLine else {
            return
        }
        cel_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        cel_set_editor(editLine, "emacs")
        // libedit's own handlers would turn SIGINT into an exit; Ctrl-C is a key while editing.
        cel_set_signal_handling(editLine, 0)
        // Without ISIG the tty hands ^C and ^Z to us as keys instead of raising signals, which is
        // what lets Ctrl-C clear the line. Only the edit mode changes: commands still get SIGINT.
        cel_setty(editLine, "-d", "-isig")
        cel_set_prompt(editLine, { el in LineEditor.owning(el)?.promptText }, LineEditor.literalDelimiter)
        cel_set_read_function(editLine) { el, character in
            guard let el, let character else { return -1 }
            return LineEditor.readCharacter(el, into: character)
        }
        if let history {
            cel_set_history(editLine, history)
        }
        cel_add_function(editLine, "lineeditor-complete", "Complete the word under the cursor") { el, _ in
            LineEditor.owning(el)?.complete() ?? UInt8(CC_ERROR)
        }
        cel_add_function(editLine, "lineeditor-interrupt", "Abandon the line") { el, _ in
            LineEditor.owning(el)?.interrupt() ?? UInt8(CC_ERROR)
        }
        cel_add_function(editLine, "lineeditor-suspend", "Stop the program until it is resumed") { el, _ in
            LineEditor.owning(el)?.suspend() ?? UInt8(CC_ERROR)
        }
        cel_bind(editLine, "^I", "lineeditor-complete")
        cel_bind(editLine, "^C", "lineeditor-interrupt")
        cel_bind(editLine, "^Z", "lineeditor-suspend")
        cel_bind(editLine, "^R", "em-inc-search-prev")
        // Ctrl-Left/Right as xterm-like terminals send them.
        cel_bind(editLine, "\u{1B}[1;5D", "ed-prev-word")
        cel_bind(editLine, "\u{1B}[1;5C", "em-next-word")
    }

    deinit {
        if let editLine {
            // el_end puts the terminal back the way el_init found it.
            el_end(editLine)
        }
        if let history {
            history_end(history)
        }
        free(promptText)
    }

    /// Shows `prompt` and edits one line.
    ///
    /// On Ctrl-C and Ctrl-D it also moves to a fresh line, so the caller only has to prompt again
    /// or leave. ANSI colour sequences in the prompt are fine: they are not counted as width.
    public func readLine(prompt: String) -> LineRead {
        free(promptText)
        promptText = strdup(LineEditor.libeditPrompt(prompt))
        promptColumns = LineEditor.columns(ofPrompt: LineEditor.libeditPrompt(prompt))
        escapeProgress = .outside
        // What other sessions did while the last command ran, before the prompt that follows it.
        announceBeforePrompt()
        guard let editLine else {
            return LineEditor.readLineWithoutEditing(prompt: prompt)
        }
        interruptedByKey = false
        interruptArmed = false
        // A Ctrl-C that stopped the previous command has been handled by now.
        Interrupt.reset()
        SignalFlags.continued.store(false, ordering: .sequentiallyConsistent)
        SignalFlags.resized.store(false, ordering: .sequentiallyConsistent)
        // Only while editing: without SA_RESTART they would break a command's blocking calls.
        let previousContinue = installSignalHandler(SIGCONT) { _ in
            SignalFlags.continued.store(true, ordering: .sequentiallyConsistent)
        }
        let previousResize = installSignalHandler(SIGWINCH) { _ in
            SignalFlags.resized.store(true, ordering: .sequentiallyConsistent)
        }
        defer {
            restoreSignalHandler(SIGCONT, previousContinue)
            restoreSignalHandler(SIGWINCH, previousResize)
        }
        var count: Int32 = 0
        guard let text = el_gets(editLine, &count) else {
            if interruptedByKey {
                cel_write(editLine, "^C\n")
                return .interrupted
            }
            cel_write(editLine, "\n")
            return .endOfInput
        }
        var line = String(cString: text)
        if line.hasSuffix("\n") {
            line.removeLast()
        }
        return .line(line)
    }

    /// Appends `line` to the history and saves the file at once, so a crash loses nothing.
    /// Blank lines and a repeat of the previous line are not recorded.
    public func addHistory(_ line: String) {
        // Trailing blanks (a completion's space) would make "status" and "status " two entries.
        var line = line
        while line.last?.isWhitespace == true {
            line.removeLast()
        }
        guard let history, !line.isEmpty else {
            return
        }
        if let newest = cel_history_newest(history), String(cString: newest) == line {
            return
        }
        cel_history_enter(history, line)
        saveHistory(adding: line)
    }

    // MARK: - History file

    /// Adds `line` to what the file holds now rather than overwriting it with this session's
    /// history, so several sessions at once all keep their lines; a rename makes the write atomic.
    private func saveHistory(adding line: String) {
        guard let historyFile, let merged = history_init() else {
            return
        }
        defer { history_end(merged) }
        cel_history_set_size(merged, 1000)
        cel_history_set_unique(merged, 1)
        cel_history_load(merged, historyFile)
        cel_history_enter(merged, line)
        LineEditor.createParentDirectory(of: historyFile)
        let temporary = "\(historyFile).\(getpid()).tmp"
        if cel_history_save(merged, temporary) < 0 || rename(temporary, historyFile) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            if !warnedAboutHistory {
                warnedAboutHistory = true
                cel_write_standard_error("warning: cannot save history to \(historyFile): \(reason) (check that its folder is writable)\n")
            }
        }
    }

    /// `mkdir -p` for the history file's folder; private to the user, as the history may hold
    /// names and notes.
    private static func createParentDirectory(of path: String) {
        var folder = ""
        for (index, component) in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().enumerated() {
            folder += (index == 0 ? "" : "/") + component
            if !folder.isEmpty {
                // EEXIST is the usual answer and needs no handling; a real failure shows at save.
                mkdir(folder, 0o700)
            }
        }
    }

    // MARK: - Key functions

    /// Finds the editor behind a callback's EditLine.
    private static func owning(_ el: OpaquePointer?) -> LineEditor? {
        guard let el, let editor = cel_client_data(el) else {
            return nil
        }
        return Unmanaged<LineEditor>.fromOpaque(editor).takeUnretainedValue()
    }

    private func complete() -> UInt8 {
        guard let editLine, let info = el_line(editLine)?.pointee,
              let buffer = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        let before = UnsafeRawBufferPointer(start: buffer, count: buffer.distance(to: cursor))
        let context = CompletionContext(textBeforeCursor: String(decoding: before, as: UTF8.self))
        let candidates = completer(context.precedingWords, context.partial)
        switch CompletionAction(context: context, candidates: candidates) {
        case .beep:
            return UInt8(CC_REFRESH_BEEP)
        case let .edit(deleteCount, insert):
            if deleteCount > 0 {
                el_deletestr(editLine, Int32(deleteCount))
            }
            if !insert.isEmpty && el_insertstr(editLine, insert) != 0 {
                return UInt8(CC_REFRESH_BEEP)
            }
            return UInt8(CC_REFRESH)
        case let .list(items):
            // Below the line, then the prompt again under the list, like a shell.
            cel_write(editLine, "\r\n")
            // Rows of a long line below the cursor would otherwise linger next to the list.
            cel_echo_capability(editLine, "cd")
            for row in columnLayout(items, width: Int(cel_terminal_columns(editLine))) {
                cel_write(editLine, row + "\r\n")
            }
            cel_redraw(editLine)
            return UInt8(CC_NORM)
        }
    }

    private func interrupt() -> UInt8 {
        guard let editLine else {
            return UInt8(CC_EOF)
        }
        if !interruptArmed, let info = el_wline(editLine)?.pointee,
           let cursor = info.cursor, let end = info.lastchar, cursor.distance(to: end) > 0 {
            // CC_EOF does not redraw, so first let libedit put the cursor after the text: the
            // "^C" then follows the line instead of overwriting part of it.
            interruptArmed = true
            el_cursor(editLine, Int32(cursor.distance(to: end)))
            el_push(editLine, "\u{3}")
            return UInt8(CC_CURSOR)
        }
        interruptArmed = false
        interruptedByKey = true
        return UInt8(CC_EOF)
    }

    /// With ISIG off the terminal does not stop us on ^Z, so we do it ourselves, leaving the
    /// editing modes first (the shell gets a sane terminal) and taking them back after `fg`.
    private func suspend() -> UInt8 {
        guard let editLine else {
            return UInt8(CC_NORM)
        }
        cel_prepare_terminal(editLine, 0)
        // What the tty itself echoes for ^Z; the shell then starts its "Stopped" line below.
        cel_write(editLine, "^Z")
        kill(0, SIGTSTP)
        // After `fg` the shell has left the cursor on a fresh line. If we never stopped (an
        // orphaned process group ignores SIGTSTP) we have to move there ourselves.
        if !SignalFlags.continued.exchange(false, ordering: .sequentiallyConsistent) {
            cel_write(editLine, "\r\n")
        }
        cel_prepare_terminal(editLine, 1)
        cel_redraw(editLine)
        return UInt8(CC_NORM)
    }

    // MARK: - Input

    /// libedit's read function, replaced so that signals can reach the editor: the built-in one
    /// retries an interrupted read() and never says why. Decodes one character in the locale's
    /// multibyte encoding.
    private static func readCharacter(_ el: OpaquePointer, into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        let editor = owning(el)
        var pending: [CChar] = []
        while true {
            if SignalFlags.interrupt.exchange(false, ordering: .sequentiallyConsistent) {
                // A SIGINT sent by `kill` while editing does what the Ctrl-C key does.
                character.pointee = 3
                return 1
            }
            if SignalFlags.continued.exchange(false, ordering: .sequentiallyConsistent) {
                // Stopped from outside and resumed: the shell has put its own modes back. After
                // `fg` the cursor is on a fresh line; after a bare SIGCONT the carriage return
                // redraws the prompt over itself instead of after the line.
                cel_prepare_terminal(el, 0)
                cel_prepare_terminal(el, 1)
                cel_write(el, "\r")
                cel_redraw(el)
            }
            if SignalFlags.resized.exchange(false, ordering: .sequentiallyConsistent) {
                el_resize(el)
            }
            // Between whole keys only: an announcement inside an escape sequence or a multibyte
            // character would be drawn while libedit is halfway through reading it.
            if let editor, pending.isEmpty, editor.escapeProgress == .outside {
                switch editor.waitForKey() {
                case .interrupted:
                    continue
                case .news:
                    editor.announceWhileEditing(el)
                    continue
                case .key:
                    break
                }
            }
            var byte: CChar = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 0 {
                character.pointee = 0
                return 0
            }
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                character.pointee = 0
                return -1
            }
            pending.append(byte)
            switch decode(pending) {
            case let .character(decoded):
                character.pointee = decoded
                editor?.escapeProgress = editor?.escapeProgress.after(decoded) ?? .outside
                return 1
            case .incomplete:
                continue
            case .invalid:
                // Drop the bad bytes but give the last one a chance to start a new character.
                pending = [byte]
                switch decode(pending) {
                case let .character(decoded):
                    character.pointee = decoded
                    editor?.escapeProgress = editor?.escapeProgress.after(decoded) ?? .outside
                    return 1
                case .incomplete:
                    continue
                case .invalid:
                    pending.removeAll()
                }
            }
        }
    }

    private enum Decoded {
        case character(wchar_t)
        case incomplete
        case invalid
    }

    private static func decode(_ bytes: [CChar]) -> Decoded {
        var state = mbstate_t()
        var decoded: wchar_t = 0
        let result = bytes.withUnsafeBufferPointer { mbrtowc(&decoded, $0.baseAddress, $0.count, &state) }
        // Swift sees size_t as Int: (size_t)-2 says the sequence needs more bytes, (size_t)-1 that
        // it is not valid.
        switch result {
        case -2:
            return bytes.count < 8 ? .incomplete : .invalid
        case -1:
            return .invalid
        default:
            return .character(decoded)
        }
    }

    // MARK: - Setup helpers

    /// Marks the start and end of text the prompt prints but that takes no room on screen.
    private static let literalDelimiter = CChar(1)

    /// Wraps ANSI escape sequences in the prompt between delimiters so libedit does not count
    /// them as columns and misplace the cursor. A prompt that already uses \u{1} is left alone.
    static func libeditPrompt(_ prompt: String) -> String {
        guard !prompt.unicodeScalars.contains("\u{1}") else {
            return prompt
        }
        var result = String.UnicodeScalarView()
        var scalars = prompt.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                result.append(scalar)
                continue
            }
            result.append("\u{1}")
            result.append(scalar)
            if let next = scalars.next() {
                result.append(next)
                if next == "[" {
                    // A CSI sequence ends with its first byte in @...~.
                    while let body = scalars.next() {
                        result.append(body)
                        if (0x40...0x7E).contains(body.value) {
                            break
                        }
                    }
                }
            }
            result.append("\u{1}")
        }
        return String(result)
    }

    /// libedit decodes keys with the C library's multibyte functions, which see only ASCII in the
    /// default "C" locale: typing "é" would be dropped.
    private static func configureLocale() {
        let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) }
        if chosen == nil || chosen == "C" || chosen == "POSIX" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// Only if libedit could not start at all: a plain prompt is better than no REPL.
    private static func readLineWithoutEditing(prompt: String) -> LineRead {
        cel_write_standard_output(prompt)
        guard let line = Swift.readLine() else {
            return Interrupt.requested ? .interrupted : .endOfInput
        }
        return .line(line)
    }
}
