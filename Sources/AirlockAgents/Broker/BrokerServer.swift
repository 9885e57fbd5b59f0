import AirlockCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Serves the agent-facing verbs of a review service (and nothing else) on a Unix socket,
/// for agents that cannot reach the store: a sandboxed agent, later one on another host.
/// The protocol is `BrokerProtocol`'s.
///
/// `start()` and `stop()` are plain calls, usable from a command with or without Swift's
/// concurrency: connections are served on threads of their own and each call in a task.
public final class BrokerServer: Sendable {
    public let socketPath: String
    /// The only agent this broker acts as, or nil for any.
    public let agent: String?
    private let calls: BrokerCalls
    private let maxLineBytes: Int
    private let maxConnections: Int
    private let state = Mutex(State())

    private struct State {
        var listener: Listener?
        var sessions: [ObjectIdentifier: BrokerSession] = [:]
        var stopped = false
    }

    /// The listening socket, and a pipe whose write end wakes its accepting thread to stop.
    private struct Listener: Sendable {
        var fd: Int32
        var wake: (read: Int32, write: Int32)
        var file: BrokerSocketFile
        var done: DispatchSemaphore
    }

    /// - Parameters:
    ///   - agent: bind the broker to this agent: every call acts as it, whatever the
    ///     request says (nil: any agent, as the command line allows).
    ///   - maxLineBytes: a longer request line is refused and its connection closed.
    ///   - maxConnections: connections past this many are turned away.
    public init(
        service: any AgentService, socketPath: String, agent: String?, maxLineBytes: Int = BrokerProtocol.maxLineBytes, maxConnections: Int = 512
    ) {
        self.socketPath = socketPath
        self.agent = agent
        calls = BrokerCalls(service: service, agent: agent)
        self.maxLineBytes = maxLineBytes
        self.maxConnections = maxConnections
    }

    /// Makes the socket (mode 0600, see `BrokerSocketFile`) and starts accepting clients.
    public func start() throws {
        if let agent, !ManagedWorkspace.isValidAgentName(agent) { throw ProposalError.badAgentName(agent) }
        let fd = try UnixSocket.make()
        var file: BrokerSocketFile?
        do {
            let made = try BrokerSocketFile.bind(fd, at: socketPath)
            file = made
            guard listen(fd, 128) == 0 else { throw UnixSocket.failure("cannot listen at \(VisibleText.escape(socketPath))") }
            let listener = Listener(fd: fd, wake: try UnixSocket.pipe(), file: made, done: DispatchSemaphore(value: 0))
            let fresh = state.withLock { state -> Bool in
                guard state.listener == nil, !state.stopped else { return false }
                state.listener = listener
                return true
            }
            guard fresh else {
                close(listener.wake.read)
                close(listener.wake.write)
                throw BrokerError(.failed, "this broker was already started")
            }
            let thread = Thread { [self] in accept(listener) }
            thread.name = "airlock broker"
            thread.start()
        } catch {
            file?.remove()
            close(fd)
            throw error
        }
    }

    /// Stops accepting, removes the socket file, and ends every connection (their waits are
    /// cancelled). Calls already running finish on their own; their answers are dropped.
    public func stop() {
        let (listener, sessions) = state.withLock { state in
            state.stopped = true
            let listener = state.listener
            state.listener = nil
            return (listener, Array(state.sessions.values))
        }
        if let listener {
            listener.file.remove()
            _ = write(listener.wake.write, "x", 1)
            listener.done.wait()
        }
        for session in sessions { session.hangUp() }
    }

    /// How many clients are connected now.
    public var connectionCount: Int { state.withLock { $0.sessions.count } }

    // MARK: - accepting

    private func accept(_ listener: Listener) {
        while true {
            var fds = [pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0), pollfd(fd: listener.wake.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0, errno == EINTR { continue }
            if ready < 0 || fds[1].revents != 0 { break }
            guard fds[0].revents != 0 else { continue }
            let client = UnixSocket.accept(listener.fd)
            if client < 0 {
                // Out of descriptors, say: let connections end before trying again.
                if errno != EINTR && errno != EAGAIN && errno != ECONNABORTED { usleep(10_000) }
                continue
            }
            admit(client)
        }
        close(listener.fd)
        close(listener.wake.read)
        close(listener.wake.write)
        listener.done.signal()
    }

    private func admit(_ client: Int32) {
        // The socket's mode already keeps other users out; this is the second lock.
        guard UnixSocket.peerUser(client) == geteuid() else {
            close(client)
            return
        }
        UnixSocket.setTimeout(client, SO_SNDTIMEO, seconds: 30)
        let session = BrokerSession(fd: client, calls: calls, maxLineBytes: maxLineBytes) { [weak self] ended in
            _ = self?.state.withLock { $0.sessions.removeValue(forKey: ObjectIdentifier(ended)) }
        }
        let admitted = state.withLock { state -> Bool in
            guard !state.stopped, state.sessions.count < maxConnections else { return false }
            state.sessions[ObjectIdentifier(session)] = session
            return true
        }
        guard admitted else {
            _ = UnixSocket.writeAll(client, BrokerResponse.error(nil, BrokerError(.disconnected, "the broker is stopping or has too many connections (\(maxConnections))")))
            close(client)
            return
        }
        let hello = BrokerResponse.hello(BrokerHello(agent: agent))
        let thread = Thread { session.serve(hello: hello) }
        thread.name = "airlock broker client"
        thread.start()
    }
}
