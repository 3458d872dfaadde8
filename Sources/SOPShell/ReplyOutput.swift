import Foundation
import SOPApp
import SOPSystem
import SOPText

extension Session {
    /// Writes a reply to the console: the exact bytes of a shown file when it has them (unless `--json`
    /// asked for the report instead), else its JSON or text as `render` gives them.
    public func deliver(_ reply: Reply, to console: Console) {
        if database.reconnections > reportedReconnections {
            reportedReconnections = database.reconnections
            console.err("note: the server had ended the connection to \(database.path); sop connected again before this command, which ran once")
        }
        if !json, let bytes = reply.bytes {
            console.write(bytes)
            return
        }
        if let text = render(reply) { console.out(text) }
    }
}
