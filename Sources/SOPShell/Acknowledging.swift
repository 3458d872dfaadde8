import Foundation
import SOPApp
import SOPCore
import SOPText

extension Acknowledgement {
    /// A state-changing command, recorded and then acknowledged in words (and JSON).
    static func change(_ session: Session, _ command: CycleCommand, file: Data? = nil) throws -> Reply {
        ChangeText.reply(try record(session, command, file: file))
    }
}
