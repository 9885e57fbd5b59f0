import AirlockCore

/// Everything the cockpit shows, in one value: `update` changes it, `render` draws it.
public struct CockpitState: Sendable {
    public struct Settings: Sendable {
        /// Draw box lines and glyphs; off under a locale that is not UTF-8.
        public var unicode = true
        /// Ring the bell when a proposal starts waiting or an agent is blocked.
        public var bell = false
        /// Desktop notifications through OSC 9 / OSC 777, for terminals that show them.
        public var notifications = false
        /// An agent not heard from for longer shows as stale (milliseconds; 0: never).
        public var staleAfter: Int64 = 600_000
        /// Why this person may only look (`airlock watch`, or not an approver); nil when
        /// they may decide.
        public var lookOnly: String?
        /// `airlock watch`: nothing here writes.
        public var watching = false

        public init() {}
    }

    public var settings: Settings
    public var size: Size
    public var now: Int64
    public var focus: Pane = .queue
    public var queue = QueueState()
    public var agents = AgentsState()
    public var activity: [ReviewEvent] = []
    public var activityScroll = 0
    public var showActivity = true
    /// The focused pane takes the whole screen (side by side needs the width).
    public var zoomed = false
    public var open: OpenProposal?
    /// The current check runs of proposals the queue has shown, for its badges.
    public var checkBadges: [Int64: [CheckRun]] = [:]
    /// Proposals whose badges were asked for and not answered yet.
    var badgesAsked: Set<Int64> = []
    /// The Security pane's cursor, an index into the open proposal's findings.
    public var findingCursor = 0
    /// The first row the Tests pane shows.
    public var testsScroll = 0
    /// The proposal being read for the diff pane.
    public var loading: Int64?
    public var overlay: Overlay?
    public var message: StatusMessage?
    /// The last audit sequence number seen.
    public var cursor: Int64 = 0
    /// Counts last put in the terminal's title, to notice changes.
    var announced = (waiting: -1, blocked: -1)
    public var loaded = (queue: false, agents: false)
    public var finished = false

    public init(settings: Settings = Settings(), size: Size, now: Int64) {
        self.settings = settings
        self.size = size
        self.now = now
    }

    /// The first effects: read the queue, the agents and the recent activity.
    public static let start: [Effect] = [.loadQueue, .loadAgents, .loadActivity]

    /// How much activity is kept in memory.
    static let activityLimit = 500
}
