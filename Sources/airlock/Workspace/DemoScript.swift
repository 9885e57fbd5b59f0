import AirlockCore

/// What one demo agent does, step by step, through the channels real agents use.
struct DemoScript: Sendable {
    /// One thing the agent does.
    enum Step: Sendable {
        /// Reports a status with `airlock status`; plan items as `[x] done`, `[~] doing`, `[ ] to do`.
        case status(AgentState, String, plan: [String] = [])
        /// Waits this many seconds at pace 1.
        case pause(Double)
        /// Submits a change with `airlock propose`, then reports that it waits for review
        /// (or, when Airlock refuses it, reports the refusal as an error).
        case propose(title: String, rationale: String, patch: String)
        /// Waits with `airlock wait` for the reviewer's outcome of each proposal submitted
        /// so far, reacting to each; passes at once when the demo lets agents linger 0 s.
        case awaitOutcomes
    }

    var agent: String
    var steps: [Step]

    /// The script of the agent named `agent`, if there is one.
    static func named(_ agent: String) -> DemoScript? {
        all.first { $0.agent == agent }
    }

    /// Every agent's script. At pace 1 the first proposal arrives after about four
    /// seconds and the last a minute in.
    static let all = [coder1, codex, gemini, coder2, aider]

    /// The seconds of pauses in the longest script: how long the show lasts at pace 1,
    /// before anyone's decision.
    static var length: Double {
        all.map { script in
            script.steps.reduce(0) { total, step in
                if case .pause(let seconds) = step { total + seconds } else { total }
            }
        }.max() ?? 0
    }

    // MARK: - The agents

    static let coder1 = DemoScript(agent: "coder-1", steps: [
        .status(.working, "reading lib/semver.sh", plan: ["[~] Find why minor bumps keep the patch number", "[ ] Fix semver_bump", "[ ] Add a test"]),
        .pause(2),
        .status(.working, "running sh tests/run.sh", plan: ["[x] Find why minor bumps keep the patch number", "[x] Fix semver_bump", "[~] Add a test"]),
        .pause(2),
        .propose(
            title: "Reset the patch number when bumping a minor version",
            rationale: "semver_bump minor 1.4.2 printed 1.4.2's patch number (1.5.2); the README promises 1.5.0. Adds a test for it; sh tests/run.sh passes.",
            patch: DemoPatches.goodFix),
        .awaitOutcomes,
    ])

    static let codex = DemoScript(agent: "codex", steps: [
        .pause(1),
        .status(.working, "reading tests/run.sh", plan: ["[~] Simplify semver_compare", "[ ] Run the tests"]),
        .pause(7),
        .status(.working, "rewriting semver_compare in one comparison", plan: ["[~] Simplify semver_compare", "[ ] Run the tests"]),
        .pause(8),
        .status(.working, "running sh tests/run.sh", plan: ["[x] Simplify semver_compare", "[~] Run the tests"]),
        .pause(4),
        .propose(
            title: "Compare versions in one step",
            rationale: "Joins the three numbers and compares once instead of looping over the parts. Shorter and faster.",
            patch: DemoPatches.brokenCompare),
        .awaitOutcomes,
        .status(.exited, "session ended"),
    ])

    static let gemini = DemoScript(agent: "gemini", steps: [
        .pause(3),
        .status(.working, "wiring release uploads in config/release.conf", plan: ["[~] Configure the upload", "[ ] Try an upload"]),
        .pause(9),
        .status(.blocked, "needs you: allow network access to try an upload?", plan: ["[x] Configure the upload", "[~] Try an upload"]),
        .pause(20),
        .status(.working, "using the credentials from my environment instead", plan: ["[x] Configure the upload", "[~] Try an upload"]),
        .pause(8),
        .propose(
            title: "Configure release uploads",
            rationale: "Adds the upload credentials to config/release.conf so that CI can publish releases without extra secrets.",
            patch: DemoPatches.leakedKey),
        .awaitOutcomes,
    ])

    static let coder2 = DemoScript(agent: "coder-2", steps: [
        .pause(5),
        .status(.working, "reading .github/workflows/ci.yml", plan: ["[~] Run CI on pull requests", "[ ] Leave a note for the next run"]),
        .pause(19),
        .propose(
            title: "Run CI on pull requests too",
            rationale: "Pull requests are not tested today. Touches .github/workflows: the protected_paths gate asks for a typed reason.",
            patch: DemoPatches.workflow),
        .pause(6),
        .status(.working, "leaving a note for the next run", plan: ["[x] Run CI on pull requests", "[~] Leave a note for the next run"]),
        .pause(30),
        .propose(
            title: "Leave a note outside",
            rationale: "Writes outside the workspace: Airlock refuses it at once and queues nothing.",
            patch: DemoPatches.outside),
        .awaitOutcomes,
    ])

    /// Its rival fix arrives about a second after coder-1's, before anyone can have
    /// approved that, so that both wait at once; once one is applied the other conflicts.
    static let aider = DemoScript(agent: "aider", steps: [
        .pause(2),
        .status(.working, "reading lib/semver.sh", plan: ["[~] Fix minor bumps", "[ ] Document semver_split"]),
        .pause(3),
        .propose(
            title: "Fix minor bumps",
            rationale: "Resets the patch number on a minor bump. The same line as coder-1's fix, written differently: once one is applied, the other conflicts.",
            patch: DemoPatches.rivalFix),
        .pause(6),
        .status(.working, "reading README.md", plan: ["[x] Fix minor bumps", "[~] Document semver_split"]),
        .pause(8),
        .propose(
            title: DemoPatches.reversedTitle,
            rationale: "Documents semver_split. The title hides a right-to-left override and the README line a concealed command: Airlock shows both.",
            patch: DemoPatches.concealedLine),
        .awaitOutcomes,
    ])
}
