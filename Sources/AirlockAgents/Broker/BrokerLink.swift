import AirlockCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A client's connection to a broker: requests are written whole under a lock, and a
/// thread reads the answers and hands each to the call waiting for its id, so any number
/// of calls share the connection.
final class BrokerLink: Sendable {
    let path: String
    let hello: BrokerHello
    private let fd: Int32
    private let state = Mutex(State())
    /// Held while writing a request and while closing the socket.
    private let writing = Mutex(())

    typealias Delivery = @Sendable (Result<Data, BrokerError>) -> Void

    private struct State {
        var nextID: Int64 = 1
        var pending: [Int64: Delivery] = [:]
        /// Why the connection is over, once it is.
        var ended: BrokerError?
        var fdClosed = false
        /// An error the broker sent under no id (before it closed the connection).
        var unaddressed: BrokerError?
    }

    /// Connects and reads the broker's hello.
    init(path: String, helloTimeout: Int = 10) throws {
        self.path = path
        fd = try UnixSocket.connect(to: path)
        UnixSocket.setTimeout(fd, SO_RCVTIMEO, seconds: helloTimeout)
        var reader = LineReader(fd: fd, maxLineBytes: 64 << 10)
        do {
            guard case .line(let line) = reader.next() else {
                throw BrokerError(.disconnected, "the broker at \(VisibleText.escape(path)) did not greet (closed, or silent for \(helloTimeout) s)")
            }
            if case .success(let refusal) = Result(catching: { try JSONDecoder().decode(BrokerResponse.Answer<BrokerResponse.Empty>.self, from: line) }),
                let error = refusal.error
            {
                throw error
            }
            guard let hello = try? JSONDecoder().decode(BrokerHello.self, from: line), hello.airlock == "broker" else {
                throw BrokerError(.disconnected, "\(VisibleText.escape(path)) is not an Airlock broker")
            }
            guard hello.protocol == BrokerProtocol.version else {
                throw BrokerError(.disconnected, "the broker at \(VisibleText.escape(path)) speaks protocol \(hello.protocol); this airlock speaks \(BrokerProtocol.version)")
            }
            self.hello = hello
        } catch {
            Glibc.close(fd)
            throw error
        }
        UnixSocket.setTimeout(fd, SO_RCVTIMEO, seconds: 0)
        let answers = LineReader(fd: fd, maxLineBytes: BrokerProtocol.maxLineBytes * 4, carrying: reader)
        let thread = Thread { [self] in read(answers) }
        thread.name = "airlock broker link"
        thread.start()
    }

    /// Sends `call` and hands its answer line (or why there is none) to `deliver`; the
    /// request's id is returned, for a cancel.
    @discardableResult
    func send(_ call: BrokerRequest.Call, deliver: @escaping Delivery) -> Int64 {
        let registered = state.withLock { state -> Result<Int64, BrokerError> in
            if let ended = state.ended { return .failure(ended) }
            let id = state.nextID
            state.nextID += 1
            state.pending[id] = deliver
            return .success(id)
        }
        guard case .success(let id) = registered else {
            if case .failure(let error) = registered { deliver(.failure(error)) }
            return 0
        }
        let line: Data
        do {
            var encoded = try BrokerResponse.encoder.encode(BrokerRequest(id: id, call: call))
            encoded.append(UInt8(ascii: "\n"))
            line = encoded
        } catch {
            take(id)?(.failure(BrokerError(.invalid, "cannot encode the request: \(error)")))
            return id
        }
        let sent = writing.withLock { _ in
            !state.withLock { $0.fdClosed } && UnixSocket.writeAll(fd, line)
        }
        // The broker is gone or hung up (perhaps saying why, as after an over-long line):
        // the reader sees the end and fails this call with the broker's last word.
        if !sent { close() }
        return id
    }

    /// Asks the broker to end request `id` early; its answer is then a `cancelled` error.
    func cancel(_ id: Int64) {
        send(.cancel(id)) { _ in }
    }

    /// Ends the connection; calls in flight fail.
    func close() {
        state.withLock { state in
            if !state.fdClosed { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    // MARK: - answers

    private func read(_ answers: LineReader) {
        var reader = answers
        reading: while true {
            switch reader.next() {
            case .line(let line):
                deliver(line)
            case .tooLong, .end:
                break reading
            }
        }
        writing.withLock { _ in
            state.withLock { $0.fdClosed = true }
            _ = Glibc.close(fd)
        }
        let error = ended()
        let waiting = state.withLock { state in
            state.ended = error
            defer { state.pending = [:] }
            return Array(state.pending.values)
        }
        for delivery in waiting { delivery(.failure(error)) }
    }

    private func deliver(_ line: Data) {
        let id: Int64?
        if let leading = BrokerResponse.leadingID(line) {
            id = leading
        } else {
            id = (try? JSONDecoder().decode(BrokerResponse.Head.self, from: line))?.id
        }
        guard let id else {
            let error = (try? JSONDecoder().decode(BrokerResponse.Answer<BrokerResponse.Empty>.self, from: line))?.error
            state.withLock { $0.unaddressed = error ?? $0.unaddressed }
            return
        }
        take(id)?(.success(line))
    }

    private func take(_ id: Int64) -> Delivery? {
        state.withLock { $0.pending.removeValue(forKey: id) }
    }

    /// Why calls on this connection fail now that it is over.
    private func ended() -> BrokerError {
        state.withLock { state in
            if let ended = state.ended { return ended }
            let why = state.unaddressed.map { ": \($0.message)" } ?? ""
            return BrokerError(.disconnected, "the broker at \(VisibleText.escape(path)) closed the connection\(why)")
        }
    }
}
