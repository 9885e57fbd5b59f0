import AirlockCore
import Foundation
import Synchronization

/// The agent-facing verbs of the review service, reached through a broker's socket
/// (`BrokerServer`): what a channel inside a sandbox uses instead of the store. One client
/// carries any number of concurrent calls on its one connection; a refusal comes back as a
/// `BrokerError` whose description is the broker's message.
public struct BrokerClient: AgentService {
    private let link: BrokerLink
    private let lifetime: Lifetime

    /// Connects to the broker at `socketPath` and reads its hello.
    public init(socketPath: String) throws {
        link = try BrokerLink(path: socketPath)
        lifetime = Lifetime(link: link)
    }

    /// The agent the broker is bound to, if it is: a channel's default name.
    public var agent: String? { link.hello.agent }

    /// The broker's hello.
    public var hello: BrokerHello { link.hello }

    /// Ends the connection (it also ends when the last copy of this client goes).
    public func close() { link.close() }

    // MARK: - AgentService

    public func proposals(_ filter: ProposalFilter) async throws -> [ProposalSummary] { try await call(.proposals(filter)) }
    public func proposal(_ id: Int64) async throws -> ProposalDetail { try await call(.proposal(id)) }
    public func propose(_ submission: Submission) async throws -> SubmissionReceipt { try await call(.propose(submission)) }
    public func withdraw(_ id: Int64, agent: String) async throws -> ProposalSummary { try await call(.withdraw(id, agent: agent)) }

    public func waitForOutcome(_ id: Int64, timeout: Double?) async throws -> ProposalOutcome {
        try await call(.waitForOutcome(id, timeout: timeout))
    }

    public func reportStatus(_ report: AgentStatusReport) async throws {
        let _: BrokerResponse.Empty = try await call(.reportStatus(report))
    }

    public func reportOutput(agent: String, tail: String) async throws {
        let _: BrokerResponse.Empty = try await call(.reportOutput(agent: agent, tail: tail))
    }

    private func call<Value: Decodable>(_ call: BrokerRequest.Call) async throws -> Value {
        let sent = Mutex<Int64?>(nil)
        let line = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
                guard !Task.isCancelled else { return continuation.resume(throwing: CancellationError()) }
                let id = link.send(call) { continuation.resume(with: $0.mapError { $0 }) }
                sent.withLock { $0 = id }
                // A cancel that came between the check above and now found no id to cancel.
                if Task.isCancelled { link.cancel(id) }
            }
        } onCancel: { [link] in
            if let id = sent.withLock({ $0 }) { link.cancel(id) }
        }
        return try Self.decode(line)
    }

    // MARK: - blocking

    /// The same calls made on the caller's thread, for a command that does not start
    /// Swift's concurrency runtime.
    public var blocking: Blocking { Blocking(link: link, lifetime: lifetime) }

    /// `BrokerClient`'s calls that do not wait, on the caller's thread.
    public struct Blocking: Sendable {
        let link: BrokerLink
        let lifetime: Lifetime

        public func proposals(_ filter: ProposalFilter) throws -> [ProposalSummary] { try call(.proposals(filter)) }
        public func proposal(_ id: Int64) throws -> ProposalDetail { try call(.proposal(id)) }
        public func propose(_ submission: Submission) throws -> SubmissionReceipt { try call(.propose(submission)) }
        public func withdraw(_ id: Int64, agent: String) throws -> ProposalSummary { try call(.withdraw(id, agent: agent)) }
        public func waitForOutcome(_ id: Int64, timeout: Double?) throws -> ProposalOutcome { try call(.waitForOutcome(id, timeout: timeout)) }

        public func reportStatus(_ report: AgentStatusReport) throws {
            let _: BrokerResponse.Empty = try call(.reportStatus(report))
        }

        public func reportOutput(agent: String, tail: String) throws {
            let _: BrokerResponse.Empty = try call(.reportOutput(agent: agent, tail: tail))
        }

        private func call<Value: Decodable>(_ call: BrokerRequest.Call) throws -> Value {
            let answer = Mutex<Result<Data, BrokerError>?>(nil)
            let done = DispatchSemaphore(value: 0)
            link.send(call) { result in
                answer.withLock { $0 = result }
                done.signal()
            }
            done.wait()
            guard let result = answer.withLock({ $0 }) else { throw BrokerError(.failed, "no answer") }
            return try BrokerClient.decode(try result.get())
        }
    }

    // MARK: - answers

    static func decode<Value: Decodable>(_ line: Data) throws -> Value {
        let answer: BrokerResponse.Answer<Value>
        do {
            answer = try JSONDecoder().decode(BrokerResponse.Answer<Value>.self, from: line)
        } catch let error as DecodingError {
            throw BrokerError(.malformed, "the broker's answer cannot be read: \(BrokerRequest.describe(error))")
        }
        if let error = answer.error {
            if error.kind == .cancelled { throw CancellationError() }
            throw error
        }
        guard let result = answer.result else { throw BrokerError(.malformed, "the broker's answer has neither a result nor an error") }
        return result
    }

    /// Closes the connection when the last copy of the client goes.
    final class Lifetime: Sendable {
        let link: BrokerLink
        init(link: BrokerLink) { self.link = link }
        deinit { link.close() }
    }
}
