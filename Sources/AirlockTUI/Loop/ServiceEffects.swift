import AirlockCore

/// Performs the cockpit's effects against the review service and answers with events.
/// Errors become messages: nothing a service refuses ends the cockpit.
public struct ServiceEffects: Sendable {
    public let service: any ReviewService
    /// Nil for a watcher, who decides nothing.
    public let reviewer: Reviewer?
    /// How much of the audit trail the activity pane starts with.
    public var activityTail = 200

    public init(service: any ReviewService, reviewer: Reviewer?) {
        self.service = service
        self.reviewer = reviewer
    }

    public func perform(_ effect: Effect) async -> [CockpitEvent] {
        do {
            return try await run(effect).map { .loaded($0) }
        } catch {
            return [.loaded(failure(effect, error))]
        }
    }

    private func run(_ effect: Effect) async throws -> [Loaded] {
        switch effect {
        case .loadQueue:
            return [.queue(try await service.proposals(.all))]
        case .refreshProposals(let ids):
            return [.proposals(try await service.proposals(ProposalFilter(ids: ids)), asked: ids)]
        case .loadAgents:
            return [.agents(try await service.agents())]
        case .loadActivity:
            let entries = try await service.auditEntries(AuditFilter(limit: activityTail, latest: true))
            return [.activity(entries.map(ReviewEvent.init))]
        case .loadProposal(let id):
            let detail = try await service.proposal(id)
            let patch = try detail.proposal.canonicalPatch()
            return [.proposal(detail, patch, DiffDocument(patch))]
        case .loadForDecision(let id):
            return [.forDecision(try await service.proposal(id))]
        case .loadGates(let id, let selection):
            return [.gates(id, selection, try await service.gates(id, selection: selection))]
        case .approve(let approval):
            guard let reviewer else { return [.decided(approval.id, .refused("this cockpit only watches"))] }
            let decision: Decision
            do {
                decision = try await service.approve(approval, by: reviewer)
            } catch {
                return [.decided(approval.id, .refused("not approved: \(error)"))]
            }
            do {
                let report = try await service.apply(approval.id)
                let files = report.files.count
                return [.decided(approval.id, .approved(digest: decision.digest, applied: "\(files) file\(files == 1 ? "" : "s") written"))]
            } catch {
                return [.decided(approval.id, .approvedNotApplied(digest: decision.digest, why: "\(error)"))]
            }
        case .reject(let rejection):
            guard let reviewer else { return [.decided(rejection.id, .refused("this cockpit only watches"))] }
            do {
                _ = try await service.reject(rejection, by: reviewer)
                return [.decided(rejection.id, .rejected)]
            } catch {
                return [.decided(rejection.id, .refused("not rejected: \(error)"))]
            }
        case .loadCheckRuns(let ids):
            return [.checkRuns(try await service.checkRuns(of: ids.sorted()), asked: ids)]
        case .loadChecks(let id):
            return [.checks(try await service.proposal(id))]
        case .rerunChecks(let id):
            guard let reviewer else { return [.failed("#\(id): this cockpit only watches; checks are not re-run.")] }
            try await service.rerunChecks(id, actor: reviewer.description)
            return [.checksRequeued(id)]
        case .loadRevertPreview(let id):
            let preview = try await service.revertPreview(id)
            return [.revertPreview(id, try preview.canonicalPatch(), digest: preview.digest)]
        case .revert(let id, let digest):
            guard let reviewer else { return [.decided(id, .refused("this cockpit only watches"))] }
            do {
                let report = try await service.revert(id, shownDigest: digest, by: reviewer)
                let files = report.files.count
                return [.decided(id, .reverted("\(files) file\(files == 1 ? "" : "s") put back"))]
            } catch {
                return [.decided(id, .refused("not reverted: \(error)"))]
            }
        case .editFeedback, .setTitle, .bell, .notify, .discardTypeAhead, .redrawAll, .quit:
            return []
        }
    }

    private func failure(_ effect: Effect, _ error: any Error) -> Loaded {
        switch effect {
        case .loadProposal(let id), .loadForDecision(let id): return .failed("Cannot read #\(id): \(error)")
        case .loadGates(let id, _): return .failed("Cannot evaluate the gates of #\(id): \(error)")
        case .rerunChecks(let id): return .failed("Cannot re-run the checks of #\(id): \(error)")
        case .loadChecks(let id): return .failed("Cannot read the checks of #\(id): \(error)")
        case .loadRevertPreview(let id): return .failed("Cannot revert #\(id): \(error)")
        default: return .failed("\(error)")
        }
    }
}
