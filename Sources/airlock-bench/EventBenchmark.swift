import AirlockCore
import Foundation

/// The event stream as `airlock audit --follow` delivers it: how many events per second
/// reach several followers while many processes submit, and how long after a commit a
/// follower prints it.
extension StoreBenchmark {
    struct Delivery {
        var events: Int
        var seconds: Double
        var perFollower: [Double]
        /// Submissions per second while followed.
        var submissions: Double
        /// From the last worker's last commit to the last follower's line of it.
        var lag: Double
        /// CPU seconds (user and system) the workers and the followers used.
        var workerCPU: Double
        var followerCPU: Double
    }

    /// `followers` real `airlock audit --follow --json` processes follow from the log's
    /// head while the workers submit; each must print every entry written after that head,
    /// once and in order. Timed from the first submission until the last follower printed
    /// the final head.
    func followedDelivery(_ root: URL) throws -> Delivery {
        let workspace = try workspace(root, git: false)
        let since = try workspace.store.auditHead()
        var processes: [FollowerProcess] = []
        defer { for follower in processes { _ = follower.stop() } }
        for _ in 0..<followers { processes.append(try FollowerProcess(airlock: airlock, root: root, since: since)) }

        let before = Self.childrenCPU()
        let spans = try runWorkers(in: root, go: root.deletingLastPathComponent().appendingPathComponent("go-followed"))
        let workersDone = Self.childrenCPU()
        let written = try workspace.store.auditEntries(afterSeq: since).map(\.seq)
        guard let head = written.last, written == Array((since + 1)...head) else {
            throw Self.failure("the audit log after entry \(since) is not contiguous")
        }
        var finished: [Int64] = []
        for (index, follower) in processes.enumerated() {
            guard let last = follower.wait(for: head, timeout: 60) else {
                throw Self.failure("follower \(index) did not print entry \(head) within 60 s")
            }
            finished.append(last.at)
        }
        for (index, follower) in processes.enumerated() {
            let (arrivals, malformed) = follower.stop()
            if let problem = Self.problem(arrivals.map(\.seq), expected: written, malformed: malformed) {
                throw Self.failure("follower \(index) \(problem)\(Self.quoted(follower.diagnostics))")
            }
        }
        let followersDone = Self.childrenCPU()
        let start = spans.map(\.started).min() ?? 0
        let committed = spans.map(\.finished).max() ?? start
        let last = finished.max() ?? start
        return Delivery(
            events: written.count * followers, seconds: Double(last - start) / 1e6,
            perFollower: finished.map { Double(written.count) / (Double($0 - start) / 1e6) },
            submissions: Double(workers * proposalsPerWorker) / (Double(committed - start) / 1e6), lag: Double(last - committed) / 1e6,
            workerCPU: workersDone - before, followerCPU: followersDone - workersDone)
    }

    /// One follower; this process commits one proposal at a time through
    /// `ManagedWorkspace.propose`, notes the time as the call returns, and waits for the
    /// follower's line of the last entry that commit wrote. The first commit is not counted:
    /// it also covers the follower's start.
    func followDelays(_ root: URL) throws -> Measurement {
        _ = try workspace(root, git: false)
        let writer = try ManagedWorkspace.open(root: root.path, access: .longLived).workspace
        let follower = try FollowerProcess(airlock: airlock, root: root, since: try writer.store.auditHead())
        defer { _ = follower.stop() }
        var delays: [Double] = []
        for n in 0...delayCommits {
            let patch = StoreCorpus.creation("delay/file\(n).txt", lines: 3)
            // Four agents, so none reaches the waiting quota (200 per agent).
            _ = try writer.propose(ProposalRequest(agent: "agent-delay-\(n % 4)", input: Bytes(patch)))
            let committed = monotonicMicroseconds()
            let head = try writer.store.auditHead()
            guard let seen = follower.wait(for: head, timeout: 10) else {
                throw Self.failure("the follower did not print entry \(head) within 10 s\(Self.quoted(follower.diagnostics))")
            }
            if n > 0 { delays.append(Double(seen.at - committed) / 1e6) }
            usleep(delaySpacingMicroseconds)
        }
        return Measurement(samples: delays)
    }

    /// What is wrong with a follower's sequence numbers, or nil if they are exactly `expected`.
    static func problem(_ seqs: [Int64], expected: [Int64], malformed: [String]) -> String? {
        if let line = malformed.first { return "printed \(malformed.count) line(s) without a seq, the first: \(line)" }
        if seqs == expected { return nil }
        let missing = Set(expected).subtracting(seqs).sorted()
        let duplicates = Dictionary(grouping: seqs, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        let unexpected = Set(seqs).subtracting(expected).sorted()
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missed \(missing.count) event(s), the first \(missing[0])") }
        if !duplicates.isEmpty { parts.append("printed \(duplicates.count) event(s) more than once, the first \(duplicates[0])") }
        if !unexpected.isEmpty { parts.append("printed \(unexpected.count) event(s) outside \(expected.first ?? 0)…\(expected.last ?? 0)") }
        if parts.isEmpty { parts.append("printed the events out of order") }
        return parts.joined(separator: "; ")
    }

    /// CPU seconds used by the child processes that have ended and been waited for.
    static func childrenCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func failure(_ message: String) -> CocoaError {
        CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: message])
    }

    private static func quoted(_ diagnostics: String) -> String {
        let text = diagnostics.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : " (its stderr: \(text))"
    }
}
