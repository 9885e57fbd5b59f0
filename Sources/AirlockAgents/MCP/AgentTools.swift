import AirlockCore
import Foundation

/// The tools' handlers for one agent, on any `AgentService` (the store, or a broker).
/// Every call answers with a reply, never a throw: bad arguments and refusals are
/// replies with `isError` and a text that names the argument or the reason.
public struct AgentTools: Sendable {
    public let service: any AgentService
    /// The agent every proposal and report is made as.
    public let agent: String

    public init(service: any AgentService, agent: String) {
        self.service = service
        self.agent = agent
    }

    /// Runs the tool `name` with `arguments` (the JSON object the client sent).
    public func call(_ name: String, arguments: JSONValue?) async -> ToolReply {
        guard let spec = AgentToolCatalog.spec(named: name) else {
            let names = AgentToolCatalog.tools.map(\.name).joined(separator: ", ")
            return .failure("no tool \(ToolParameter.quote(name)); the tools are: \(names)")
        }
        let input: ToolInput
        do {
            input = try spec.check(arguments)
        } catch {
            return .failure(ToolFailure.escaped(error.message), argument: error.argument)
        }
        do {
            return try await run(spec.name, input)
        } catch {
            return .failure(ToolFailure.describe(error, source: spec.name == "propose_patch" ? "patch" : spec.name))
        }
    }

    private func run(_ name: String, _ input: ToolInput) async throws -> ToolReply {
        switch name {
        case "propose_patch":
            return try await propose(Submission(
                agent: agent, title: input.string("title"), rationale: input.string("rationale") ?? "",
                format: input.string("format").flatMap(PatchFormat.init(rawValue:)), strip: Int(input.integer("strip") ?? 1),
                patch: Array((input.string("patch") ?? "").utf8), supersedes: input.integer("supersedes")))
        case "propose_edit":
            let edit = Edit(
                path: input.string("path") ?? "", old: input.string("old_text") ?? "", new: input.string("new_text") ?? "",
                replaceAll: input.bool("replace_all"))
            return try await propose(EditRequest(edits: [edit]), input)
        case "propose_write":
            return try await propose(EditRequest(writes: [FileWrite(path: input.string("path") ?? "", content: input.string("content") ?? "")]), input)
        case "proposal_status":
            return try await status(input.integer("id") ?? 0)
        case "wait_for_decision":
            let outcome = try await service.waitForOutcome(input.integer("id") ?? 0, timeout: input.number("timeout_s") ?? AgentToolCatalog.defaultWait)
            return .result(DecisionText.outcome(outcome), ToolResults.Outcome(outcome))
        case "report_status":
            return try await report(input)
        case "list_proposals":
            return try await list(input)
        case "withdraw":
            let summary = try await service.withdraw(input.integer("id") ?? 0, agent: agent)
            return .result("proposal #\(summary.id) withdrawn", ToolResults.Withdrawn(id: summary.id, state: summary.state))
        default:
            return .failure("no tool \(ToolParameter.quote(name))")
        }
    }

    // MARK: - proposing

    private func propose(_ request: EditRequest, _ input: ToolInput) async throws -> ToolReply {
        let json = try JSONEncoder().encode(request)
        return try await propose(Submission(
            agent: agent, title: input.string("title"), rationale: input.string("rationale") ?? "", format: .edits, patch: Array(json)))
    }

    private func propose(_ submission: Submission) async throws -> ToolReply {
        let receipt = try await service.propose(submission)
        let proposal = receipt.proposal
        let size = "\(proposal.fileCount) file\(proposal.fileCount == 1 ? "" : "s"), +\(proposal.addedLines) -\(proposal.removedLines)"
        let head = receipt.isNew
            ? "proposal #\(proposal.id) \(proposal.state.rawValue): \(VisibleText.escape(proposal.title)) (\(size))"
            : "proposal #\(proposal.id) already has this change (\(proposal.state.rawValue)): \(VisibleText.escape(proposal.title))"
        let next = "Nothing is written until a person approves it: call wait_for_decision with id \(proposal.id) to hear the decision."
        return .result(head + "\n" + next, ToolResults.Queued(
            id: proposal.id, state: proposal.state, new: receipt.isNew, title: proposal.title, digest: proposal.digest,
            files: proposal.fileCount, added: proposal.addedLines, removed: proposal.removedLines))
    }

    // MARK: - reading back

    private func status(_ id: Int64) async throws -> ToolReply {
        let detail = try await service.proposal(id)
        let facts = DecisionText.facts(detail)
        return .result(DecisionText.status(facts), facts)
    }

    private func list(_ input: ToolInput) async throws -> ToolReply {
        var filter = ProposalFilter(agent: agent)
        switch input.string("state") {
        case nil, "all"?: break
        case "waiting"?: filter.states = Set(ProposalState.allCases.filter(\.isWaiting))
        case let word?: filter.states = ProposalState(rawValue: word).map { [$0] }
        }
        let limit = Int(input.integer("limit") ?? 100)
        let listed = try await service.proposals(filter).suffix(limit).map(ToolResults.Listed.init)
        var text = listed.isEmpty ? "no proposals of \(agent)" : "\(listed.count) proposal\(listed.count == 1 ? "" : "s") of \(agent):"
        for item in listed {
            text += "\n#\(item.id) \(item.state.rawValue) \(VisibleText.escape(item.title)) (+\(item.added) -\(item.removed))"
        }
        return .result(text, ToolResults.Listing(agent: agent, proposals: Array(listed)))
    }

    // MARK: - status

    private func report(_ input: ToolInput) async throws -> ToolReply {
        guard let state = input.string("state").flatMap(AgentState.init(rawValue:)) else { return .failure("report_status: missing argument `state`", argument: "state") }
        let plan: [PlanItem]? = input.values["plan"].map { value in
            guard case .array(let items) = value else { return [] }
            return items.compactMap { item in
                guard case .object(let fields) = item, case .string(let text)? = fields["text"], case .string(let word)? = fields["status"],
                    let status = PlanItem.Status(rawValue: word)
                else { return nil }
                return PlanItem(text, status: status)
            }
        }
        let activity = input.string("activity")
        try await service.reportStatus(AgentStatusReport(agent: agent, state: state, activity: activity, channel: Channel.mcp.rawValue, plan: plan))
        var text = "\(agent) is \(state.rawValue)"
        if let activity, !activity.isEmpty { text += ": \(VisibleText.escape(activity))" }
        if let plan { text += " (plan of \(plan.count) item\(plan.count == 1 ? "" : "s"))" }
        return .result(text, ToolResults.Reported(agent: agent, state: state, activity: activity, planItems: plan?.count))
    }
}
