import SOPApp
import SOPSystem
import Foundation

extension Playbook {
    /// The time a playbook's first command sets, when that command is a `clock` line. `play` creates
    /// a missing database at this time, so the playbook runs the same whatever today's date is: the
    /// database's start, the cycles it opens and every event are on the playbook's own clock.
    public static func leadingClock(of file: String) -> Date? {
        guard let text = try? InputFiles.text(file, what: "playbook") else { return nil }
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let rest = line.droppingWord("clock") else { return nil }
            return try? ClockText.parse(rest, what: "clock")
        }
        return nil
    }
}
