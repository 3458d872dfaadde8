import Foundation
import SOPApp
import SOPText

/// The live REPL's lines: asks the change feed for the events others committed and words them for the
/// acting participant. A feed that fails says so once and is asked again on the next tick, so a
/// dropped connection or a locked file never stops the REPL, and nothing committed meanwhile is lost.
public final class LiveUpdates {
    private let feed: any ChangeFeed
    private let session: Session
    private var failing = false

    public init(feed: any ChangeFeed, session: Session) {
        self.feed = feed
        self.session = session
    }

    public var wakeDescriptor: Int32? { feed.wakeDescriptor }
    public var interval: Int? { feed.interval }

    /// The lines to print above the prompt now, within `width` columns; none under `--json`, whose
    /// output a script reads.
    public func lines(width: Int) -> [String] {
        guard !session.json else { return [] }
        do {
            let news = try feed.news(for: session.actorID)
            var lines = failing ? [LiveText.resumed(width: width)] : []
            failing = false
            lines += LiveText.lines(news, now: session.now, width: width)
            return lines
        } catch {
            guard !failing else { return [] }
            failing = true
            let reason = StorageTrouble.error(error, path: session.database.path, moment: .command)?.description ?? "cannot read the record (\(error))"
            return [LiveText.paused(reason, width: width)]
        }
    }
}
