import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines shown above the prompt while the editor waits for a key (the live REPL): the caller says
/// what to wait on and supplies the lines; the editor prints them only between keys, never inside an
/// escape sequence or a multibyte character, and redraws the prompt with the typed text and the cursor
/// where they were. Nothing is printed while a command runs: the lines that came meanwhile are shown
/// before the next prompt.
public struct Announcer {
    /// A descriptor that becomes readable when there may be news (a wake-up pipe, a server socket);
    /// `lines` must drain it. nil: wait on the interval only. One that fails is dropped, not retried.
    public var wakeDescriptor: Int32?
    /// How often to ask for lines while waiting, in milliseconds; nil: only when woken.
    public var interval: Int?
    /// The lines to show now, each meant to fit `width` columns (the terminal's); none is fine.
    public var lines: (_ width: Int) -> [String]

    public init(wakeDescriptor: Int32? = nil, interval: Int? = nil, lines: @escaping (_ width: Int) -> [String]) {
        self.wakeDescriptor = wakeDescriptor
        self.interval = interval
        self.lines = lines
    }
}

/// Where the keys read so far stand in a terminal escape sequence: announcing is safe only outside one.
enum EscapeProgress: Equatable {
    case outside
    /// After ESC: a sequence may follow (or it was Meta-key).
    case escape
    /// After ESC [: parameters up to a final byte in @...~.
    case controlSequence
    /// After ESC O: one more byte.
    case singleShift

    /// The state after `character` was handed to libedit.
    func after(_ character: wchar_t) -> EscapeProgress {
        switch self {
        case .outside: return character == 0x1B ? .escape : .outside
        case .escape:
            if character == 0x5B { return .controlSequence }
            if character == 0x4F { return .singleShift }
            return character == 0x1B ? .escape : .outside
        case .controlSequence: return (0x40...0x7E).contains(character) ? .outside : .controlSequence
        case .singleShift: return .outside
        }
    }
}

/// What waiting for the next key came to.
enum KeyWait: Equatable {
    /// A byte is ready on stdin.
    case key
    /// The interval passed or the wake descriptor fired: time to ask for lines.
    case news
    /// A signal arrived: look at the flags again.
    case interrupted
}

extension LineEditor {
    /// Waits for a key on `input`, the wake descriptor or the interval's next tick (`checkDue`,
    /// monotonic ms).
    func waitForKey(input: Int32 = STDIN_FILENO) -> KeyWait {
        guard let announcer, announcer.interval != nil || (announcer.wakeDescriptor != nil && !wakeBroken) else { return .key }
        var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
        if let wake = announcer.wakeDescriptor, !wakeBroken {
            fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0))
        }
        var timeout: Int32 = -1
        if let interval = announcer.interval {
            let now = LineEditor.monotonicMilliseconds()
            if checkDue == 0 { checkDue = now + Int64(interval) }
            timeout = Int32(clamping: max(0, checkDue - now))
        }
        let ready = poll(&fds, nfds_t(fds.count), timeout)
        if ready < 0 {
            return errno == EINTR ? .interrupted : .key
        }
        // A key first: announcing can wait until the typing pauses.
        if fds[0].revents != 0 {
            return .key
        }
        if fds.count > 1, fds[1].revents != 0 {
            if fds[1].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 && fds[1].revents & Int16(POLLIN) == 0 {
                wakeBroken = true
            }
            return .news
        }
        return ready == 0 ? .news : .key
    }

    /// Asks for lines and shows them above the prompt of the line being edited.
    func announceWhileEditing(_ el: OpaquePointer) {
        if let interval = announcer?.interval { checkDue = LineEditor.monotonicMilliseconds() + Int64(interval) }
        let columns = Int(cel_terminal_columns(el))
        guard let lines = announcer?.lines(columns).map(LineEditor.terminalSafe), !lines.isEmpty else { return }
        // From wherever the cursor is in a long line, back to the prompt's first row and its start.
        let rows = cursorRow(el, columns: columns)
        cel_write(el, "\r")
        for _ in 0..<rows { cel_echo_capability(el, "up") }
        cel_echo_capability(el, "cd")
        for line in lines { cel_write(el, line + "\r\n") }
        // The prompt and the typed text again, the cursor where it was (as after SIGCONT).
        cel_redraw(el)
    }

    /// Before a prompt: the lines that came while a command ran, on their own lines.
    func announceBeforePrompt() {
        if let interval = announcer?.interval { checkDue = LineEditor.monotonicMilliseconds() + Int64(interval) }
        let columns = editLine.map { Int(cel_terminal_columns($0)) } ?? 80
        guard let lines = announcer?.lines(columns).map(LineEditor.terminalSafe), !lines.isEmpty else { return }
        let text = lines.map { $0 + "\n" }.joined()
        if let editLine { cel_write(editLine, text) } else { cel_write_standard_output(text) }
    }

    /// The screen row, counted from the prompt's, that the cursor is on: the prompt and the text before
    /// the cursor, in columns, over the terminal's width.
    private func cursorRow(_ el: OpaquePointer, columns: Int) -> Int {
        guard columns > 0, let info = el_wline(el)?.pointee, let buffer = info.buffer, let cursor = info.cursor else { return 0 }
        var used = promptColumns
        for index in 0..<buffer.distance(to: cursor) {
            used += max(0, Int(cel_column_width(buffer[index])))
        }
        return used / columns
    }

    /// The columns the prompt takes: its text without the parts between literal delimiters.
    static func columns(ofPrompt prompt: String) -> Int {
        var inLiteral = false
        var total = 0
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1}" {
                inLiteral.toggle()
            } else if !inLiteral {
                total += max(0, Int(cel_column_width(wchar_t(bitPattern: scalar.value))))
            }
        }
        return total
    }

    /// A line that cannot move the cursor or change the terminal: control characters become spaces.
    static func terminalSafe(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0 }))
    }

    static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
