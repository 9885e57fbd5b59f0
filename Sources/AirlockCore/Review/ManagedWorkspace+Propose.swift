import Foundation

/// An agent's submission as it arrives from a channel.
public struct ProposalRequest: Sendable {
    public var agent: String
    public var title: String?
    public var rationale: String
    public var format: PatchFormat?
    public var strip: Int
    public var input: Bytes
    /// An earlier waiting proposal of the same agent that this one replaces.
    public var supersedes: Int64?

    public init(agent: String, title: String? = nil, rationale: String = "", format: PatchFormat? = nil, strip: Int = 1, input: Bytes, supersedes: Int64? = nil) {
        self.agent = agent
        self.title = title
        self.rationale = rationale
        self.format = format
        self.strip = strip
        self.input = input
        self.supersedes = supersedes
    }
}

/// Why a submission was not queued (besides parse errors and `ApplyRefusal`).
public enum ProposalError: Error, Equatable, CustomStringConvertible {
    case empty
    case badAgentName(String)
    case cannotSupersede(Int64, String)

    public var description: String {
        switch self {
        case .empty: return "the patch changes nothing: there is nothing to propose"
        case .badAgentName(let name): return "agent name \(VisibleText.escape(name)) must be 1–64 characters of letters, digits, '.', '_' or '-'"
        case .cannotSupersede(let id, let why): return "cannot supersede proposal #\(id): \(why)"
        }
    }
}

extension ManagedWorkspace {
    /// Parses the agent's change in any supported format, validates it against the
    /// workspace (a refusal queues nothing and throws `ApplyRefusal`), and queues it as
    /// `ready` with its base recorded. The same digest from the same agent returns the
    /// proposal it already has. A submission over a quota throws `QuotaExceeded` before
    /// it is even parsed.
    public func propose(_ request: ProposalRequest) throws -> (proposal: Proposal, isNew: Bool) {
        guard Self.isValidAgentName(request.agent) else { throw ProposalError.badAgentName(request.agent) }
        try checkQuotas(request)
        let started = store.clock()
        let patch = try PatchReader(strip: request.strip, workspace: reader.closure).read(request.input, format: request.format)
        guard !patch.files.isEmpty else { throw ProposalError.empty }
        let report = try applier().check(patch)
        let canonical = PatchRenderer.render(patch)
        let digest = PatchDigest(canonicalText: canonical)
        let stats = (added: patch.files.reduce(0) { $0 + $1.addedLineCount }, removed: patch.files.reduce(0) { $0 + $1.removedLineCount })
        let new = NewProposal(
            agent: request.agent,
            title: request.title.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultTitle(patch),
            rationale: request.rationale,
            format: (request.format ?? (try? PatchFormat.detect(request.input)))?.rawValue ?? "git",
            patch: canonical, digest: digest.hex, baseCommit: GitBase.head(of: root),
            preImage: report.preImage, fileCount: patch.files.count, addedLines: stats.added, removedLines: stats.removed)
        let result = try store.submit(
            new, check: CheckOutcome(name: "applies", passed: true, summary: Self.summary(of: report), startedAt: started),
            lint: config.checks.lint ? try lint(patch) : nil, queue: try configuredChecks())
        if result.isNew, let old = request.supersedes {
            try supersede(old, by: result.proposal)
        }
        return result
    }

    private func checkQuotas(_ request: ProposalRequest) throws {
        let quota = config.quota
        if quota.maxProposalBytes > 0, request.input.count > quota.maxProposalBytes {
            throw QuotaExceeded.proposalBytes(bytes: request.input.count, limit: quota.maxProposalBytes)
        }
        if quota.maxWaitingPerAgent > 0 {
            let waiting = try store.waitingCount(agent: request.agent)
            if waiting >= quota.maxWaitingPerAgent {
                throw QuotaExceeded.waitingPerAgent(agent: request.agent, waiting: waiting, limit: quota.maxWaitingPerAgent)
            }
        }
    }

    private func supersede(_ old: Int64, by new: Proposal) throws {
        guard let previous = try store.proposal(old) else { throw ProposalError.cannotSupersede(old, "there is no such proposal") }
        guard previous.agent == new.agent else { throw ProposalError.cannotSupersede(old, "it belongs to another agent") }
        try store.supersede(old, by: new)
    }

    /// An agent takes back its own waiting proposal; `agent` must be the one that
    /// proposed it.
    @discardableResult
    public func withdraw(_ id: Int64, agent: String) throws -> Proposal {
        try store.withdraw(id, agent: agent)
    }

    /// Whether `name` may name an agent: 1 to 64 bytes of ASCII letters, digits, `.`, `_` and `-`.
    public static func isValidAgentName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    static func defaultTitle(_ patch: Patch) -> String {
        let paths = patch.files.map(\.path)
        if paths.count == 1 { return "\(patch.files[0].operation.verb) \(paths[0])" }
        return "change \(paths.count) files: \(paths.prefix(3).joined(separator: ", "))\(paths.count > 3 ? ", …" : "")"
    }

    /// One line for the `applies` check: clean, or at which offsets.
    static func summary(of report: ApplyReport) -> String {
        let shifted = report.files.filter { $0.offsets.contains { $0 != 0 } }
        if shifted.isEmpty { return "applies cleanly" }
        let places = shifted.map { file in
            "\(file.newPath ?? file.oldPath ?? "") at \(file.offsets.map { $0 > 0 ? "+\($0)" : "\($0)" }.joined(separator: ","))"
        }
        return "applies at offsets: " + places.joined(separator: "; ")
    }
}

extension ApplyReport {
    /// The files the patch reads, each with the hash it has now (nil: must be absent).
    public var preImage: [FileImage] {
        var images: [FileImage] = []
        for file in files {
            if let old = file.oldPath { images.append(FileImage(path: old, sha256: file.oldSHA256)) }
            if let new = file.newPath, new != file.oldPath { images.append(FileImage(path: new, sha256: nil)) }
        }
        return images
    }

    /// The files the patch leaves, each with the hash it will have (nil: absent).
    public var postImage: [FileImage] {
        var images: [FileImage] = []
        for file in files {
            if let new = file.newPath { images.append(FileImage(path: new, sha256: file.newSHA256)) }
            if let old = file.oldPath, old != file.newPath, file.operation != .copy { images.append(FileImage(path: old, sha256: nil)) }
        }
        return images
    }
}
