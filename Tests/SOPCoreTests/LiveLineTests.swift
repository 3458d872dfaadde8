import Foundation
import SOPCore
import SOPText
import Testing

/// The live REPL shows others' work to everyone and an escalation only to those it told, one
/// printable line each within the terminal's width.
@Suite struct LiveLinesSayWhoDidWhatInOnePrintableLine {
    static let noon = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18, late morning UTC
    static let team = Team(participants: [
        Participant(id: "dan", name: "Dan Ortiz", roles: ["demand"]),
        Participant(id: "omar", name: "Omar Haddad", roles: ["supply"]),
    ])

    static func event(_ payload: EventPayload, actor: String = "dan", at time: Date = noon) -> CycleEvent {
        CycleEvent(seq: 7, cycle: "2026-11", time: time, actor: actor, payload: payload)
    }

    static let signoff = event(.signedOff(SignedOff(stage: "demand-review", role: "demand", comment: nil, basis: SignoffBasis(inputs: [:], upstream: [:]))))
    static let escalation = event(
        .escalationRaised(EscalationRaised(
            number: 4, subject: .lateStage("supply-review"), level: 2, workdays: 3, roles: ["supply"], told: ["omar"], unheld: [], lateness: 3)),
        actor: "system")

    @Test func everyoneSeesTheWorkAndOnlyTheToldSeeAnEscalation() {
        #expect(LiveAudience.shows(Self.signoff, to: "omar"))
        #expect(LiveAudience.shows(Self.signoff, to: nil))
        #expect(LiveAudience.shows(Self.escalation, to: "omar"))
        #expect(!LiveAudience.shows(Self.escalation, to: "dan"))
        #expect(!LiveAudience.shows(Self.escalation, to: nil))
        let resolved = Self.event(.escalationResolved(EscalationResolved(number: 4, reason: .stageDone(stage: "supply-review"))), actor: "system")
        #expect(!LiveAudience.shows(resolved, to: "omar"))
    }

    @Test func aSignoffReadsWithTheParticipantsNameTimeAndCycle() {
        let line = LiveText.line(Self.signoff, team: Self.team, now: Self.noon, width: 100)
        let time = String(Stamp.minute(Self.noon).split(separator: " ")[1])
        #expect(line == "· \(time) Dan Ortiz signed off demand-review (2026-11)")
        // Another day than the clock's: the time carries its day.
        let earlier = Self.event(Self.signoff.payload, at: Self.noon.addingTimeInterval(-86_400 * 2))
        #expect(LiveText.line(earlier, team: Self.team, now: Self.noon, width: 100).contains(Stamp.minute(earlier.time)))
        // An actor the team no longer has is named by id.
        #expect(LiveText.line(Self.signoff, team: nil, now: Self.noon, width: 100).contains(" dan signed off"))
    }

    @Test func whatAnEventMovedFollowsIt() {
        let moves = [
            StageMove(stage: "demand-review", from: .review, to: .done),
            StageMove(stage: "supply-review", from: .waiting, to: .open),
            StageMove(stage: "pre-sop", from: .done, to: .review, staleSignoffs: 2),
            StageMove(stage: "financial-review", from: .review, to: .review, staleSignoffs: 1),
            StageMove(stage: "product-review", from: .open, to: .review),
        ]
        let line = LiveText.line(Self.signoff, moves: moves, team: Self.team, now: Self.noon, width: 300)
        #expect(line.hasSuffix(
            "signed off demand-review (2026-11); demand-review done, supply-review open, pre-sop reopened (review), 2 sign-offs stale, financial-review: 1 sign-off stale, product-review in review"))
    }

    @Test func stagesThatWentTheSameWayAreNamedTogether() {
        let moves = [
            StageMove(stage: "data-gathering", from: .review, to: .done),
            StageMove(stage: "product-review", from: .waiting, to: .open),
            StageMove(stage: "demand-review", from: .waiting, to: .open),
        ]
        let line = LiveText.line(Self.signoff, moves: moves, team: Self.team, now: Self.noon, width: 300)
        #expect(line.hasSuffix("(2026-11); data-gathering done, product-review and demand-review open"), "\(line)")
        // No room for the comment and the moves: the comment goes (`log` has it), the moves stay whole.
        let commented = Self.event(.signedOff(SignedOff(
            stage: "data-gathering", role: "demand", comment: "Actuals reconciled with finance", basis: SignoffBasis(inputs: [:], upstream: [:]))))
        let narrow = LiveText.line(commented, moves: moves, team: Self.team, now: Self.noon, width: 120)
        #expect(narrow.hasSuffix("Dan Ortiz signed off data-gathering (2026-11); data-gathering done, product-review and demand-review open"), "\(narrow)")
        #expect(LiveText.line(commented, moves: moves, team: Self.team, now: Self.noon, width: 160).contains("\"Actuals reconciled with finance\""))
    }

    @Test func aLongCommentIsCutSoTheMovesStillShow() {
        let event = Self.event(.signedOff(SignedOff(
            stage: "demand-review", role: "demand", comment: String(repeating: "very long comment ", count: 10), basis: SignoffBasis(inputs: [:], upstream: [:]))))
        let line = LiveText.line(event, moves: [StageMove(stage: "supply-review", from: .waiting, to: .open)], team: Self.team, now: Self.noon, width: 120)
        #expect(line.hasSuffix("...\" (2026-11); supply-review open"), "\(line)")
    }

    @Test func anEscalationIsAddressedToItsRecipient() {
        let line = LiveText.line(Self.escalation, team: Self.team, now: Self.noon, width: 100)
        #expect(line.contains("E-4 for you (`inbox`): supply-review is 3 workdays late, level 2"))
        #expect(line.hasSuffix("(2026-11)"))
    }

    @Test func typedTextCannotReachTheTerminalAsIsAndTheLineFitsTheWidth() {
        let comment = "ok\u{1B}[2J\u{7}\nnext line " + String(repeating: "long words ", count: 20)
        let event = Self.event(.signedOff(SignedOff(stage: "demand-review", role: "demand", comment: comment, basis: SignoffBasis(inputs: [:], upstream: [:]))))
        for width in [30, 60, 100] {
            let line = LiveText.line(event, team: Self.team, now: Self.noon, width: width)
            #expect(!line.unicodeScalars.contains(where: PrintableText.isUnprintable), "\(line)")
            #expect(line.count <= width - 1, "\(width): \(line)")
            #expect(line.hasSuffix("..."))
        }
        #expect(LiveText.line(event, team: Self.team, now: Self.noon, width: 200).contains("ok\\u{1B}[2J\\u{7}\\nnext line"))
    }
}
