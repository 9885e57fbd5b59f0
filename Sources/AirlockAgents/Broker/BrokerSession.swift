import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One client connected to a broker. Its requests are read on a thread of its own, each
/// answered from a task of its own (so a wait holds up nothing behind it), and the answers
/// written in the order they are ready, one whole line at a time.
final class BrokerSession: Sendable {
    private let fd: Int32
    private let calls: BrokerCalls
    private let maxLineBytes: Int
    /// Held while a line is written, and to close the socket: lines never interleave.
    private let writing = Mutex(())
    private let state = Mutex(State())
    /// How many calls one connection may have running at once (each wait polls the store).
    static let maxInFlight = 64
    /// Tells the server this session is over.
    private let ended: @Sendable (BrokerSession) -> Void

    private struct State {
        /// The calls in flight, by request id.
        var tasks: [Int64: Task<Void, Never>] = [:]
        /// The client is gone (or the broker stops): no request is read any more.
        var readerDone = false
        var closed = false
    }

    init(fd: Int32, calls: BrokerCalls, maxLineBytes: Int, ended: @escaping @Sendable (BrokerSession) -> Void) {
        self.fd = fd
        self.calls = calls
        self.maxLineBytes = maxLineBytes
        self.ended = ended
    }

    /// Greets the client and answers its requests until it goes away; on its own thread.
    func serve(hello: Data) {
        send(hello)
        var reader = LineReader(fd: fd, maxLineBytes: maxLineBytes)
        reading: while true {
            switch reader.next() {
            case .line(let line):
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
                switch BrokerRequest.decode(line) {
                case .failure(let refusal): send(BrokerResponse.error(refusal.id, refusal.error))
                case .success(let request): begin(request)
                }
            case .tooLong:
                send(BrokerResponse.error(nil, BrokerError(.malformed, "a line longer than \(maxLineBytes) bytes: closing the connection")))
                break reading
            case .end:
                break reading
            }
        }
        finishReading()
    }

    /// Ends the connection from the broker's side: the reader sees its end.
    func hangUp() {
        state.withLock { state in
            if !state.closed { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    // MARK: - requests

    private func begin(_ request: BrokerRequest) {
        if case .cancel(let target) = request.call {
            let task = state.withLock { $0.tasks[target] }
            task?.cancel()
            send((try? BrokerResponse.result(request.id, BrokerResponse.Empty())) ?? Data())
            return
        }
        let refusal = state.withLock { state -> BrokerError? in
            guard state.tasks[request.id] == nil else {
                return BrokerError(.malformed, "request \(request.id) is already in flight on this connection: use a new id")
            }
            guard state.tasks.count < Self.maxInFlight else {
                return BrokerError(.malformed, "\(Self.maxInFlight) calls are already in flight on this connection: wait for an answer, or open another connection")
            }
            // Made under the lock, so the task cannot finish before it is recorded.
            state.tasks[request.id] = Task(executorPreference: BrokerExecutor.shared) { [calls] in
                let answer = await calls.answer(request)
                self.finish(request.id, answer)
            }
            return nil
        }
        if let refusal { send(BrokerResponse.error(request.id, refusal)) }
    }

    private func finish(_ id: Int64, _ answer: Data) {
        send(answer)
        let last = state.withLock { state -> Bool in
            state.tasks[id] = nil
            return state.readerDone && state.tasks.isEmpty
        }
        if last { close() }
    }

    /// The client sent its last line or went away: its waits end; the connection closes
    /// once every call has answered (a client that only half-closed still hears them).
    private func finishReading() {
        let last = state.withLock { state -> Bool in
            state.readerDone = true
            for task in state.tasks.values { task.cancel() }
            return state.tasks.isEmpty
        }
        if last { close() }
    }

    // MARK: - writing

    /// Writes one whole line from the calling thread (the reader's, or a call's).
    private func send(_ line: Data) {
        let written = writing.withLock { _ in
            guard !state.withLock({ $0.closed }) else { return true }
            // A client that stops reading makes writes time out (SO_SNDTIMEO): it is dropped.
            return UnixSocket.writeAll(fd, line)
        }
        if !written { hangUp() }
    }

    private func close() {
        let closed = writing.withLock { _ in
            state.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.closed = true
                _ = Glibc.close(fd)
                return true
            }
        }
        if closed { ended(self) }
    }
}
