import AirlockAgents
import AirlockCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An `AgentMCPServer` on a `LineTransport` over two pipes, and the client's ends of them:
/// the test writes JSON-RPC lines and reads the answers, as an MCP client does over stdio.
final class PipeClient: @unchecked Sendable {
    private let toServer: (read: Int32, write: Int32)
    private let fromServer: (read: Int32, write: Int32)
    private var buffered: [UInt8] = []
    private var writeOpen = true
    let finished: Task<Void, any Error>

    init(service: any AgentService, agent: String? = nil, largestMessage: Int = LineTransport.largestMessage) throws {
        // A server answering after the test closed its end must get EPIPE, not kill the tests.
        signal(SIGPIPE, SIG_IGN)
        var a: [Int32] = [0, 0], b: [Int32] = [0, 0]
        guard pipe(&a) == 0, pipe(&b) == 0 else { throw POSIXError(.EMFILE) }
        toServer = (a[0], a[1])
        fromServer = (b[0], b[1])
        let transport = LineTransport(input: toServer.read, output: fromServer.write, largestMessage: largestMessage)
        let server = AgentMCPServer(service: service, configuredAgent: agent, version: "test") { _ in }
        finished = Task { try await server.run(on: transport, drainSeconds: 10) }
    }

    deinit {
        if writeOpen { close(toServer.write) }
        close(fromServer.read)
    }

    func send(_ line: String) {
        var bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(toServer.write, $0.baseAddress! + written, $0.count - written) }
            if n <= 0 { return }
            written += n
        }
    }

    /// Closes the client's end of the server's stdin, as a client that is done does.
    func closeInput() {
        if writeOpen { close(toServer.write) }
        writeOpen = false
    }

    /// The next line the server wrote, parsed; nil after `seconds` without one. It blocks
    /// on a thread of its own, never one of the few the server's tasks run on.
    func receive(within seconds: Double = 300) async -> JSONValue? {
        await withCheckedContinuation { done in
            DispatchQueue.global().async { done.resume(returning: self.receiveBlocking(within: seconds)) }
        }
    }

    private func receiveBlocking(within seconds: Double) -> JSONValue? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(buffered[..<newline])
                buffered.removeSubrange(...newline)
                return try? JSONValue(json: line)
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var poller = pollfd(fd: fromServer.read, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000)) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(fromServer.read, $0.baseAddress, $0.count) }
            guard n > 0 else { return nil }
            buffered += chunk[0..<n]
        }
    }

    /// Sends a request and returns its answer's `result` (or the whole answer for an error).
    func request(_ id: Int, _ method: String, _ params: String = "{}") async -> JSONValue? {
        send(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#)
        guard case .object(let answer)? = await receive() else { return nil }
        return answer["result"] ?? .object(answer)
    }

    func initialize(client: String = "Test Client") async -> JSONValue? {
        let result = await request(0, "initialize", #"{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"\#(client)","version":"1.0"}}"#)
        send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        return result
    }
}
