#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One running agent as `airlock run --list` shows it.
public struct RunRecord: Codable, Sendable, Equatable {
    public var agent: String
    /// The runner's process.
    public var pid: Int32
    /// When the runner started, in clock ticks since boot (tells a reused pid apart).
    public var startTicks: UInt64
    /// The agent's process (bubblewrap's, under `--sandbox`), once started.
    public var agentPid: Int32?
    public var worktree: String
    /// Milliseconds since 1970.
    public var started: Int64
    public var sandboxed: Bool
    public var command: [String]
    public var proposals: [Int64]

    public var isAlive: Bool { ProcessStat.isAlive(pid, startTicks: startTicks) }
}

/// The runner's registry: `<git dir>/airlock/runs/NAME.json` per running agent, created
/// exclusively so two runners cannot take one name; an entry whose runner is gone is
/// stale and removed.
public struct RunRegistry: Sendable {
    public let directory: String

    public init(gitDirectory: String) {
        directory = gitDirectory + "/airlock/runs"
    }

    private func path(_ agent: String) -> String { directory + "/" + agent + ".json" }

    /// Claims `record.agent`; throws `alreadyRunning` when a live runner holds it.
    public func claim(_ record: RunRecord) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for _ in 0..<2 {
            let descriptor = open(path(record.agent), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                close(descriptor)
                try update(record)
                return
            }
            guard errno == EEXIST else { throw RunnerError.system("open \(path(record.agent))", errno) }
            if let existing = self.record(record.agent), existing.isAlive {
                throw RunnerError.alreadyRunning(record.agent, pid: existing.pid)
            }
            // Stale (or half written by a runner that died): take it over.
            try? FileManager.default.removeItem(atPath: path(record.agent))
        }
        throw RunnerError.alreadyRunning(record.agent, pid: 0)
    }

    /// Rewrites the entry (new proposals, the agent's pid).
    public func update(_ record: RunRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(record).write(to: URL(fileURLWithPath: path(record.agent)), options: .atomic)
    }

    public func release(_ agent: String) {
        try? FileManager.default.removeItem(atPath: path(agent))
    }

    public func record(_ agent: String) -> RunRecord? {
        guard let data = FileManager.default.contents(atPath: path(agent)) else { return nil }
        return try? JSONDecoder().decode(RunRecord.self, from: data)
    }

    /// The live entries, by name; stale ones are removed on the way.
    public func running() -> [RunRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var records: [RunRecord] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let agent = String(name.dropLast(5))
            guard let record = record(agent), record.isAlive else {
                // An entry being claimed this instant is empty for a moment: leave it.
                if let data = FileManager.default.contents(atPath: path(agent)), !data.isEmpty { release(agent) }
                continue
            }
            records.append(record)
        }
        return records
    }

    /// The runner's own start time, to record with its pid.
    public static func ownStartTicks() -> UInt64 {
        ProcessStat.read(getpid())?.startTicks ?? 0
    }
}
