import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

extension Handlers {
    static func submit(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        let stage = command.arguments[0]
        let input = command.arguments[1]
        if let note = command.option("--note") {
            return try Acknowledgement.change(session, .submit(stage: stage, input: input, content: .note(note)))
        }
        if let link = command.option("--link") {
            return try Acknowledgement.change(session, .submit(stage: stage, input: input, content: .link(link)))
        }
        let file = try SubmittedFile.read(command.arguments[2])
        return try Acknowledgement.change(session, .submit(stage: stage, input: input, content: file.content), file: file.bytes)
    }

    static func signoff(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        try Acknowledgement.change(
            session, .signoff(stage: command.arguments[0], comment: command.option("--comment"), role: command.option("--role")))
    }

    static func reject(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        try Acknowledgement.change(
            session, .reject(stage: command.arguments[0], reason: command.option("--reason") ?? "", input: command.option("--input")))
    }

    static func waive(_ session: Session, _ command: ParsedCommand) throws -> Reply {
        try Acknowledgement.change(session, .waive(stage: command.arguments[0], reason: command.option("--reason") ?? ""))
    }
}
