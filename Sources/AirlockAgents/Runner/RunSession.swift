#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation
import Synchronization

/// One run of an agent in its checkout, from its start to the runner's report.
final class RunSession {
    let runner: WorktreeRunner
    let checkout: AgentCheckout
    let registry: RunRegistry
    var record: RunRecord
    let bubblewrap: String?
    let queue: ProposalQueue
    private let rawTerminal = Flag()
    private let tail = SharedTail()
    private let onRejectRunning = Counter()
    private var request: RunRequest { runner.request }

    init(runner: WorktreeRunner, checkout: AgentCheckout, changes: AgentChanges, registry: RunRegistry, record: RunRecord, bubblewrap: String?) {
        self.runner = runner
        self.checkout = checkout
        self.registry = registry
        self.record = record
        self.bubblewrap = bubblewrap
        let raw = rawTerminal
        queue = ProposalQueue(agent: runner.request.agent, changes: changes, service: runner.service) { runnerMessage($0, raw: raw.isSet) }
    }

    func say(_ text: String) {
        runnerMessage(text, raw: rawTerminal.isSet)
    }

    func run() async -> RunSummary {
        let stop = StopSignal()
        defer { stop.cancel() }
        var stopSocket: (@Sendable () -> Void)?
        var environment = agentEnvironment()
        do {
            try FileManager.default.createDirectory(atPath: checkout.stateDirectory, withIntermediateDirectories: true)
            if let serve = runner.serveSocket {
                stopSocket = try serve(checkout.socketPath)
                environment["AIRLOCK_SOCKET"] = checkout.socketPath
            }
        } catch {
            say("cannot serve the agent's socket: \(error)")
            return RunSummary(proposals: [], status: 1, checkout: checkout.path, kept: request.keep)
        }
        defer { stopSocket?() }
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let process: AgentProcess
        do {
            process = try AgentProcess.start(launch(environment: environment, interactive: interactive))
        } catch {
            say("\(error)")
            await report(.error, activity: "could not start: \(error)")
            return RunSummary(proposals: [], status: 127, checkout: checkout.path, kept: request.keep)
        }
        record.agentPid = process.pid
        try? registry.update(record)
        await report(.working, activity: "running \(request.command.joined(separator: " "))\(request.sandbox ? " (sandboxed)" : "")")

        let proxy = process.terminal.map { TerminalProxy(master: $0) }
        if let proxy, proxy.isRaw { rawTerminal.set() }
        proxy?.startCopyingInput()
        let outputDone = Flag()
        let stopReading = Flag()
        let tail = self.tail
        let reader = Thread {
            // One filter per descriptor: a sequence may be split across reads.
            var filters: [Int32: TerminalOutputFilter] = [:]
            process.pump(stop: { stopReading.isSet }) { bytes, target in
                let passed = filters[target, default: TerminalOutputFilter()].pass(bytes)
                passed.withUnsafeBufferPointer { Self.writeAll(target, $0) }
                tail.append(bytes)
            }
            outputDone.set()
        }
        reader.start()

        var status: Int32?
        var exitedAt = ContinuousClock.now
        var lastOutput = ContinuousClock.now
        var stopsSeen = 0
        while true {
            if stop.requests > stopsSeen {
                stopsSeen = stop.requests
                if stopsSeen == 1 { stopAgent(process) }
            }
            proxy?.followSize()
            await step()
            if ContinuousClock.now - lastOutput >= runner.outputInterval {
                lastOutput = .now
                await reportOutput()
            }
            if status == nil, let exited = process.exited() {
                status = exited
                exitedAt = .now
            }
            // What the agent left running may hold its output open: a second, then stop reading.
            if status != nil && (outputDone.isSet || ContinuousClock.now - exitedAt > .seconds(1)) { break }
            try? await Task.sleep(for: status == nil ? runner.pollInterval : .milliseconds(20))
        }
        stopReading.set()
        proxy?.restore()
        rawTerminal.clear()
        while !outputDone.isSet { usleep(5000) }
        process.closeDescriptors()
        let shellStatus = Self.shellStatus(status ?? 0)

        queue.scan()
        queue.scanUncommitted()
        await step()
        var kept = request.keep
        var waitingSaid = false
        while let current = queue.current, !queue.held.isEmpty {
            if stop.requests > stopsSeen {
                kept = true
                say("stopped waiting: \(queue.held.count) change(s) not proposed stay in the kept checkout \(checkout.path) (branch \(checkout.branch))")
                break
            }
            if !waitingSaid {
                waitingSaid = true
                say("waiting for #\(current.id) to be decided before proposing \(queue.held.count) more change(s) that build on it (Ctrl-C stops and keeps the checkout)")
            }
            await report(.waiting, activity: "exited; \(queue.held.count) change(s) wait for #\(current.id)")
            try? await Task.sleep(for: runner.pollInterval)
            await step()
        }
        while onRejectRunning.value.load(ordering: .relaxed) > 0 { try? await Task.sleep(for: .milliseconds(50)) }
        await reportOutput()
        let ended = shellStatus == 0 ? "exited" : "exited with status \(shellStatus)"
        let proposals = queue.proposed.map { "#\($0)" }.joined(separator: ", ")
        await report(shellStatus == 0 ? .exited : .error, activity: ended + (proposals.isEmpty ? "" : "; proposed \(proposals)"))
        say("\(request.agent) \(ended); " + (proposals.isEmpty ? "nothing proposed" : "proposed \(proposals)") + (kept ? "; checkout kept at \(checkout.path)" : ""))
        return RunSummary(proposals: queue.proposed, status: shellStatus, checkout: checkout.path, kept: kept)
    }

    // MARK: - each tick

    /// Reads new commits, settles and proposes, tells the agent about rejections.
    private func step() async {
        let before = queue.proposed
        let told = queue.feedback.count
        queue.scan()
        let notices = await queue.advance()
        if queue.feedback.count != told {
            do {
                try FeedbackFile.write(queue.feedbackText, in: checkout.path)
            } catch {
                say("\(error)")
            }
        }
        for case .rejected(let id, _) in notices {
            say("#\(id) was rejected: feedback in \(checkout.feedbackPath)")
            runOnReject(id)
        }
        if queue.proposed != before {
            record.proposals = queue.proposed
            try? registry.update(record)
        }
    }

    private func reportOutput() async {
        guard let text = tail.takeIfChanged() else { return }
        try? await runner.service.reportOutput(agent: request.agent, tail: text)
    }

    private func report(_ state: AgentState, activity: String) async {
        do {
            try await runner.service.reportStatus(AgentStatusReport(agent: request.agent, state: state, activity: activity, channel: "worktree"))
        } catch {
            say("cannot report the agent's status: \(error)")
        }
    }

    // MARK: - processes

    private func agentEnvironment() -> [String: String] {
        // Variables that would point git at another repository (the runner may itself run
        // from a git hook); identities and the like pass.
        let locations: Set = [
            "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR",
            "GIT_NAMESPACE", "GIT_PREFIX",
        ]
        var environment = ProcessInfo.processInfo.environment.filter { !locations.contains($0.key) }
        environment["AIRLOCK_AGENT"] = request.agent
        environment.removeValue(forKey: "AIRLOCK_SOCKET")
        if request.sandbox {
            // Their sockets are hidden anyway; do not point the agent at them.
            for name in ["SSH_AUTH_SOCK", "GPG_AGENT_INFO", "DBUS_SESSION_BUS_ADDRESS"] { environment.removeValue(forKey: name) }
        }
        return environment
    }

    private func sandbox(newSession: Bool) -> AgentSandbox? {
        bubblewrap.map {
            AgentSandbox(
                bubblewrap: $0, checkout: checkout, home: Self.home(), network: request.network, newSession: newSession)
        }
    }

    private func launch(environment: [String: String], interactive: Bool) -> AgentProcess.Launch {
        var executable = request.command[0]
        var arguments = Array(request.command.dropFirst())
        if let sandbox = sandbox(newSession: !interactive) {
            executable = sandbox.bubblewrap
            arguments = sandbox.arguments() + request.command
        }
        return AgentProcess.Launch(
            executable: executable, arguments: arguments, environment: environment, directory: checkout.path, terminal: interactive,
            inheritInput: isatty(STDIN_FILENO) == 0)
    }

    private func stopAgent(_ process: AgentProcess) {
        say("stopping \(request.agent) (SIGTERM, then SIGKILL after \(runner.stopGrace.components.seconds) s)")
        let grace = runner.stopGrace
        Thread { ProcessTreeStop.stop(root: process.pid, grace: grace) { process.exited() != nil } }.start()
    }

    /// `--on-reject COMMAND` through `/bin/sh -c` in the checkout (in the sandbox when the
    /// agent is), with the proposal's id and the feedback file's path; on a thread.
    private func runOnReject(_ id: Int64) {
        guard let command = request.onReject else { return }
        var environment = agentEnvironment()
        environment["AIRLOCK_PROPOSAL"] = String(id)
        environment["AIRLOCK_FEEDBACK_FILE"] = checkout.feedbackPath
        if runner.serveSocket != nil { environment["AIRLOCK_SOCKET"] = checkout.socketPath }
        var executable = "/bin/sh"
        var arguments = ["-c", command]
        if let sandbox = sandbox(newSession: true) {
            executable = sandbox.bubblewrap
            arguments = sandbox.arguments() + ["/bin/sh", "-c", command]
        }
        let spawned = ProcessCommand(
            executable, arguments, environment: environment, workingDirectory: checkout.path, standardInput: .null,
            standardOutput: .inherit, standardError: .inherit, detachedFromTerminal: true)
        let running = onRejectRunning
        running.value.add(1, ordering: .relaxed)
        let raw = rawTerminal
        Thread {
            do {
                let outcome = try SystemProcessRunner().run(spawned)
                if !outcome.succeeded { runnerMessage("--on-reject for #\(id) ended with \(outcome.termination)", raw: raw.isSet) }
            } catch {
                runnerMessage("--on-reject for #\(id) could not start: \(error)", raw: raw.isSet)
            }
            running.value.subtract(1, ordering: .relaxed)
        }.start()
    }

    // MARK: - helpers

    static func home() -> String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/"), home != "/" else { return nil }
        return URL(fileURLWithPath: home).standardizedFileURL.path
    }

    static func shellStatus(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        var written = 0
        while written < bytes.count, let base = bytes.baseAddress {
            let result = write(descriptor, base + written, bytes.count - written)
            if result < 0 && errno == EINTR { continue }
            if result <= 0 { return }
            written += result
        }
    }
}

/// The output tail, shared between the thread that reads the agent's output and the
/// loop that reports it.
final class SharedTail: Sendable {
    private let tail = Mutex(OutputTail())

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        tail.withLock { $0.append(bytes) }
    }

    /// The tail's text when it changed since the last call.
    func takeIfChanged() -> String? {
        tail.withLock { tail in
            guard tail.changed else { return nil }
            tail.markReported()
            return tail.text
        }
    }
}
