import AirlockCore

/// The structured content of the tools' results, with the keys agents see.
enum ToolResults {
    /// A proposal as a propose tool or `list_proposals` reports it.
    struct Queued: Encodable {
        var id: Int64
        var state: ProposalState
        var new: Bool
        var title: String
        var digest: String
        var files: Int
        var added: Int
        var removed: Int
    }

    struct Listed: Encodable {
        var id: Int64
        var title: String
        var state: ProposalState
        var files: Int
        var added: Int
        var removed: Int
        var createdAt: Int64

        init(_ summary: ProposalSummary) {
            id = summary.id
            title = summary.title
            state = summary.state
            files = summary.fileCount
            added = summary.addedLines
            removed = summary.removedLines
            createdAt = summary.createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, title, state, files, added, removed
            case createdAt = "created_at"
        }
    }

    struct Listing: Encodable {
        var agent: String
        var proposals: [Listed]
    }

    struct Check: Encodable {
        var name: String
        var kind: CheckRun.Kind
        var status: CheckRun.Status
        var summary: String
        var findings: Int
        var failedCases: Int

        enum CodingKeys: String, CodingKey {
            case name, kind, status, summary, findings
            case failedCases = "failed_cases"
        }
    }

    struct Gate: Encodable {
        var gate: String
        var passed: Bool
        var detail: String
    }

    struct Comment: Encodable {
        var path: String
        var line: Int
        var side: LineComment.Side
        var text: String

        init(_ comment: LineComment) {
            path = comment.path
            line = comment.line
            side = comment.side
            text = comment.text
        }
    }

    struct DecisionFacts: Encodable {
        var verdict: Decision.Verdict
        var reviewer: String
        var decidedAt: Int64
        var digest: String

        enum CodingKeys: String, CodingKey {
            case verdict, reviewer, digest
            case decidedAt = "decided_at"
        }
    }

    struct Status: Encodable {
        var id: Int64
        var agent: String
        var title: String
        var state: ProposalState
        var waiting: Bool
        var reason: String?
        var files: Int
        var added: Int
        var removed: Int
        var checksSummary: String
        var checks: [Check]
        var gates: [Gate]
        var decision: DecisionFacts?
        var feedback: String?
        var note: String?
        var comments: [Comment]

        enum CodingKeys: String, CodingKey {
            case id, agent, title, state, waiting, reason, files, added, removed, checks, gates, decision, feedback, note, comments
            case checksSummary = "checks_summary"
        }
    }

    struct Outcome: Encodable {
        var id: Int64
        var state: ProposalState
        var timedOut: Bool
        var reason: String?
        var feedback: String?
        var note: String?
        var comments: [Comment]
        var revertedBy: String?

        init(_ outcome: ProposalOutcome) {
            id = outcome.id
            state = outcome.state
            timedOut = outcome.timedOut
            reason = outcome.reason
            feedback = outcome.feedback
            note = outcome.note
            comments = outcome.comments.map(Comment.init)
            revertedBy = outcome.revertedBy
        }

        enum CodingKeys: String, CodingKey {
            case id, state, reason, feedback, note, comments
            case timedOut = "timed_out"
            case revertedBy = "reverted_by"
        }
    }

    struct Reported: Encodable {
        var agent: String
        var state: AgentState
        var activity: String?
        var planItems: Int?

        enum CodingKeys: String, CodingKey {
            case agent, state, activity
            case planItems = "plan_items"
        }
    }

    struct Withdrawn: Encodable {
        var id: Int64
        var state: ProposalState
    }
}
