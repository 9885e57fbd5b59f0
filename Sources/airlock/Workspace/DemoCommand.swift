import AirlockCore
import ArgumentParser
import Foundation

/// `airlock demo`: a scratch git workspace with a small sample project, and scripted
/// agents — separate processes using `airlock status`, `propose` and `wait` — that report
/// what they do and submit proposals over a minute or so (a good fix, a broken test, a
/// leaked key, a protected path, two rival fixes, hidden text, a write outside), while
/// the cockpit shows it all. Without a terminal the agents play to the end and the demo
/// says what happened.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo workspace where scripted agents propose changes, and review them as they arrive.",
        discussion: """
            The agents run as processes of their own; their log is .git/airlock-demo/agents.log \
            in the demo workspace. They stop when the review ends.
            """
    )

    @Option(help: "Build the demo workspace here: a new or empty directory (default: a new temporary directory).")
    var directory: String?

    @Flag(help: "Only build the workspace and let the agents play to the end; do not start the review.")
    var noReview = false

    @Flag(help: "The line-mode walk-through: the agents submit everything first, then airlock review starts.")
    var review = false

    @Option(help: ArgumentHelp("How fast the agents work: 1 in real time (about a minute), 0 without pauses (default: 1; 0.1 with --review).", valueName: "factor"))
    var pace: Double?

    func run() async throws {
        if let pace, !(pace >= 0 && pace.isFinite) {
            throw CommandFailure.fail("--pace must be a number ≥ 0", code: CommandFailure.unusableInput)
        }
        let workspace = try DemoDirectory.prepare(directory, command: "airlock demo")
        try DemoProject.commit(in: workspace)
        let airlock = DemoFiles.airlockExecutable
        emit("Demo workspace: \(workspace.path)\n\n$ airlock init\n")
        try DemoFiles.run(airlock, ["init"], in: workspace)
        try DemoProject.configureChecks(in: workspace)
        let log = workspace.appendingPathComponent(Self.logPath)
        let interactive = !noReview && Self.hasTerminal
        if interactive && !review {
            try await playLive(in: workspace, airlock: airlock, log: log)
            return
        }
        try playToTheEnd(in: workspace, airlock: airlock, log: log)
        guard interactive else {
            emit("\nNext: cd \(workspace.path) && airlock review   (the agents' log: \(log.path))\n")
            return
        }
        emit("\n$ airlock review   (answers come from your terminal)\n")
        try await Self.reviewHere(workspace: workspace)
        emit("\nAfterwards: airlock list, airlock show ID, airlock audit --verify (in \(workspace.path))\n")
    }

    /// The agents work while the person reviews; they are stopped when the review ends.
    private func playLive(in workspace: URL, airlock: String, log: URL) async throws {
        let cast = try DemoCast.start(DemoScript.all, airlock: airlock, workspace: workspace, pace: pace ?? 1, linger: Self.linger, log: log)
        defer { cast.stop() }
        emit("\n\(DemoScript.all.count) agents are at work; they log to \(log.path).\n")
        try await Self.openCockpit(workspace: workspace)
        cast.stop()
        emit("\nThe agents have stopped. Afterwards: airlock list, airlock show ID, airlock agents, airlock audit --verify (in \(workspace.path))\n")
    }

    /// The agents play their scripts to the end with no one deciding; their log is shown
    /// as it grows, then what they left: `airlock agents` and `airlock list`.
    private func playToTheEnd(in workspace: URL, airlock: String, log: URL) throws {
        let pace = pace ?? (review ? Self.walkThroughPace : 1)
        let seconds = Int((DemoScript.length * pace).rounded())
        emit("\nThe agents are at work\(seconds > 0 ? " for about \(seconds) s (--pace 0 skips their pauses)" : "")…\n\n")
        // No cockpit runs the checks here: this process does, as the proposals arrive.
        let opened = try ManagedWorkspace.open(root: workspace.path, access: .longLived).workspace
        let checks = CheckThread.start(workspace: opened) { emit($0 + "\n") }
        let cast = try DemoCast.start(DemoScript.all, airlock: airlock, workspace: workspace, pace: pace, linger: 0, log: log)
        var lines = try DemoLog(log)
        lines.follow(cast)
        checks.stop(waiting: 60)
        try CheckRunner(workspace: opened).drain()
        emit("\n$ airlock agents\n")
        try DemoFiles.run(airlock, ["agents"], in: workspace)
        emit("\n$ airlock list\n")
        try DemoFiles.run(airlock, ["list"], in: workspace)
    }

    /// Where the agents' log is kept in the demo workspace: under `.git`, so it is no part
    /// of the tree the agents change.
    static let logPath = ".git/airlock-demo/agents.log"

    /// The pace of `--review`: a few seconds in all, quick enough to wait for and slow
    /// enough that the proposals arrive in the script's order (the review takes them in
    /// that order).
    static let walkThroughPace = 0.1

    /// How long live agents wait for the reviewer's outcome of their proposals: as long as
    /// the review lasts, since they are stopped when it ends.
    static let linger: Double = 3600

    static var hasTerminal: Bool {
        let tty = open("/dev/tty", O_RDWR)
        defer { if tty >= 0 { close(tty) } }
        return tty >= 0
    }

    // MARK: - The screen

    /// The cockpit on the demo workspace, on a thread of its own: its loop waits for keys,
    /// and the work it hands to Swift's task pool must never wait behind it.
    static func openCockpit(workspace: URL) async throws {
        let options = try CockpitOptions.parse(["--workspace", workspace.path])
        try await withCheckedThrowingContinuation { (finished: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    try CockpitSession(options: options, watching: false).run()
                    finished.resume()
                } catch {
                    finished.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    private static func reviewHere(workspace: URL) async throws {
        guard FileManager.default.changeCurrentDirectoryPath(workspace.path) else {
            throw CommandFailure.fail("cannot change to the demo workspace \(workspace.path)", code: 1)
        }
        let session = try ReviewCommand.parse(["--workspace", workspace.path])
        try await session.run()
    }
}
