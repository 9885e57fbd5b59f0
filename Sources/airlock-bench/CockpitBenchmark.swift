import AirlockCore
import Foundation

/// `airlock-bench cockpit` (also run by `tui`): the real `airlock cockpit`, built beside
/// this binary, on a 200×60 xterm-256color pseudo-terminal in a workspace of 10,000
/// proposals, the last of which holds a 100,000-line diff: its first frame, its answer
/// to keys while 32 agents report their status, the bytes it writes per key on that diff
/// side by side with `tig show` of the same change, and its peak memory.
struct CockpitBenchmark {
    var proposals = 10_000
    var lines = 100_000
    var firstFrames = 5
    var reporters = 32
    var reportsPerSecond = 10.0
    var queuePresses = 120
    var presses = 100
    var size = PtyBytes.Size(columns: 200, rows: 60)

    func run() throws {
        let airlock = StoreBenchmark().airlock
        guard FileManager.default.isExecutableFile(atPath: airlock.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(airlock.path) is missing: build the airlock product too"])
        }
        // AIRLOCK_BENCH_KEEP=DIR keeps the workspace in DIR/cockpit and reuses it when seeded.
        let kept = ProcessInfo.processInfo.environment["AIRLOCK_BENCH_KEEP"]
        let root = kept.map { URL(fileURLWithPath: $0).appendingPathComponent("cockpit") }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-cockpit-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(at: root) } }
        print("airlock-bench cockpit: \(airlock.path) on a \(size.columns)x\(size.rows) pseudo-terminal, TERM=xterm-256color, LANG=C.UTF-8, in \(root.path)")

        let workspace = root.appendingPathComponent("workspace")
        let seeded = workspace.appendingPathComponent(".airlock/seeded")
        if FileManager.default.fileExists(atPath: seeded.path) {
            print("  reusing the seeded workspace")
        } else {
            try? FileManager.default.removeItem(at: workspace)
            let seeding = try Measurement.time { try seed(workspace) }
            _ = FileManager.default.createFile(atPath: seeded.path, contents: nil)
            print(String(format: "  %d proposals submitted through AirlockStore.submit in %.1f s, #%d holding the %@-line diff", proposals, seeding, proposals, lines.formatted()))
        }
        try? FileManager.default.removeItem(at: root.appendingPathComponent("repo"))
        let peer = TerminalBytesBenchmark(lines: lines, presses: presses, size: size)
        let repository = root.appendingPathComponent("repo")
        try peer.makeRepository(at: repository)
        let command = [airlock.path, "cockpit"]
        let environment = peer.environment(home: root).merging(["USER": NSUserName(), "LOGNAME": NSUserName()]) { _, new in new }
        var rows: [String] = []

        // First frame.
        let frames = try (0..<firstFrames).map { _ in try firstFrame(command, environment: environment, directory: workspace.path) }
        let firstByte = Measurement(samples: frames.map(\.first))
        let queueShown = Measurement(samples: frames.map(\.queue)), quiet = Measurement(samples: frames.map(\.quiet))
        rows.append(Self.row("first frame, \(proposals.formatted()) proposals: start → queue on screen (median of \(firstFrames))",
                             String(format: "%.1f ms (max %.1f)", queueShown.median, queueShown.samples.max() ?? 0), queueShown.median < 100, "< 100 ms"))
        rows.append(Self.row("  the same: start → last byte before 30 ms of silence (#1's diff drawn too)",
                             String(format: "%.1f ms (max %.1f)", quiet.median, quiet.samples.max() ?? 0), nil, "—"))
        rows.append(Self.row("  the same: start → first byte (the frame drawn before the queue is read)",
                             String(format: "%.1f ms (max %.1f)", firstByte.median, firstByte.samples.max() ?? 0), nil, "—"))
        let service = LocalReviewService(workspace: try ManagedWorkspace.open(root: workspace.path, access: .observer).workspace).blocking
        let reading = Measurement(samples: try (0..<5).map { _ in try Measurement.time { _ = try service.proposals(.all) } })
        rows.append(Self.row("  of which: the queue's read, service.proposals(.all), in this process (median of 5)",
                             String(format: "%.1f ms", reading.median * 1000), nil, "—"))

        // Keys under load, then the diff, in one cockpit.
        let terminal = try PtyBytes.Terminal(size: size)
        let cockpit = try terminal.spawn(command, environment: environment, directory: workspace.path)
        defer { cockpit.stop() }
        guard terminal.receive(until: Self.queueTitle(proposals), since: monotonicMicroseconds(), limit: 10).found != nil else {
            throw PtyBytesError(description: "the cockpit never showed its queue")
        }
        _ = terminal.drain(quiet: PtyBytes.settle, since: monotonicMicroseconds(), limit: 10)
        rows += try keysUnderLoad(terminal, cockpit: cockpit, workspace: workspace.path)
        rows += try diffBytes(terminal, cockpit: cockpit, peer: peer, repository: repository, home: root)
        guard cockpit.isRunning else { throw PtyBytesError(description: "the cockpit exited during the measurement") }

        print("")
        for row in rows { print(row) }
    }

    // MARK: - rows

    /// Starts the cockpit and times, from just before the spawn, the read that completes
    /// the queue's title with every proposal counted (`Queue · 10000 waiting`: the queue
    /// was read and that frame written), and the last byte before the program falls
    /// silent for 30 ms.
    private func firstFrame(_ command: [String], environment: [String: String], directory: String) throws -> (first: Double, queue: Double, quiet: Double) {
        let terminal = try PtyBytes.Terminal(size: size)
        let start = monotonicMicroseconds()
        let program = try terminal.spawn(command, environment: environment, directory: directory)
        defer { program.stop() }
        let shown = terminal.receive(until: Self.queueTitle(proposals), since: start, limit: 10)
        guard let queue = shown.found else { throw PtyBytesError(description: "the cockpit never showed its queue") }
        let rest = terminal.drain(quiet: PtyBytes.quiet, since: start, limit: 10)
        return (shown.first ?? queue, queue, rest.last ?? queue)
    }

    /// `j`/`k` and PgDn/PgUp in the queue while the agents report: each press is timed to
    /// the read that brings the queue's cursor mark (▶) to its new row, since the live
    /// activity pane keeps the screen from ever falling silent.
    private func keysUnderLoad(_ terminal: PtyBytes.Terminal, cockpit: PtyBytes.Program, workspace: String) throws -> [String] {
        let marker = Array("▶".utf8)
        var idle: [Double] = [], moves: [Double] = [], pages: [Double] = [], missed = 0
        for press in 0..<queuePresses / 2 {
            if let delay = try answer(to: press % 30 < 15 ? "j" : "k", terminal, marker: marker) { idle.append(delay) } else { missed += 1 }
        }
        let load = StatusReporters(agents: reporters, perSecond: reportsPerSecond)
        try load.start(workspace: workspace)
        let loadStarted = monotonicMicroseconds()
        let (cockpitBefore, benchBefore) = (cockpit.processorSeconds ?? 0, ownProcessorSeconds())
        terminal.discard(for: 1)
        for press in 0..<queuePresses {
            // Down 15 rows, up 15, and again: the mark moves on every press.
            let key = press % 30 < 15 ? "j" : "k"
            if let delay = try answer(to: key, terminal, marker: marker) { moves.append(delay) } else { missed += 1 }
        }
        for press in 0..<queuePresses / 2 {
            let key = press % 2 == 0 ? "\u{1b}[6~" : "\u{1b}[5~"
            if let delay = try answer(to: key, terminal, marker: marker) { pages.append(delay) } else { missed += 1 }
        }
        let (reported, failed) = load.stop()
        let loaded = Double(monotonicMicroseconds() - loadStarted) / 1e6
        let rate = Double(reported) / loaded
        let cockpitShare = ((cockpit.processorSeconds ?? 0) - cockpitBefore) / loaded
        let reportersShare = (ownProcessorSeconds() - benchBefore) / loaded
        let service = LocalReviewService(workspace: try ManagedWorkspace.open(root: workspace, access: .observer).workspace).blocking
        let agents = Measurement(samples: try (0..<20).map { _ in try Measurement.time { _ = try service.agents() } })
        let loadNote = "\(reporters) agents × \(Int(reportsPerSecond))/s"
        var rows = [
            Self.keyRow("key → screen, j/k in the queue, \(proposals.formatted()) proposals, no agent reporting", idle),
            Self.keyRow("key → screen, j/k in the queue, \(proposals.formatted()) proposals, \(loadNote)", moves),
            Self.keyRow("key → screen, PgDn/PgUp in the queue, the same load", pages),
            Self.row("  the same: status reports recorded meanwhile (failed)", String(format: "%.0f/s (%d)", rate, failed),
                     failed == 0 && rate >= Double(reporters) * reportsPerSecond * 0.9, "≥ \(Int(Double(reporters) * reportsPerSecond * 0.9))/s, none failed"),
            Self.row("  the same: processor time, the cockpit / the reporting agents (this process)",
                     String(format: "%.0f%% / %.0f%% of a core", cockpitShare * 100, reportersShare * 100), nil, "—"),
            Self.row("  the same: the re-read of the agents each report causes, service.agents(), in this process",
                     String(format: "%.1f ms", agents.median * 1000), nil, "—"),
        ]
        if missed > 0 { rows.append(Self.row("  presses whose mark never came (within 2 s)", "\(missed)", false, "none")) }
        return rows
    }

    /// Types `key` and waits for `marker`; afterwards lets the answer finish (the
    /// selected proposal is read and drawn) before the next key.
    private func answer(to key: String, _ terminal: PtyBytes.Terminal, marker: [UInt8]) throws -> Double? {
        let pressed = monotonicMicroseconds()
        try terminal.type(Array(key.utf8))
        let delay = terminal.receive(until: marker, since: pressed, limit: 2).found
        terminal.discard(for: 0.040)
        return delay
    }

    /// Opens the 100,000-line proposal (G, Enter) and counts the bytes of the same keys
    /// in the cockpit's diff and in `tig show` of the same change.
    private func diffBytes(_ terminal: PtyBytes.Terminal, cockpit: PtyBytes.Program, peer: TerminalBytesBenchmark, repository: URL, home: URL) throws -> [String] {
        let opening = monotonicMicroseconds()
        var still = 0.0
        // Opened and zoomed (z): the diff has the whole width, as tig's view has.
        for key in ["G", "\r", "z"] {
            try terminal.type(Array(key.utf8))
            still = terminal.drain(quiet: 1, since: opening, limit: 60).last ?? still
        }
        let ours = try diffKeys.map { try PtyBytes.press($0, on: terminal) }
        var rows = [Self.row("open #\(proposals) (G, Enter, z): until the screen is still", String(format: "%.0f ms", still), nil, "—")]
        if let peak = cockpit.peakResident {
            rows.append(Self.row("peak memory (VmHWM), \(proposals.formatted()) proposals, the \(lines.formatted())-line diff open and scrolled",
                                 String(format: "%.1f MB", Double(peak) / 1e6), Double(peak) < 100e6, "< 100 MB"))
        }
        guard let tig = TerminalBytesBenchmark.executable(named: "tig") else {
            for row in ours { rows.append(Self.row("cockpit bytes, \(row.label)", "\(row.medianBytes) (p99 \(row.p99Bytes))", nil, "tig not installed")) }
            return rows
        }
        let theirs = try PtyBytes.measure(command: [tig, "show", "HEAD"], environment: peer.environment(home: home), size: size, keys: tigKeys, directory: repository.path)
        let tigBytes = Dictionary(theirs.map { ($0.label, $0.medianBytes) }, uniquingKeysWith: { first, _ in first })
        rows.append("")
        rows.append(TerminalBytesBenchmark.heading)
        for row in ours { rows.append(TerminalBytesBenchmark.line("airlock", row)) }
        for row in theirs { rows.append(TerminalBytesBenchmark.line("tig", row)) }
        rows.append("")
        let comparisons: [(String, String, [String], Double)] = [
            ("cursor down a line (j)", "cursor down (j)", ["cursor down (j)"], 1),
            ("scroll a line (j on the last row)", "j on the last row", ["j on the last row", "scroll a line (C-e)"], 0.25),
            ("a page (PgDn)", "page (PgDn)", ["page (PgDn)"], 1),
        ]
        for (name, label, peers, limit) in comparisons {
            guard let mine = ours.first(where: { $0.label == label })?.medianBytes else { continue }
            for peerLabel in peers {
                guard let other = tigBytes[peerLabel], other > 0 else { continue }
                let ratio = Double(mine) / Double(other)
                rows.append(Self.row("bytes per key, \(name): airlock / tig \(peerLabel)", String(format: "%d / %d = %.2f", mine, other, ratio),
                                     ratio <= limit, limit < 1 ? "≤ 0.25 of tig" : "≤ tig"))
            }
        }
        return rows
    }

    /// The cockpit's diff: the cursor moves until the pane's last row, then the view
    /// scrolls a line per `j`.
    private var diffKeys: [PtyBytes.KeyPress] {
        [
            .init("cursor down (j)", "j", presses: 20),
            .init("j on the last row", "j", presses: presses, setup: Array(repeating: Array("j".utf8), count: size.rows)),
            .init("page (PgDn)", "\u{1b}[6~", presses: presses),
        ]
    }

    /// tig's keys for the same rows; it scrolls a line with C-e as well.
    private var tigKeys: [PtyBytes.KeyPress] {
        [
            .init("cursor down (j)", "j", presses: 20),
            .init("scroll a line (C-e)", "\u{05}", presses: presses),
            .init("j on the last row", "j", presses: presses, setup: Array(repeating: Array("j".utf8), count: size.rows)),
            .init("page (PgDn)", "\u{1b}[6~", presses: presses),
        ]
    }

    // MARK: - the workspace

    /// 9,999 proposals of about 2 KB, then one creating `generated.swift` with the text
    /// tig's repository commits.
    private func seed(_ directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let workspace = try ManagedWorkspace.initialize(at: directory.path)
        try StoreCorpus.submitProposals(proposals - 1, to: workspace.store)
        _ = try StoreCorpus.submitCreation(
            of: "generated.swift", text: TerminalBytesBenchmark.generatedText(lines: lines), agent: "generator",
            title: "Add a \(lines.formatted())-line generated file", to: workspace.store)
    }

    static func queueTitle(_ count: Int) -> [UInt8] { Array("\(count) waiting".utf8) }

    // MARK: - table

    static func keyRow(_ name: String, _ delays: [Double]) -> String {
        guard let median = Percentile.of(delays, 50), let p99 = Percentile.of(delays, 99) else { return row(name, "no answers", false, "") }
        return row(name, String(format: "median %.1f, p99 %.1f ms (%d)", median, p99, delays.count), median < 10 && p99 < 30, "median < 10 ms, p99 < 30 ms")
    }

    /// `name  value  target …: met` — or MISSED, or no verdict where there is no target.
    static func row(_ name: String, _ value: String, _ met: Bool?, _ target: String) -> String {
        let verdict = met.map { $0 ? ": met" : ": MISSED" } ?? ""
        return "\(name.padding(toLength: 96, withPad: " ", startingAt: 0)) \(value.padding(toLength: 30, withPad: " ", startingAt: 0)) target \(target)\(verdict)"
    }
}
