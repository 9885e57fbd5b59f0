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
        var draft: ReviewDraft
        do {
            draft = try ReviewDraft(detail)
        } catch {
            console.line("#\(proposal.id): the stored patch does not read (\(error)); skipping it.", .failed)
            return .next
        }
        ProposalPage(proposal: proposal, patch: draft.patch, checks: detail.checks, gates: draft.gates, now: now())
            .show(on: console)
        console.shown()
        let wholeGates = draft.gates
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
            case .approveAll:
                draft.selectAll()
                draft.gates = wholeGates
                step = try await approve(&draft)
            case .hunkByHunk: step = try await approveHunks(&draft)
            case .reject: step = try await reject(proposal, &draft)
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

    private func approveHunks(_ draft: inout ReviewDraft) async throws -> Step {
        guard try HunkPicker(console: console).choose(in: &draft) else {
            console.line("Stopped choosing: nothing decided.", .notice)
            return .back
        }
        let id = draft.proposalID
        switch draft.coverage {
        case .empty:
            console.line("No hunks selected: nothing decided.", .notice)
            return .back
        case .whole:
            console.line("Every hunk is selected: approving the whole patch.")
            draft.gates = try await service.gates(id, selection: nil)
            return try await approve(&draft)
        case .partial:
            let part: Patch
            do {
                part = try draft.approvedPatch()
            } catch {
                console.line("Cannot approve this selection: \(Self.selectionProblem(error)). Nothing decided.", .failed)
                return .back
            }
            let stats = PatchStats(part)
            console.blank()
            console.line("Selected of #\(id): \(stats.files.count) file\(stats.files.count == 1 ? "" : "s"), +\(stats.added) -\(stats.removed)", .heading)
            for file in stats.files { console.line("  \(file.operation.verb) \(file.path) (+\(file.added) -\(file.removed))") }
            draft.gates = try await service.gates(id, selection: draft.selection)
            ProposalPage.showGates(draft.gates, on: console)
            return try await approve(&draft)
        }
    }

    /// What is wrong with a selection, as the core words it.
    private static func selectionProblem(_ error: any Error) -> String {
        if case DecisionError.badSelection(let message) = error { return message }
        return "\(error)"
    }

    /// Asks for the overrides the gates need, records the approval of exactly what the
    /// draft chose (the whole proposal or the selection) under the digest of what was
    /// shown, and applies it at once.
    private func approve(_ draft: inout ReviewDraft) async throws -> Step {
        guard try GateOverrides.ask(into: &draft, on: console) else { return .back }
        let id = draft.proposalID
        let decision: Decision
        let patch: Patch
        do {
            let approval = try draft.approval()
            patch = try draft.approvedPatch()
            decision = try await service.approve(approval, by: reviewer)
        } catch let error as StoreError {
            console.line(error.description, .failed)
            return .done
        } catch let error as DecisionError {
            console.line("Not approved: \(error).", .failed)
            if case .staleDigest = error { return .done }
            return .back
        }
        let what = draft.coverage == .whole ? "the whole patch" : "the selected hunks"
        console.line("Approved #\(id) (\(what)) as \(reviewer).", .passed)
        do {
            let report = try await service.apply(id)
            let summary = ApplyOutput.summary(of: report, patch: patch, verb: "Applied #\(id)")
            console.block(String(summary.dropLast()), .passed)
            console.line("  digest sha256:\(decision.digest)")
        } catch {
            console.line("#\(id) is approved (sha256:\(decision.digest)) but was not applied: \(error)", .failed)
        }
        return .done
    }

    private func reject(_ proposal: Proposal, _ draft: inout ReviewDraft) async throws -> Step {
        guard let text = try feedback.collect(for: proposal, terminal: terminal) else { return .back }
        draft.feedback = text
        do {
            _ = try await service.reject(try draft.rejection(), by: reviewer)
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
