#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A process and everything it started, as `/proc` shows them, and the way to end them
/// all: a process group alone misses children that called `setsid`, and a child killed
/// first leaves its own children to init, out of reach.
enum ProcessTree {
    /// Stops the tree under `root` (so nothing in it can fork any more), then kills every
    /// process in it and in `root`'s group with SIGKILL, and waits (at most `grace`) until
    /// none of them is left but zombies.
    static func kill(root: pid_t, grace: Duration = .seconds(2)) {
        var members: Set<pid_t> = [root]
        // Stopped processes cannot fork; repeat until a pass finds nobody new.
        for _ in 0..<20 {
            Glibc.kill(-root, SIGSTOP)
            for pid in members { Glibc.kill(pid, SIGSTOP) }
            let found = descendants(of: root)
            if found.isSubset(of: members) { break }
            members.formUnion(found)
        }
        Glibc.kill(-root, SIGKILL)
        for pid in members { Glibc.kill(pid, SIGKILL) }
        let deadline = ContinuousClock.now + grace
        while members.contains(where: isRunning) && ContinuousClock.now < deadline {
            usleep(2000)
        }
    }

    /// Every process whose chain of parents reaches `root`.
    static func descendants(of root: pid_t) -> Set<pid_t> {
        var children: [pid_t: [pid_t]] = [:]
        for (pid, parent) in parents() { children[parent, default: []].append(pid) }
        var found: Set<pid_t> = []
        var pending = [root]
        while let pid = pending.popLast() {
            for child in children[pid] ?? [] where found.insert(child).inserted { pending.append(child) }
        }
        return found
    }

    /// True while the process exists and is not a zombie.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let fields = statFields(pid) else { return false }
        return fields.state != "Z" && fields.state != "X"
    }

    // MARK: - /proc

    private static func parents() -> [(pid: pid_t, parent: pid_t)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name in
            guard let pid = pid_t(name), let fields = statFields(pid) else { return nil }
            return (pid, fields.parent)
        }
    }

    /// The state letter and parent from `/proc/PID/stat`; the command name in parentheses
    /// may itself hold spaces and parentheses, so fields are counted from the last `)`.
    private static func statFields(_ pid: pid_t) -> (state: Character, parent: pid_t)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let parent = pid_t(fields[1]) else { return nil }
        return (state, parent)
    }
}
