import AirlockAgents
import AirlockCore
import ArgumentParser
import Dispatch
import Foundation

/// One hook event, answered. A tool Airlock does not gate is let through from its name
/// alone, before the store is opened, so the agent's other tool calls stay fast. A gated
/// write fails closed (exit 2) when Airlock cannot be reached; a status event never blocks
/// the agent (a warning, exit 0).
struct HookRun {
    let agent: HookAgent
    let options: HookOptions

    func run(argument: String?) throws {
        let bytes = try argument.map { Array($0.utf8) } ?? Self.readStandardInput()
        let event: HookEvent
        do {
            event = try HookEvent.parse(bytes, agent: agent)
        } catch {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        }
        if case .toolUse(let tool) = event.kind, !ToolCall.needsLook(tool, agent: agent) { return }
        let name = HookStatus.agentName(given: options.agent, agent: agent, sessionID: event.sessionID)
        guard ManagedWorkspace.isValidAgentName(name) else {
            throw CommandFailure.fail(ProposalError.badAgentName(name).description, code: CommandFailure.unusableInput)
        }
        if case .toolUse(let tool) = event.kind, agent.planTools.contains(tool) {
            // A plan is status: it never blocks the tool, even when it cannot be read.
            do {
                let input = try event.toolInput()
                record(HookStatus.plan(try HookPlan.items(input, agent: agent), agent: name), root: findRoot(cwd: event.cwd))
            } catch {
                CommandFailure.report("\(error)")
                CommandFailure.report("warning: the agent's plan was not recorded; the agent goes on")
            }
        } else if case .toolUse = event.kind {
            try gate(event, agent: name)
        } else if let report = HookStatus.report(event, agent: name) {
            record(report, root: findRoot(cwd: event.cwd))
        }
    }

    // MARK: - Gated tools

    private func gate(_ event: HookEvent, agent name: String) throws {
        let root = try workspaceRoot(cwd: event.cwd)
        let call: ToolCall
        do {
            call = try ToolCall.read(event, agent: agent, paths: HookPaths(root: root, cwd: event.cwd))
        } catch {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        }
        switch call {
        case .passThrough:
            return
        case .plan(let items):
            record(HookStatus.plan(items, agent: name), root: root)
        case .refused(let reason):
            emit(HookVerdict.deny(reason).answer(for: agent))
        case .change(let change):
            let waitSeconds = try waitBound(root: root)
            let verdict: HookVerdict
            do {
                let gate = HookGate(service: try endpoint(root).service(.oneShot), agent: name, waitSeconds: Double(waitSeconds))
                verdict = try Self.await { try await gate.decide(change) }
            } catch {
                // Already explained on stderr. Any failure blocks the write: exit 2 is the
                // code every agent treats as blocking (Claude Code lets exit 1 through).
                throw ExitCode(CommandFailure.unusableInput)
            }
            emit(verdict.answer(for: agent))
        }
    }

    private func workspaceRoot(cwd: String?) throws -> String {
        guard let root = findRoot(cwd: cwd) else {
            throw CommandFailure.fail(WorkspaceError.notManaged(FileManager.default.currentDirectoryPath).description, code: CommandFailure.unusableInput)
        }
        return root
    }

    /// `--workspace`, else the workspace around this process's directory, else around the
    /// directory the agent says it works in.
    private func findRoot(cwd: String?) -> String? {
        if let given = options.endpoint.target.workspace { return given }
        return ManagedWorkspace.find(from: FileManager.default.currentDirectoryPath) ?? cwd.flatMap { $0.hasPrefix("/") ? ManagedWorkspace.find(from: $0) : nil }
    }

    /// The endpoint, on the workspace found (which may be the agent's directory's).
    private func endpoint(_ root: String?) -> AgentEndpoint {
        var endpoint = options.endpoint
        if let root { endpoint.target.workspace = root }
        return endpoint
    }

    private func waitBound(root: String) throws -> Int {
        do {
            return try WorkspaceConfig.load(path: root + "/" + ManagedWorkspace.stateDirectoryName + "/config.toml").hooks.waitSeconds
        } catch {
            throw CommandFailure.fail(error.description, code: CommandFailure.unusableInput)
        }
    }

    // MARK: - Status

    /// Records a status; one that cannot be recorded is a warning, never a block.
    private func record(_ report: AgentStatusReport, root: String?) {
        do {
            let service = try endpoint(root).service(.oneShot)
            try Self.await { try await service.reportStatus(report) }
        } catch {
            if !(error is ExitCode) { CommandFailure.report("\(error)") }
            CommandFailure.report("warning: the agent's status was not recorded; the agent goes on")
        }
    }

    // MARK: - Plumbing

    private static func readStandardInput() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure.fail("hook input: cannot read stdin: \(String(cString: strerror(errno)))", code: CommandFailure.unusableInput)
            }
            if count == 0 { return bytes }
            bytes += buffer[..<count]
            if bytes.count > HookEvent.maxInputBytes {
                throw CommandFailure.fail("hook input: more than \(HookEvent.maxInputBytes >> 20) MiB on stdin: refused unread", code: CommandFailure.unusableInput)
            }
        }
    }

    /// Runs an asynchronous call to its end from this synchronous command: only the
    /// events that reach the store start Swift's concurrency runtime.
    private static func await<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                box.result = .success(try await body())
            } catch {
                box.result = .failure(error)
            }
            finished.signal()
        }
        finished.wait()
        guard let result = box.result else { throw CommandFailure.fail("the hook's task ended without a result", code: 1) }
        do {
            return try result.get()
        } catch {
            throw explained(error)
        }
    }
}

/// Written by the task before it signals, read after the wait: the semaphore orders the two.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
