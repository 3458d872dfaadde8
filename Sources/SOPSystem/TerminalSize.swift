import Foundation

/// The size of the terminal output goes to, from the kernel (`TIOCGWINSZ`): read when it is needed,
/// so a window resized between two commands is followed.
public enum TerminalSize {
    /// Columns of the terminal on `descriptor`; nil when it is not a terminal or does not say.
    public static func columns(of descriptor: Int32 = STDOUT_FILENO) -> Int? {
        guard isatty(descriptor) != 0 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
