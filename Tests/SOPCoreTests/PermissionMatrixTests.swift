import SOPCore
import Testing

/// The permission matrix (issue 3, point 6), tested exhaustively: every command for every standing,
/// run for real through `CycleState.decide` (or `decideOpen`) in a state where only permission can
/// refuse it.
@Suite struct PermissionMatrixTests {
    /// The matrix as issue 3 and the README state it, in the order `help permissions` prints it.
    /// Written out here so that changing any cell of `Permissions.matrix` fails a test.
    static let pinned: [(GuardedCommand, Set<Standing>)] = [
        (.cycleOpen, [.leader]),
        (.cycleClose, [.leader]),
        (.cycleCancel, [.leader]),
        (.submit, [.leader, .stageOwner, .contributor]),
        (.signoff, [.stageSignoff]),
        (.reject, [.leader, .stageSignoff]),
        (.waive, [.leader]),
        (.propose, [.leader, .proposer]),
        (.decide, [.sponsor, .decider]),
        (.deferProposal, [.leader, .sponsor, .decider]),
        (.actionAdd, [.participant]),
        (.actionDone, [.leader, .actionOwner]),
        (.actionCancel, [.leader, .actionOwner]),
        (.actionReassign, [.leader, .actionOwner]),
    ]

    static func pinned(_ command: GuardedCommand) -> Set<Standing> {
        pinned.first { $0.0 == command }?.1 ?? []
    }

    @Test func theMatrixCoversEveryCommandExactlyOnce() {
        let commands = Permissions.matrix.map(\.command)
        for command in GuardedCommand.allCases {
            #expect(commands.filter { $0 == command }.count == 1, "\(command.rawValue)")
        }
        #expect(commands.count == GuardedCommand.allCases.count)
    }

    @Test func theMatrixIsThePinnedOne() {
        #expect(Permissions.matrix.map(\.command) == Self.pinned.map(\.0), "rows in the printed order")
        for (command, allowed) in Permissions.matrix {
            #expect(allowed == Self.pinned(command), "\(command.rawValue)")
            #expect(Permissions.allowed(command) == allowed, "\(command.rawValue)")
            #expect(!allowed.isEmpty, "someone may run \(command.rawValue)")
        }
    }

    /// `help permissions` and the README print these words.
    @Test func pinnedWords() {
        #expect(GuardedCommand.allCases.map(\.rawValue) == [
            "cycle open", "cycle close", "cycle cancel", "submit", "signoff", "reject", "waive", "propose", "decide", "defer", "action add",
            "action done", "action cancel", "action reassign",
        ])
        #expect(Standing.allCases.map(\.rawValue) == [
            "leader", "sponsor", "decider", "stage owner", "contributor", "stage sign-off", "proposer", "action owner",
            "any participant",
        ])
    }

    /// The fixture gives the probe exactly one standing (plus `any participant`, which everyone has).
    @Test(arguments: GuardedCommand.allCases, Standing.allCases)
    func theProbeHasExactlyOneStanding(command: GuardedCommand, standing: Standing) throws {
        let scene = try MatrixScene(command, probe: standing)
        let expected: Set<Standing> = MatrixFixture.applies(standing, to: command) ? [standing, .participant] : [.participant]
        #expect(Permissions.standings(of: scene.probe, in: scene.cycle.workflow, towards: scene.subject) == expected)
        // When the probe owns the action, olga does not.
        for (other, id) in MatrixFixture.holders where MatrixFixture.applies(other, to: command) && !(other == .actionOwner && standing == other) {
            let holder = try scene.cycle.participant(id)
            #expect(
                Permissions.standings(of: holder, in: scene.cycle.workflow, towards: scene.subject) == [other, .participant],
                "\(id) stands as \(other.rawValue)")
        }
    }

    @Test(arguments: GuardedCommand.allCases, Standing.allCases)
    func everyCommandForEveryStanding(command: GuardedCommand, standing: Standing) throws {
        let allowed = Self.pinned(command)
        let mayRun = allowed.contains(standing) || allowed.contains(.participant)
        var scene = try MatrixScene(command, probe: standing)
        #expect(
            Permissions.isAllowed(command, scene.probe, in: scene.cycle.workflow, towards: scene.subject) == mayRun,
            "the matrix decides")
        switch try scene.attempt(as: "probe", expectRefusal: !mayRun) {
        case .success(let produced):
            #expect(mayRun, "\(command.rawValue) by a \(standing.rawValue) must be refused; it produced \(produced)")
            #expect(produced.map(\.type) == [MatrixFixture.produces(command)])
        case .failure(let refusal):
            #expect(!mayRun, "\(command.rawValue) by a \(standing.rawValue) must be allowed; refused: \(refusal)")
            checkRefusal(refusal, of: command, allowed: allowed)
            // The same command in the same state passes for someone who may: only permission refused it.
            let helper = try #require(Standing.allCases.first(where: allowed.contains).flatMap { MatrixFixture.holders[$0] })
            let passed = try scene.attempt(as: helper, expectRefusal: false)
            #expect((try? passed.get().map(\.type)) == [MatrixFixture.produces(command)], "\(helper) may: \(passed)")
        }
    }

    /// Says which rule refused, who may (in the matrix's words) and which people may.
    func checkRefusal(_ refusal: Refusal, of command: GuardedCommand, allowed: Set<Standing>) {
        #expect(refusal.rule == .permission)
        #expect(refusal.message.hasPrefix("probe may not "), "\(refusal.message)")
        switch command {
        case .submit, .signoff, .reject: #expect(refusal.message.contains("plan"), "names the stage: \(refusal.message)")
        case .actionDone, .actionCancel, .actionReassign: #expect(refusal.message.contains("A-1"), "names the action: \(refusal.message)")
        default: break
        }
        for standing in Standing.allCases {
            let words = MatrixFixture.words[standing] ?? standing.rawValue
            #expect(
                refusal.message.contains(words) == allowed.contains(standing),
                "'\(words)' \(allowed.contains(standing) ? "named" : "not named") in: \(refusal.message)")
            guard let person = MatrixFixture.holders[standing] else { continue }
            #expect(
                refusal.fix.contains(person) == allowed.contains(standing),
                "\(person) \(allowed.contains(standing) ? "named" : "not named") in: \(refusal.fix)")
        }
        #expect(!refusal.fix.contains("probe"), "the refused participant is not who may: \(refusal.fix)")
    }

    /// A standing nobody on the team holds: the refusal says so instead of naming nobody.
    @Test func whenNobodyMayTheFixSaysSo() throws {
        let lonely = Team(participants: [Participant(id: "eve", name: "Eve", roles: [])])
        let eve = try #require(lonely.participants.first)
        let r = #expect(throws: Refusal.self) {
            try Permissions.check(.decide, eve, team: lonely, workflow: MatrixFixture.workflow)
        }
        #expect(r?.rule == .permission)
        #expect(r?.message.contains("the sponsor or a decider role (cfo)") == true, "\(r?.message ?? "")")
        #expect(r?.fix.contains("nobody on the team may") == true, "\(r?.fix ?? "")")
    }

    /// One allowed standing is enough, whatever else the participant holds.
    @Test func oneAllowedStandingSuffices() throws {
        let both = Participant(id: "kai", name: "Kai", roles: ["planner", "sponsor"])
        let team = MatrixFixture.team(with: both)
        let plan = try #require(MatrixFixture.workflow.stage("plan"))
        #expect(Permissions.isAllowed(.submit, both, in: MatrixFixture.workflow, towards: .init(stage: plan)))
        #expect(Permissions.isAllowed(.decide, both, in: MatrixFixture.workflow))
        #expect(!Permissions.isAllowed(.waive, both, in: MatrixFixture.workflow, towards: .init(stage: plan)))
        #expect(throws: Never.self) { try Permissions.check(.decide, both, team: team, workflow: MatrixFixture.workflow) }
    }
}
