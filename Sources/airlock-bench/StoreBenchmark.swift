import AirlockCore
import Foundation

/// `airlock-bench store`: how fast 16 agent processes can submit, and how quickly
/// `airlock audit --follow` delivers their events, and how quickly `airlock list`,
/// `airlock show` and `airlock audit --verify` answer on a store holding 10,000 proposals
/// and 1,000,000 audit entries, each as the real release binary.
struct StoreBenchmark {
    var workers = 16
    var proposalsPerWorker = 100
    var invocationsPerWorker = 20
    var proposals = 10_000
    var auditEntries = 1_000_000
    var runs = 20
    var followers = 8
    var delayCommits = 200
    var delaySpacingMicroseconds: useconds_t = 20_000

    /// The `airlock` binary built beside this one.
    var airlock: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent().appendingPathComponent("airlock")
    }

    func run() throws {
        guard FileManager.default.isExecutableFile(atPath: airlock.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(airlock.path) is missing: build the airlock product too"])
        }
        // AIRLOCK_BENCH_KEEP=DIR keeps the stores there and reuses a filled large store.
        let kept = ProcessInfo.processInfo.environment["AIRLOCK_BENCH_KEEP"]
        let root = kept.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-store-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: root) } }
        print("airlock-bench store: in \(root.path)")

        var rows: [String] = []
        for git in [false, true] {
            let kind = git ? "git work tree" : "plain directory"
            let stored = try storeThroughput(root.appendingPathComponent("throughput-\(git)"), git: git)
            rows.append(Self.row("submissions/s, 16 processes, ManagedWorkspace.propose (\(kind))", String(format: "%.0f/s", stored), "≥ 500/s"))
            let invoked = try processThroughput(root.appendingPathComponent("processes-\(git)"), git: git)
            rows.append(Self.row("submissions/s, 16 shell loops of `airlock propose` (\(kind))", String(format: "%.0f/s", invoked), "none: a process per proposal"))
        }

        // The targets: every follower keeps up with submissions at their own target, 500/s
        // of 4 entries each (submitted, checking, the check, ready).
        let delivery = try followedDelivery(root.appendingPathComponent("followed"))
        rows.append(Self.row(
            "events/s to \(followers) `airlock audit --follow` while \(workers) processes propose",
            String(format: "%.0f/s (%d in %.2f s)", Double(delivery.events) / delivery.seconds, delivery.events, delivery.seconds),
            "≥ \(followers * 2_000)/s — nothing lost"))
        let rates = Measurement(samples: delivery.perFollower)
        rows.append(Self.row(
            "  the same, per follower: slowest / median",
            String(format: "%.0f / %.0f/s", rates.samples.min() ?? 0, rates.median), "≥ 2000/s — nothing lost"))
        rows.append(Self.row(
            "  the same: submissions/s meanwhile; last line after the last commit",
            String(format: "%.0f/s; %.1f ms", delivery.submissions, delivery.lag * 1000), "—"))
        rows.append(Self.row(
            "  the same: CPU time of the \(followers) followers / of the \(workers) submitters",
            String(format: "%.2f s / %.2f s", delivery.followerCPU, delivery.workerCPU), "—"))
        let delays = try followDelays(root.appendingPathComponent("delay"))
        rows.append(Self.row(
            "commit → `airlock audit --follow` line, \(delayCommits) proposals, median / p95 / max",
            String(format: "%.1f / %.1f / %.1f ms", delays.median * 1000, delays.percentile(95) * 1000, (delays.samples.max() ?? 0) * 1000),
            "median < 50 ms"))

        let large = root.appendingPathComponent("large")
        try fillLargeStore(large)
        for arguments in [["list"], ["list", "--json"], ["list", "--state", "approved"], ["show", "\(proposals / 2)"], ["show", "\(proposals / 2)", "--json"]] {
            let times = try (0..<runs).map { _ in try timeProcess([airlock.path] + arguments, in: large) }
            let measured = Measurement(samples: times)
            rows.append(Self.row("airlock \(arguments.joined(separator: " ")), median / p95", String(format: "%.1f / %.1f ms", measured.median * 1000, measured.percentile(95) * 1000), "< 20 ms"))
        }
        let verify = Measurement(samples: try (0..<3).map { _ in try timeProcess([airlock.path, "audit", "--verify"], in: large) })
        rows.append(Self.row("airlock audit --verify (\(auditEntries) entries)", String(format: "%.0f entries/s (%.2f s)", Double(auditEntries) / verify.median, verify.median), "≥ 200,000/s"))

        print("")
        for row in rows { print(row) }
    }

    static func row(_ name: String, _ value: String, _ target: String) -> String {
        "\(name.padding(toLength: 74, withPad: " ", startingAt: 0)) \(value.padding(toLength: 28, withPad: " ", startingAt: 0)) target \(target)"
    }

    // MARK: - submissions

    func workspace(_ root: URL, git: Bool) throws -> ManagedWorkspace {
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if git {
            try Data("# benchmark\n".utf8).write(to: root.appendingPathComponent("README.md"))
            for command in [["git", "init", "-q"], ["git", "add", "."], ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qm", "base"]] {
                guard try runQuietly(command, in: root) == 0 else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "\(command) failed"]) }
            }
        }
        return try ManagedWorkspace.initialize(at: root.path)
    }

    /// Workers calling `ManagedWorkspace.propose` in a loop, timed from the first start to
    /// the last finish as the workers report them (process start-up is not counted).
    private func storeThroughput(_ root: URL, git: Bool) throws -> Double {
        let workspace = try workspace(root, git: git)
        let spans = try runWorkers(in: root, go: root.deletingLastPathComponent().appendingPathComponent("go-\(git)"))
        let total = workers * proposalsPerWorker
        guard try workspace.store.proposals().count == total else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "proposals were lost"]) }
        let seconds = Double((spans.map(\.finished).max() ?? 0) - (spans.map(\.started).min() ?? 0)) / 1e6
        return Double(total) / seconds
    }

    /// Starts the workers, lets them open the workspace, starts them together by creating
    /// `go`, and returns when each started and finished submitting (`monotonicMicroseconds`).
    func runWorkers(in root: URL, go: URL) throws -> [(started: Int64, finished: Int64)] {
        try? FileManager.default.removeItem(at: go)
        let bench = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var running: [(Process, Pipe)] = []
        for index in 0..<workers {
            let process = Process()
            process.executableURL = bench
            process.arguments = [StoreWorker.command, root.path, "\(index)", "\(proposalsPerWorker)", go.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            running.append((process, output))
        }
        usleep(500_000)
        _ = FileManager.default.createFile(atPath: go.path, contents: nil)
        var spans: [(started: Int64, finished: Int64)] = []
        for (process, output) in running {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let fields = text.split(whereSeparator: \.isWhitespace).compactMap { Int64($0) }
            guard process.terminationStatus == 0, fields.count == 2 else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "a worker failed"]) }
            spans.append((fields[0], fields[1]))
        }
        return spans
    }

    /// Each worker is a shell loop running `airlock propose` once per proposal: start-up,
    /// opening the store and the submission, as an agent's CLI call costs.
    private func processThroughput(_ root: URL, git: Bool) throws -> Double {
        let workspace = try workspace(root, git: git)
        let patches = root.deletingLastPathComponent().appendingPathComponent("patches-\(git)")
        try FileManager.default.createDirectory(at: patches, withIntermediateDirectories: true)
        for worker in 0..<workers {
            for n in 0..<invocationsPerWorker {
                try Data(StoreCorpus.creation("worker\(worker)/file\(n).txt", lines: 3)).write(to: patches.appendingPathComponent("\(worker)-\(n).patch"))
            }
        }
        let seconds = try Measurement.time {
            var running: [Process] = []
            for worker in 0..<workers {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "i=0; while [ $i -lt \(invocationsPerWorker) ]; do \"$0\" propose --agent agent-\(worker) \"$1/\(worker)-$i.patch\" >/dev/null || exit 1; i=$((i+1)); done", airlock.path, patches.path]
                process.currentDirectoryURL = root
                try process.run()
                running.append(process)
            }
            for process in running {
                process.waitUntilExit()
                guard process.terminationStatus == 0 else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "airlock propose failed"]) }
            }
        }
        let total = workers * invocationsPerWorker
        guard try workspace.store.proposals().count == total else { throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "proposals were lost"]) }
        return Double(total) / seconds
    }

    // MARK: - the large store

    private func fillLargeStore(_ root: URL) throws {
        let marker = root.appendingPathComponent(".airlock/filled")
        if FileManager.default.fileExists(atPath: marker.path) {
            print("  reusing the filled store in \(root.path)")
            return
        }
        let workspace = try self.workspace(root, git: false)
        let submitting = try Measurement.time { try StoreCorpus.submitProposals(proposals, to: workspace.store) }
        print(String(format: "  %d proposals submitted through AirlockStore.submit in %.1f s", proposals, submitting))
        let appending = try Measurement.time {
            try StoreCorpus.appendAuditEntries(upTo: auditEntries, proposals: proposals, path: workspace.store.path)
        }
        print(String(format: "  audit log appended to %d entries in %.1f s", auditEntries, appending))
        guard case .intact(let count, _) = try workspace.store.verifyAudit(), count == auditEntries else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "the filled audit log does not verify"])
        }
        _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
    }

    /// Runs `airlock ARGUMENTS --workspace DIRECTORY` with its output discarded and
    /// returns its wall-clock time.
    private func timeProcess(_ arguments: [String], in directory: URL) throws -> Double {
        let command = arguments + ["--workspace", directory.path]
        var outcome: ProcessOutcome?
        let seconds = try Measurement.time {
            outcome = try SystemProcessRunner().run(ProcessCommand(
                command[0], Array(command.dropFirst()), standardOutput: .discard, standardError: .discard))
        }
        guard let outcome, outcome.succeeded else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "\(command) ended with \(outcome?.termination.description ?? "no outcome")"])
        }
        return seconds
    }
}

extension Measurement {
    /// The sample at or below which `percent` of the samples lie (nearest rank).
    func percentile(_ percent: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
