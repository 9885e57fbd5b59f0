import AirlockAgents
import AirlockCore
import Foundation

/// The broker's socket, as a sandboxed agent reaches Airlock: a status report and a small
/// proposal straight on the store, through the socket from this process, and from a client
/// process inside bubblewrap (the workspace hidden, only the socket's directory bound in),
/// both long-lived and as one `airlock status` process per report.
struct SocketChannelBenchmark {
    var airlock: String
    var runs = 200
    var proposals = 50
    var processes = 20

    func run() throws {
        print("socket broker (median of \(runs) reports, \(proposals) proposals)")
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-socket-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let root = base + "/workspace", run = base + "/run"
        for directory in [root, run] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        _ = chmod(run, 0o700)
        let service = LocalReviewService(workspace: try ManagedWorkspace.initialize(at: root))
        let socket = run + "/broker.sock"
        let server = BrokerServer(service: service, socketPath: socket, agent: "bench")
        try server.start()
        defer { server.stop() }
        let client = try BrokerClient(socketPath: socket).blocking

        let report = AgentStatusReport(agent: "bench", state: .working, activity: "benchmarking", channel: "bench")
        let storeStatus = try median(runs) { _ in try service.blocking.reportStatus(report) }
        let socketStatus = try median(runs) { _ in try client.reportStatus(report) }
        print(Self.row("status report, straight on the store", storeStatus))
        print(Self.row("status report through the socket", socketStatus, target: "\(Self.ms(socketStatus - storeStatus)) over the store; target < 1 ms over"))

        let storePropose = try median(proposals) { n in _ = try service.blocking.propose(Self.submission("store/\(n).txt")) }
        let socketPropose = try median(proposals) { n in _ = try client.propose(Self.submission("socket/\(n).txt")) }
        print(Self.row("3-line propose, straight on the store", storePropose))
        print(Self.row("3-line propose through the socket", socketPropose, target: "\(Self.ms(socketPropose - storePropose)) over the store; target < 1 ms over"))

        guard let sandboxed = try sandboxedClient(socket: socket, run: run, hidden: root) else {
            print("from inside bubblewrap: skipped, bubblewrap cannot start here")
            return
        }
        print(Self.row("status report from a client inside bubblewrap", sandboxed.status, target: "target < 1 ms"))
        print(Self.row("3-line propose from a client inside bubblewrap", sandboxed.propose))
        print(Self.row("`airlock status` process inside bubblewrap, per report", sandboxed.process, target: "target < 15 ms"))
    }

    /// Runs `SocketClientWorker` inside bubblewrap: the workspace (and its store) hidden,
    /// only the socket's directory bound in. Nil when bubblewrap cannot start.
    private func sandboxedClient(socket: String, run: String, hidden: String) throws -> SocketClientWorker.Figures? {
        let bench = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let sandbox = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", hidden, "--bind", run, run, "--unshare-all", "--die-with-parent", "--"]
        guard let probe = try? SystemProcessRunner().run(ProcessCommand("bwrap", sandbox + ["true"])), probe.succeeded else { return nil }
        let outcome = try SystemProcessRunner().run(ProcessCommand(
            "bwrap", sandbox + [bench, SocketClientWorker.command, socket, String(runs), String(proposals), String(processes), airlock]))
        guard outcome.succeeded else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "the client inside bubblewrap failed: \(String(decoding: outcome.standardError, as: UTF8.self))"])
        }
        return try JSONDecoder().decode(SocketClientWorker.Figures.self, from: Data(outcome.standardOutput))
    }

    private func median(_ count: Int, _ body: (Int) throws -> Void) throws -> Double {
        var measurement = Measurement()
        for n in 0..<count { measurement.samples.append(try Measurement.time { try body(n) }) }
        return measurement.median
    }

    static func submission(_ path: String) -> Submission {
        Submission(agent: "bench", patch: Array("--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,3 @@\n+one\n+two\n+three\n".utf8))
    }

    static func row(_ name: String, _ seconds: Double, target: String? = nil) -> String {
        "  \(name.padding(toLength: 60, withPad: " ", startingAt: 0)) \(String(format: "%8.2f ms", seconds * 1000))" + (target.map { "   (\($0))" } ?? "")
    }

    static func ms(_ seconds: Double) -> String { String(format: "%+.2f ms", seconds * 1000) }
}
