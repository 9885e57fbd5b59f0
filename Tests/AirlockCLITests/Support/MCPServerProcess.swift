import AirlockAgents
import Foundation

/// A running `airlock mcp`, spoken to over its stdin and stdout as an MCP client does:
/// one JSON-RPC message a line.
final class MCPServerProcess {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors: URL
    private var buffered: [UInt8] = []
    private var nextID = 1

    init(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws {
        errors = try CLIHarness.temporaryDirectory().appendingPathComponent("stderr")
        try Data().write(to: errors)
        process.executableURL = CLIHarness.executable
        process.arguments = ["mcp"] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["AIRLOCK_AGENT"] = nil
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    var stderr: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Closes the server's stdin, as a client that is done does.
    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// The next message the server wrote; nil after `seconds` without one.
    func receive(within seconds: Double = 20) -> JSONValue? {
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(buffered[..<newline])
                buffered.removeSubrange(...newline)
                return try? JSONValue(json: line)
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000)) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            buffered += chunk[0..<count]
        }
    }

    /// Sends a request and returns its answer.
    @discardableResult
    func request(_ method: String, _ params: String = "{}") -> JSONValue? {
        let id = nextID
        nextID += 1
        send(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#)
        return receive()
    }

    /// `initialize` and the `initialized` notification, as `client`.
    @discardableResult
    func initialize(client: String = "test-client") -> JSONValue? {
        let answer = request("initialize", #"{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"\#(client)","version":"1.0"}}"#)
        send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        return answer
    }

    /// A tool call's result.
    func call(_ tool: String, _ arguments: String) -> JSONValue? {
        request("tools/call", #"{"name":"\#(tool)","arguments":\#(arguments)}"#)?["result"]
    }

    /// Waits for the process to end; its status, or nil after `seconds`.
    func waitForExit(seconds: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }
}
