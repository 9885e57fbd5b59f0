import AirlockCore

/// One sitting of `airlock review`: each proposal shown, then the reviewer's answer read
/// from the terminal and turned into a decision through the review service.
struct ReviewSession {
    let service: any ReviewService
    let reviewer: Reviewer
    /// Why this reviewer may only look; nil when they may decide.
    let lookOnlyBecause: DecisionError?
    let console: ReviewConsole
    let feedback: Feedback
    /// The terminal an editor is attached to for feedback.
    let terminal: Int32?
    let now: @Sendable () -> Int64

    var lookOnly: Bool { lookOnlyBecause != nil }

    enum Outcome: Equatable { case next, quit }

    /// After an action: go back to the proposal's prompt, or on to the next proposal.
    private enum Step: Equatable { case back, done }

    // MARK: - the queue

    /// Every `ready` proposal in id order, including those that arrive meanwhile.
    func reviewReady() async throws {
        announceLookOnly()
        var last: Int64 = 0
        var shown = 0
        do {
            while let proposal = try await nextReady(after: last) {
                last = proposal.proposal.id
                shown += 1
                if try await review(proposal) == .quit {
                    console.line("Stopped: whatever was not decided is still waiting.")
                    return
                }
            }
        } catch is ReviewEnded {
            console.line("Stopped: whatever was not decided is still waiting.")
            return
        }
        console.line(shown == 0 ? "No proposals are ready for review." : "No more proposals are ready for review.")
    }

    func reviewOne(_ proposal: ProposalDetail) async throws {
        announceLookOnly()
        do {
            _ = try await review(proposal)
        } catch is ReviewEnded {
            console.line("Stopped: #\(proposal.proposal.id) is still waiting.")
        }
    }

    private func nextReady(after last: Int64) async throws -> ProposalDetail? {
        for summary in try await service.proposals(ProposalFilter(states: [.ready])) where summary.id > last {
            let detail = try await service.proposal(summary.id)
            if detail.proposal.state == .ready { return detail }
        }
        return nil
    }

    private func announceLookOnly() {
        guard let why = lookOnlyBecause else { return }
        console.line("Look-only mode: \(why).", .notice)
    }

    // MARK: - one proposal

    func review(_ detail: ProposalDetail) async throws -> Outcome {
        let proposal = detail.proposal
        let patch: Patch
        do {
            patch = try proposal.canonicalPatch()
        } catch {
            console.line("#\(proposal.id): the stored patch does not read (\(error)); skipping it.", .failed)
            return .next
        }
        let gates = detail.gates
        ProposalPage(proposal: proposal, patch: patch, checks: detail.checks, gates: gates, now: now())
            .show(on: console)
        console.shown()
        let keys = ReviewKeymap.available(ReviewKeymap.proposal, lookOnly: lookOnly)
        while true {
            let answer = try console.ask(ReviewKeymap.proposalPrompt(proposal.id, lookOnly: lookOnly))
            guard let action = ReviewKeymap.action(for: answer, in: keys) else {
                if ReviewKeymap.action(for: answer, in: ReviewKeymap.proposal) != nil {
                    console.line("Look-only mode: you may not decide here.", .notice)
                }
                showHelp(keys)
                continue
            }
            let step: Step
            switch action {
            case .approveAll: step = try await approve(proposal, patch, selection: nil, gates: gates)
            case .hunkByHunk: step = try await approveHunks(proposal, patch)
            case .reject: step = try await reject(proposal)
            case .skip: return .next
            case .quit: return .quit
            case .help:
                showHelp(keys)
                step = .back
            }
            if step == .done { return .next }
        }
    }

    private func showHelp(_ keys: [PromptKey<ProposalAction>]) {
        for line in ReviewKeymap.help(keys) { console.line(line, .notice) }
    }

    // MARK: - deciding

    private func approveHunks(_ proposal: Proposal, _ patch: Patch) async throws -> Step {
        switch try HunkPicker(patch: patch, console: console).choose() {
        case .stopped:
            console.line("Stopped choosing: nothing decided.", .notice)
            return .back
        case .nothing:
            console.line("No hunks selected: nothing decided.", .notice)
            return .back
        case .everything:
            console.line("Every hunk is selected: approving the whole patch.")
            return try await approve(proposal, patch, selection: nil, gates: try await service.gates(proposal.id, selection: nil))
        case .some(let selection):
            let part: Patch
            do {
                part = try patch.selecting(selection)
            } catch {
                console.line("Cannot approve this selection: \(error.message). Nothing decided.", .failed)
                return .back
            }
            let stats = PatchStats(part)
            console.blank()
            console.line("Selected of #\(proposal.id): \(stats.files.count) file\(stats.files.count == 1 ? "" : "s"), +\(stats.added) -\(stats.removed)", .heading)
            for file in stats.files { console.line("  \(file.operation.verb) \(file.path) (+\(file.added) -\(file.removed))") }
            let gates = try await service.gates(proposal.id, selection: selection)
            ProposalPage.showGates(gates, on: console)
            return try await approve(proposal, part, selection: selection, gates: gates)
        }
    }

    /// Asks for the overrides the gates need, records the approval of exactly `patch`
    /// (the whole proposal or the selection) under the digest of what was shown, and
    /// applies it at once.
    private func approve(_ proposal: Proposal, _ patch: Patch, selection: HunkSelection?, gates: [GateResult]) async throws -> Step {
        guard let overrides = try GateOverrides.ask(for: gates, on: console) else { return .back }
        let shown = selection == nil ? proposal.digest : PatchDigest(of: patch).hex
        let decision: Decision
        do {
            decision = try await service.approve(Approval(id: proposal.id, shownDigest: shown, selection: selection, overrides: overrides), by: reviewer)
        } catch let error as StoreError {
            console.line(error.description, .failed)
            return .done
        } catch let error as DecisionError {
            console.line("Not approved: \(error).", .failed)
            if case .staleDigest = error { return .done }
            return .back
        }
        let what = selection == nil ? "the whole patch" : "the selected hunks"
        console.line("Approved #\(proposal.id) (\(what)) as \(reviewer).", .passed)
        do {
            let report = try await service.apply(proposal.id)
            let summary = ApplyOutput.summary(of: report, patch: patch, verb: "Applied #\(proposal.id)")
            console.block(String(summary.dropLast()), .passed)
            console.line("  digest sha256:\(decision.digest)")
        } catch {
            console.line("#\(proposal.id) is approved (sha256:\(decision.digest)) but was not applied: \(error)", .failed)
        }
        return .done
    }

    private func reject(_ proposal: Proposal) async throws -> Step {
        guard let text = try feedback.collect(for: proposal, terminal: terminal) else { return .back }
        do {
            _ = try await service.reject(Rejection(id: proposal.id, shownDigest: proposal.digest, feedback: text), by: reviewer)
        } catch let error as StoreError {
            console.line(error.description, .failed)
            return .done
        } catch let error as DecisionError {
            console.line("Not rejected: \(error).", .failed)
            if case .staleDigest = error { return .done }
            return .back
        }
        console.line("Rejected #\(proposal.id); the agent will read your feedback.", .notice)
        return .done
    }
}
