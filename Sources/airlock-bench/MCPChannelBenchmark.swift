import AirlockCore
import Foundation

/// `airlock-bench channels`, MCP rows: the round trip of `propose_patch` with a 200-line
/// patch against one long-lived `airlock mcp`, and 32 `airlock mcp` processes proposing
/// 50 distinct patches each at once. The bench speaks JSON-RPC over their stdin and
/// stdout itself, as an agent's MCP client does.
struct MCPChannelBenchmark {
    let airlock: String
    var roundTrips = 60
    var warmUp = 5
    var agents = 32
    var proposalsPerAgent = 50

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-mcp-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try roundTrip(in: root + "/round-trip")
        try concurrent(in: root + "/concurrent")
    }

    // MARK: - round trip

    private func roundTrip(in directory: String) throws {
        _ = try ManagedWorkspace.initialize(at: try Self.made(directory))
        let server = try MCPBenchServer(airlock: airlock, workspace: directory, agent: "bench")
        defer { server.close() }
        var latency = Measurement()
        for index in 0..<(warmUp + roundTrips) {
            let patch = Self.newFile("round/file-\(index).txt", lines: 200)
            let started = monotonicMicroseconds()
            let answer = try server.propose(patch)
            let elapsed = Double(monotonicMicroseconds() - started) / 1e6
            guard answer.contains(#""isError":false"#) else { throw Self.failure("propose_patch failed: \(answer.prefix(300))") }
            if index >= warmUp { latency.samples.append(elapsed) }
        }
        print(Self.row("MCP propose_patch round trip, 200-line patch (median of \(roundTrips))", seconds: latency.median) + "   (target < 20 ms)")
    }

    // MARK: - concurrent agents

    private func concurrent(in directory: String) throws {
        _ = try ManagedWorkspace.initialize(at: try Self.made(directory))
        let servers = try (0..<agents).map { try MCPBenchServer(airlock: airlock, workspace: directory, agent: String(format: "agent-%02d", $0)) }
        defer { for server in servers { server.close() } }
        let failures = Failures()
        let done = DispatchGroup()
        let started = monotonicMicroseconds()
        for (index, server) in servers.enumerated() {
            done.enter()
            Thread {
                defer { done.leave() }
                for number in 0..<proposalsPerAgent {
                    let patch = Self.newFile("agent-\(index)/file-\(number).txt", lines: 10)
                    do {
                        let answer = try server.propose(patch)
                        if !answer.contains(#""isError":false"#) { failures.add("agent \(index): \(answer.prefix(200))") }
                    } catch {
                        failures.add("agent \(index): \(error)")
                    }
                }
            }.start()
        }
        done.wait()
        let seconds = Double(monotonicMicroseconds() - started) / 1e6
        let stored = try ManagedWorkspace.open(root: directory).0.store.proposals().count
        let expected = agents * proposalsPerAgent
        print(Self.row("\(agents) MCP agents × \(proposalsPerAgent) distinct patches, all \(expected) proposed", seconds: seconds)
            + String(format: "   %.0f proposals/s (target ≥ 1,000/s)", Double(expected) / seconds))
        print("  stored: \(stored) of \(expected)\(stored == expected ? "" : "  LOST \(expected - stored)"); failed calls: \(failures.count)")
        if let first = failures.first { print("  first failure: \(first)") }
    }

    // MARK: - helpers

    /// A git diff creating `path` with `lines` lines.
    static func newFile(_ path: String, lines: Int) -> String {
        var text = "diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,\(lines) @@\n"
        for line in 1...lines { text += "+line \(line) of \(path): let value\(line) = compute(\(line)) // a typical line of code\n" }
        return text
    }

    static func made(_ directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static func row(_ name: String, seconds: Double) -> String {
        "\(name.padding(toLength: 72, withPad: " ", startingAt: 0)) \(String(format: "%9.1f ms", seconds * 1000))"
    }

    static func failure(_ message: String) -> CocoaError {
        CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: message])
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func add(_ message: String) { lock.withLock { messages.append(message) } }
        var count: Int { lock.withLock { messages.count } }
        var first: String? { lock.withLock { messages.first } }
    }
}

/// One `airlock mcp` process, initialised, answering one request at a time.
final class MCPBenchServer: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered: [UInt8] = []
    private var nextID = 1

    init(airlock: String, workspace: String, agent: String) throws {
        process.executableURL = URL(fileURLWithPath: airlock)
        process.arguments = ["mcp", "--workspace", workspace, "--agent", agent]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        _ = try request(#""method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"airlock-bench","version":"1"}}"#)
        try send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
    }

    /// `propose_patch` with `patch`; the answer's JSON text.
    func propose(_ patch: String) throws -> String {
        let text = String(decoding: try JSONEncoder().encode(patch), as: UTF8.self)
        return try request(#""method":"tools/call","params":{"name":"propose_patch","arguments":{"patch":\#(text)}}"#)
    }

    func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func request(_ body: String) throws -> String {
        let id = nextID
        nextID += 1
        try send(#"{"jsonrpc":"2.0","id":\#(id),\#(body)}"#)
        return try receive()
    }

    private func send(_ line: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    private func receive() throws -> String {
        let fd = output.fileHandleForReading.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw MCPChannelBenchmark.failure("airlock mcp closed its output") }
            buffered += chunk[0..<count]
        }
    }
}
