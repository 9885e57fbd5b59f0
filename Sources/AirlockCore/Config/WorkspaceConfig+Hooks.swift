extension WorkspaceConfig {
    /// How the hook gate on agents' file tools behaves: `[hooks]`.
    public struct Hooks: Equatable, Sendable {
        /// The longest `wait_s` may be, in seconds.
        public static let waitRange = 1...3600
        /// How long a gated tool call waits for the reviewer before it is denied as
        /// "queued, awaiting review"; below the agent's own hook timeout, which
        /// `airlock hook install` sets to this plus a margin.
        public var waitSeconds: Int

        public init(waitSeconds: Int = 240) {
            self.waitSeconds = waitSeconds
        }
    }
}
