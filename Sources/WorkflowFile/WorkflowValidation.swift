/// Checks that need every stage at once: unique ids and a gate graph that can actually open.
struct WorkflowValidation {
    let log: DiagnosticLog

    func check(_ drafts: [StageDraft]) {
        let index = uniqueIDs(drafts)
        checkReferences(drafts, known: index)
        checkCycles(drafts, index: index)
        checkDueAnchors(drafts, index: index)
    }

    /// A relative due date counts from a stage that must be done first: one upstream of this stage
    /// (through `after:`), or the date would be unknown while the stage is being worked.
    private func checkDueAnchors(_ drafts: [StageDraft], index: [String: Int]) {
        for draft in drafts {
            guard let anchor = draft.dueAnchor else { continue }
            let upstream = upstreamIDs(of: draft, drafts: drafts, index: index)
            guard !upstream.contains(anchor.value) else { continue }
            let known = index[anchor.value] != nil
            let listed = upstream.isEmpty ? "it has no upstream stages (add `after:` first)" : "its upstream stages are: \(Hints.list(upstream))"
            log.error(
                (known
                    ? "due of stage '\(draft.stage.id)' counts from '\(anchor.value)', which is not upstream of it "
                    : "unknown stage '\(anchor.value)' in due of stage '\(draft.stage.id)' ")
                    + "(a relative due date counts from a stage in its `after:` chain; \(listed))",
                at: anchor.position)
        }
    }

    /// Stage ids reachable through `after:` from a stage, in workflow order.
    private func upstreamIDs(of draft: StageDraft, drafts: [StageDraft], index: [String: Int]) -> [String] {
        var found: Set<String> = []
        var frontier = draft.after.map(\.value)
        while let next = frontier.popLast() {
            guard next != draft.stage.id, found.insert(next).inserted, let i = index[next] else { continue }
            frontier += drafts[i].after.map(\.value)
        }
        return drafts.map(\.stage.id).filter { found.contains($0) && index[$0] != nil }
    }

    /// Checks stage ids named outside `stages:` (the agenda's sections). With no stages read there is
    /// nothing to check against: that problem was reported already, and flagging every id would bury it.
    func checkStages(_ references: [Located<String>], in what: String, drafts: [StageDraft]) {
        guard !drafts.isEmpty else { return }
        let ids = drafts.map(\.stage.id).filter { !$0.isEmpty }
        for reference in references where !ids.contains(reference.value) {
            log.error(
                "unknown stage '\(reference.value)' in \(what) "
                    + "(\(Hints.didYouMean(reference.value, among: ids))stages are: \(Hints.list(ids)))",
                at: reference.position)
        }
    }

    /// Maps each id to its first stage; later stages with the same id are reported.
    private func uniqueIDs(_ drafts: [StageDraft]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (offset, draft) in drafts.enumerated() where !draft.stage.id.isEmpty {
            if let first = index[draft.stage.id] {
                log.error(
                    "duplicate stage id '\(draft.stage.id)' (it was already used at line \(drafts[first].idPosition.line); "
                        + "give each stage its own id)",
                    at: draft.idPosition)
            } else {
                index[draft.stage.id] = offset
            }
        }
        return index
    }

    private func checkReferences(_ drafts: [StageDraft], known: [String: Int]) {
        let ids = drafts.map(\.stage.id).filter { !$0.isEmpty }
        for draft in drafts {
            for reference in draft.after {
                if reference.value == draft.stage.id {
                    log.error(
                        "stage '\(draft.stage.id)' names itself in after (a stage cannot wait for itself; "
                            + "remove '\(reference.value)' from its after)",
                        at: reference.position)
                } else if known[reference.value] == nil {
                    log.error(
                        "unknown stage '\(reference.value)' in after of stage '\(draft.stage.id)' "
                            + "(\(Hints.didYouMean(reference.value, among: ids))stages are: \(Hints.list(ids)))",
                        at: reference.position)
                }
            }
        }
    }

    /// Depth-first search along `after`; each edge back into the current path closes one loop, reported
    /// once at the `after` entry that closes it. Self-references and unknown stages were reported already.
    private func checkCycles(_ drafts: [StageDraft], index: [String: Int]) {
        enum Mark { case unvisited, onPath, finished }
        var marks = Array(repeating: Mark.unvisited, count: drafts.count)
        var path: [Int] = []

        func visit(_ stage: Int) {
            marks[stage] = .onPath
            path.append(stage)
            for reference in drafts[stage].after {
                guard let next = index[reference.value], next != stage else { continue }
                switch marks[next] {
                case .unvisited:
                    visit(next)
                case .onPath:
                    guard let start = path.lastIndex(of: next) else { continue }
                    let loop = (path[start...] + [next]).map { drafts[$0].stage.id }
                    log.error(
                        "cycle in after: \(loop.joined(separator: " -> ")) (these stages wait for each other, "
                            + "so none can ever open; remove one of these after entries)",
                        at: reference.position)
                case .finished:
                    continue
                }
            }
            path.removeLast()
            marks[stage] = .finished
        }

        for stage in drafts.indices where marks[stage] == .unvisited {
            visit(stage)
        }
    }
}
