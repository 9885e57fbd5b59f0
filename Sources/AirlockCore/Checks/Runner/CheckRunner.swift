import Foundation
import Synchronization

/// Runs the checks queued in a workspace's store: claims one, prepares a scratch copy
/// with the proposal applied, runs its command in the sandbox, reads its results and
/// records the verdict. Any number of runners, in any number of processes, share a
/// store: a claim keeps two from running the same check, and a claim that is not renewed
/// (its runner died) expires, so the check is run again rather than lost.
public final class CheckRunner: Sendable {
    public let workspace: ManagedWorkspace
    /// Who this runner is in claims and the audit trail: `runner 4242@host`.
    public let identity: String
    let pool: ScratchPool

    public init(workspace: ManagedWorkspace, identity: String = CheckRunner.defaultIdentity()) {
        self.workspace = workspace
        self.identity = identity
        pool = ScratchPool(workspace: workspace.root)
    }

    public static func defaultIdentity() -> String {
        "runner \(getpid())@\(ProcessInfo.processInfo.hostName)"
    }

    /// Runs claimable checks (of `proposal` when given) until none is left; returns the
    /// runs it finished, as recorded. `started` hears of each check as it starts.
    @discardableResult
    public func drain(proposal: Int64? = nil, started: (CheckRun) -> Void = { _ in }, finished: (CheckRun) -> Void = { _ in }) throws -> [CheckRun] {
        var done: [CheckRun] = []
        while let run = try workspace.store.claimCheck(runner: identity, for: workspace.config.checks.claimSeconds, proposal: proposal) {
            started(run)
            guard let recorded = try perform(run) else { continue }
            done.append(recorded)
            finished(recorded)
        }
        return done
    }

    /// Drains, then waits for the store to change (or a second to pass), until `stop`
    /// says so; errors of one pass are reported and the next pass tries again.
    public func serve(stop: () -> Bool, started: (CheckRun) -> Void = { _ in }, finished: (CheckRun) -> Void = { _ in }, failed: (any Error) -> Void = { _ in }) {
        let feed = try? workspace.store.changeFeed()
        while !stop() {
            do {
                try drain(started: started, finished: finished)
            } catch {
                failed(error)
            }
            let deadline = ContinuousClock.now + .seconds(1)
            while !stop(), ContinuousClock.now < deadline {
                if let feed, (try? feed.poll()) == true { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Runs one claimed check and records its verdict; nil when the claim was lost
    /// meanwhile (another runner took it over), in which case nothing is recorded.
    func perform(_ run: CheckRun) throws -> CheckRun? {
        guard let runID = run.id else { return nil }
        let output = OutputTail()
        let heartbeat = Heartbeat(store: workspace.store, runID: runID, runner: identity, seconds: workspace.config.checks.claimSeconds, output: output)
        heartbeat.start()
        let verdict = verdict(for: run, output: output)
        heartbeat.stop()
        var recorded = verdict
        recorded.output = output.text
        do {
            try workspace.store.finishCheck(runID, runner: identity, verdict: recorded)
        } catch is CheckClaimLost {
            return nil
        }
        return try workspace.store.checkResults(for: run.proposalID).first { $0.run.id == runID }?.run
    }

    /// What running the check concluded; never throws: every failure is a verdict.
    private func verdict(for run: CheckRun, output: OutputTail) -> CheckVerdict {
        let job: CheckJob
        do {
            job = try CheckJob(run)
        } catch {
            return CheckVerdict(status: .error, summary: "its configuration cannot be read: \(error)", sandboxed: nil)
        }
        let sandbox: CommandSandbox
        do throws(SandboxUnavailable) {
            sandbox = try CommandSandbox(mode: workspace.config.checks.sandbox)
        } catch {
            return CheckVerdict(status: .error, summary: error.description, sandboxed: false)
        }
        guard let proposal = try? workspace.store.proposal(run.proposalID), let patch = try? proposal.canonicalPatch() else {
            return CheckVerdict(status: .error, summary: "the proposal's patch cannot be read", sandboxed: nil)
        }
        let slot: ScratchSlot
        do {
            slot = try pool.acquire()
        } catch {
            return CheckVerdict(status: .error, summary: "no scratch copy: \(error)", sandboxed: nil)
        }
        defer { slot.release() }
        do {
            try slot.prepare(patch: patch)
        } catch let refusal as ApplyRefusal {
            let reasons = refusal.problems.map(\.message).joined(separator: "; ")
            return CheckVerdict(status: .error, summary: "the proposal does not apply to the scratch copy: \(reasons)", sandboxed: nil)
        } catch {
            return CheckVerdict(status: .error, summary: "the scratch copy could not be prepared: \(error)", sandboxed: nil)
        }
        let command = SandboxedCommand(
            job.script, in: slot, timeout: .seconds(job.timeoutSeconds), network: job.network, readOnlyPaths: readOnlyPaths())
        let outcome: SandboxOutcome
        do {
            outcome = try sandbox.run(command) { output.append($0) }
        } catch {
            return CheckVerdict(status: .error, summary: "the command could not start: \(error)", sandboxed: sandbox.mode == .bubblewrap)
        }
        return job.verdict(outcome, scratch: slot.directory, patch: patch, ignore: workspace.lintIgnore())
    }
}

extension CheckRunner {
    /// `[checks] read_only`, with `~/` made the user's home.
    func readOnlyPaths() -> [String] {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return workspace.config.checks.readOnly.map { $0.hasPrefix("~/") ? home + String($0.dropFirst(1)) : $0 }
    }
}

/// The last part of a command's output, kept while it runs.
final class OutputTail: Sendable {
    static let limit = 64 * 1024
    private let bytes = Mutex<[UInt8]>([])

    func append(_ chunk: ArraySlice<UInt8>) {
        bytes.withLock { kept in
            kept.append(contentsOf: chunk)
            if kept.count > Self.limit + Self.limit / 4 { kept.removeFirst(kept.count - Self.limit) }
        }
    }

    /// As text (invalid UTF-8 replaced); nil before anything was printed.
    var text: String? {
        bytes.withLock { kept in
            guard !kept.isEmpty else { return nil }
            return String(decoding: kept.suffix(Self.limit), as: UTF8.self)
        }
    }
}

/// Renews a runner's claim while its command runs, with the output so far, so the
/// claim does not expire under a long test and the cockpit sees the output live.
final class Heartbeat: Sendable {
    private let store: AirlockStore
    private let runID: Int64
    private let runner: String
    private let seconds: Int
    private let output: OutputTail
    private let stopped = Mutex(false)
    private let done = DispatchSemaphore(value: 0)

    init(store: AirlockStore, runID: Int64, runner: String, seconds: Int, output: OutputTail) {
        self.store = store
        self.runID = runID
        self.runner = runner
        self.seconds = seconds
        self.output = output
    }

    func start() {
        let thread = Thread { [self] in
            var last = ContinuousClock.now
            var lastText: String?
            while !stopped.withLock({ $0 }) {
                Thread.sleep(forTimeInterval: 0.25)
                let text = output.text
                // Output at most twice a second; the claim a third of its life before it ends.
                let due = ContinuousClock.now - last >= .seconds(max(1, seconds / 3))
                guard due || (text != lastText && ContinuousClock.now - last >= .milliseconds(500)) else { continue }
                _ = try? store.renewClaim(runID, runner: runner, for: seconds, output: text)
                last = ContinuousClock.now
                lastText = text
            }
            done.signal()
        }
        thread.name = "airlock check heartbeat"
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
        done.wait()
    }
}
