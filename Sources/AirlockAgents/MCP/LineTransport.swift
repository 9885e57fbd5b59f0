import Foundation
import Logging
import MCP
import Synchronization

/// MCP's stdio transport — one JSON-RPC message a line on two file descriptors — as
/// `airlock mcp` needs it. Unlike the library's `StdioTransport` it reads with blocking
/// calls on a thread of its own (no 10 ms polling, no `O_NONBLOCK` set on descriptors the
/// client shares), bounds a message's size, keeps tool arguments exactly as sent
/// (`ArgumentEnvelope`), and knows which requests still wait for an answer, so that a
/// client that closes its end after its last request still gets every answer.
public actor LineTransport: Transport {
    public nonisolated let logger = Logger(label: "airlock.mcp", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The longest message read by default; a longer one is answered with an error and skipped.
    public static let largestMessage = 64 << 20

    private let input: Int32
    private let limit: Int
    private let writer: LineWriter
    private let messages: AsyncThrowingStream<Data, any Error>
    private let incoming: AsyncThrowingStream<Data, any Error>.Continuation
    private var connected = false
    /// Requests read whose answer has not been written yet.
    private let unanswered = Unanswered()

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, largestMessage: Int = LineTransport.largestMessage) {
        self.input = input
        limit = largestMessage
        writer = LineWriter(fd: output)
        (messages, incoming) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    public func connect() async throws {
        guard !connected else { return }
        connected = true
        let (fd, limit, sink, writer, unanswered) = (input, limit, incoming, writer, unanswered)
        let thread = Thread {
            StdinLineReader(fd: fd, limit: limit).run { line in
                switch line {
                case .message(let data):
                    let message = ArgumentEnvelope.wrapping(data)
                    if let id = message.requestID { unanswered.insert(id) }
                    sink.yield(message.data)
                case .oversized(let prefix):
                    try? writer.write(Self.refusal(ofOversized: prefix, limit: limit))
                }
            }
            sink.finish()
        }
        thread.name = "airlock mcp stdin"
        thread.start()
    }

    public func disconnect() async {
        connected = false
        incoming.finish()
    }

    public func send(_ data: Data) async throws {
        if let id = ArgumentEnvelope.answeredID(data) { unanswered.remove(id) }
        try writer.write(data)
    }

    public func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }

    /// Waits until every request read has been answered, or `seconds` pass; at once
    /// when the transport was disconnected (the session was stopped, not just ended).
    public func drain(within seconds: Double) async {
        guard connected else { return }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !unanswered.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The error that answers a message over the size limit, for its id as found in its
    /// first bytes, where clients write it.
    private static func refusal(ofOversized prefix: Data, limit: Int) -> Data {
        let id = ArgumentEnvelope.leadingID(prefix) ?? "null"
        let message = "message over \(limit) bytes: refused unread"
        return Data(#"{"error":{"code":-32600,"message":"\#(message)"},"id":\#(id),"jsonrpc":"2.0"}"#.utf8)
    }
}

/// The ids (as JSON text) of requests read and not answered yet.
final class Unanswered: Sendable {
    private let ids = Mutex<Set<String>>([])

    func insert(_ id: String) { ids.withLock { _ = $0.insert(id) } }
    func remove(_ id: String) { ids.withLock { _ = $0.remove(id) } }
    var isEmpty: Bool { ids.withLock(\.isEmpty) }
}

/// Writes whole lines to a file descriptor, one writer at a time.
final class LineWriter: Sendable {
    private let fd: Int32
    private let lock = Mutex<Void>(())

    init(fd: Int32) {
        self.fd = fd
    }

    func write(_ message: Data) throws {
        var line = message
        line.append(UInt8(ascii: "\n"))
        try lock.withLock { _ in
            try line.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                guard let base = bytes.baseAddress else { return }
                var written = 0
                while written < bytes.count {
                    let result = Glibc.write(fd, base + written, bytes.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        if errno == EAGAIN {
                            usleep(1000)
                            continue
                        }
                        throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
                    }
                    written += result
                }
            }
        }
    }
}

/// Splits what a file descriptor delivers into lines, with blocking reads, until it ends.
struct StdinLineReader {
    enum Line {
        case message(Data)
        /// A line over the limit: its first bytes, the rest skipped.
        case oversized(Data)
    }

    let fd: Int32
    let limit: Int

    func run(_ deliver: (Line) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var pending = Data()
        var skipping = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            var chunk = buffer[0..<count]
            while let newline = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                if !skipping {
                    pending.append(contentsOf: chunk[chunk.startIndex..<newline])
                    if pending.count > limit {
                        deliver(.oversized(pending.prefix(4096)))
                    } else if pending.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                        deliver(.message(pending))
                    }
                }
                pending = Data()
                skipping = false
                chunk = chunk[(newline + 1)...]
            }
            if !skipping {
                pending.append(contentsOf: chunk)
                if pending.count > limit {
                    deliver(.oversized(pending.prefix(4096)))
                    pending = Data()
                    skipping = true
                }
            }
        }
    }
}
