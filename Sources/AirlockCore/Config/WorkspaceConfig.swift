/// The settings of a workspace's `.airlock/config.toml`. `parse` and `load` read the file
/// strictly: an unknown key, a wrong type or a bad glob is an error naming its line, so a
/// typo never silently leaves a default in force.
public struct WorkspaceConfig: Equatable, Sendable {
    /// Who may decide: `user`, or `user@host` where host is the reviewer's host as their
    /// identity records it (the client address from `SSH_CONNECTION`, or `local`). Empty
    /// means only the OS user who owns the workspace's `.airlock/` directory.
    public var approvers: [String]
    public var gates: Gates
    public var store: Store
    public var review: Review
    public var quota: Quota
    public var agents: Agents
    public var cockpit: Cockpit
    public var checks: Checks
    public var hooks: Hooks
    /// `[[tests]]`: commands run on a scratch copy of every proposal.
    public var tests: [TestCommand]
    /// `[[linters]]`: external linters run on the same scratch copy.
    public var linters: [LinterCommand]

    public init(
        approvers: [String] = [], gates: Gates = Gates(), store: Store = Store(), review: Review = Review(), quota: Quota = Quota(),
        agents: Agents = Agents(), cockpit: Cockpit = Cockpit(), checks: Checks = Checks(), hooks: Hooks = Hooks(), tests: [TestCommand] = [],
        linters: [LinterCommand] = []
    ) {
        self.hooks = hooks
        self.cockpit = cockpit
        self.checks = checks
        self.tests = tests
        self.linters = linters
        self.approvers = approvers
        self.gates = gates
        self.store = store
        self.review = review
        self.quota = quota
        self.agents = agents
    }

    public static let defaults = WorkspaceConfig()

    // MARK: - Sections

    /// How the cockpit looks and calls for attention.
    public struct Cockpit: Equatable, Sendable {
        public enum Notifications: String, Sendable { case off, osc9, osc777 }

        /// A built-in theme or one in `$XDG_CONFIG_HOME/airlock/themes/`.
        public var theme: String
        /// Ring the terminal's bell when a proposal starts waiting or an agent is blocked.
        public var bell: Bool
        /// Desktop notifications for the same, for terminals that show OSC 9 or OSC 777.
        public var notifications: Notifications

        public init(theme: String = "default", bell: Bool = false, notifications: Notifications = .off) {
            self.theme = theme
            self.bell = bell
            self.notifications = notifications
        }
    }

    /// Policy gates evaluated at approval time (see `PolicyGates`).
    public struct Gates: Equatable, Sendable {
        public static let defaultProtectedPaths = [".github/workflows/**", ".gitlab-ci.yml", ".env*", "*.lock"]

        /// Globs (`PathGlob`) of paths whose change needs an override.
        public var protectedPaths: [String]
        /// Most files one proposal may touch; 0 turns the gate off.
        public var maxFiles: Int
        /// Most added plus removed lines one proposal may have; 0 turns the gate off.
        public var maxLines: Int
        /// Every test check must have passed.
        public var testsMustPass: Bool
        /// A finding at or above this severity, not suppressed, needs an override; nil
        /// turns the gate off.
        public var blockFindingsAt: LintSeverity?

        public init(
            protectedPaths: [String] = defaultProtectedPaths, maxFiles: Int = 50, maxLines: Int = 1000,
            testsMustPass: Bool = true, blockFindingsAt: LintSeverity? = .high
        ) {
            self.protectedPaths = protectedPaths
            self.maxFiles = maxFiles
            self.maxLines = maxLines
            self.testsMustPass = testsMustPass
            self.blockFindingsAt = blockFindingsAt
        }
    }

    public struct Store: Equatable, Sendable {
        /// How long a write waits for another process's lock on the database.
        public var busyTimeoutMilliseconds: Int

        public init(busyTimeoutMilliseconds: Int = 5000) {
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        }
    }

    public struct Review: Equatable, Sendable {
        /// The command that edits rejection feedback; empty means `$VISUAL`, then
        /// `$EDITOR`, then a multi-line prompt on the terminal.
        public var editor: String

        public init(editor: String = "") {
            self.editor = editor
        }
    }

    public struct Agents: Equatable, Sendable {
        /// An agent not heard from (no proposal, no status report) for this many seconds
        /// shows as stale; 0 never.
        public var staleAfterSeconds: Int

        public init(staleAfterSeconds: Int = 600) {
            self.staleAfterSeconds = staleAfterSeconds
        }

        /// Whether an agent last heard from at `lastHeard` is stale at `now` (both in
        /// milliseconds since 1970). An agent that said it exited is not stale: it is gone.
        public func isStale(_ agent: AgentSummary, now: Int64) -> Bool {
            staleAfterSeconds > 0 && agent.state != .exited && now - agent.lastHeard > Int64(staleAfterSeconds) * 1000
        }
    }

    /// Limits on what agents may queue, checked before a proposal is stored, so that no
    /// agent can fill the store or bury the reviewer.
    public struct Quota: Equatable, Sendable {
        /// Most bytes of one submission as the agent sent it; 0 turns the limit off.
        public var maxProposalBytes: Int
        /// Most proposals one agent may have waiting for a decision; 0 turns the limit off.
        public var maxWaitingPerAgent: Int

        public init(maxProposalBytes: Int = 16 << 20, maxWaitingPerAgent: Int = 200) {
            self.maxProposalBytes = maxProposalBytes
            self.maxWaitingPerAgent = maxWaitingPerAgent
        }
    }
}
