#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Ends an agent and everything it started: SIGTERM to its process group and to every
/// descendant `/proc` shows (a sandbox's processes sit in sessions of their own), then,
/// after a grace period, SIGKILL to whatever is left.
enum ProcessTreeStop {
    static func stop(root: pid_t, grace: Duration, exited: () -> Bool) {
        var members = descendants(of: root)
        kill(-root, SIGTERM)
        for pid in members { kill(pid, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while !exited() && ContinuousClock.now < deadline { usleep(20_000) }
        members.formUnion(descendants(of: root))
        kill(-root, SIGKILL)
        kill(root, SIGKILL)
        for pid in members { kill(pid, SIGKILL) }
    }

    /// Every process whose chain of parents reaches `root`.
    static func descendants(of root: pid_t) -> Set<pid_t> {
        var children: [pid_t: [pid_t]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let parent = ProcessStat.read(pid)?.parent else { continue }
            children[parent, default: []].append(pid)
        }
        var found: Set<pid_t> = []
        var pending = [root]
        while let pid = pending.popLast() {
            for child in children[pid] ?? [] where found.insert(child).inserted { pending.append(child) }
        }
        return found
    }
}

/// The fields of `/proc/PID/stat` the runner reads. The command name in parentheses may
/// hold spaces and parentheses, so fields are counted from the last `)`.
struct ProcessStat {
    var state: Character
    var parent: pid_t
    /// When it started, in clock ticks since boot: with the pid, it names one process
    /// even after its pid is reused.
    var startTicks: UInt64

    static func read(_ pid: pid_t) -> ProcessStat? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // state is field 3 of the line, start time field 22: here 0 and 19.
        guard fields.count > 19, let state = fields[0].first, let parent = pid_t(fields[1]), let start = UInt64(fields[19]) else { return nil }
        return ProcessStat(state: state, parent: parent, startTicks: start)
    }

    /// Whether `pid` still names the process that started at `startTicks`.
    static func isAlive(_ pid: pid_t, startTicks: UInt64) -> Bool {
        guard let stat = read(pid) else { return false }
        return stat.startTicks == startTicks && stat.state != "Z" && stat.state != "X"
    }
}
