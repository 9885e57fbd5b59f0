#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation

/// What the agent changed in its checkout, read without trusting the checkout's git
/// configuration: the runner runs outside the sandbox, and the clone's `.git/config`
/// (which the agent may edit) could name a filter, an fsmonitor or a diff driver that
/// git would run. So git runs against a repository of the runner's own (beside the
/// registry, hidden from a sandboxed agent) that borrows the clone's and the
/// workspace's objects, with the checkout as its work tree.
struct AgentChanges: Sendable {
    let checkout: AgentCheckout
    /// The runner's repository for this agent.
    let readerDirectory: String

    init(checkout: AgentCheckout, runsDirectory: String) throws {
        self.checkout = checkout
        readerDirectory = runsDirectory + "/" + checkout.agent + ".git"
        if FileManager.default.fileExists(atPath: readerDirectory) { try FileManager.default.removeItem(atPath: readerDirectory) }
        try Git().run(["init", "-q", "--bare", readerDirectory])
        try git.run(["config", "core.bare", "false"])
        try Data("/\(ManagedWorkspace.stateDirectoryName)/\n".utf8).write(to: URL(fileURLWithPath: readerDirectory + "/info/exclude"))
    }

    /// Removes the runner's repository.
    func remove() {
        try? FileManager.default.removeItem(atPath: readerDirectory)
    }

    private var git: Git {
        Git(environment: [
            "GIT_DIR": readerDirectory,
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": checkout.cloneGitDirectory + "/objects:" + checkout.gitDirectory + "/objects",
        ])
    }

    /// Everything but the runner's own files.
    private static let pathspec = ["--", ".", ":(exclude,top)\(ManagedWorkspace.stateDirectoryName)"]

    // MARK: - commits

    /// The commit the agent's branch names now, read from the clone's files (loose ref,
    /// then `packed-refs`); nil when it cannot be read.
    func tip() -> String? {
        let reference = "refs/heads/" + checkout.branch
        if let loose = Self.read(checkout.cloneGitDirectory + "/" + reference), Self.isObjectID(loose) { return loose }
        guard let packed = Self.read(checkout.cloneGitDirectory + "/packed-refs") else { return nil }
        for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == reference, Self.isObjectID(String(parts[0])) { return String(parts[0]) }
        }
        return nil
    }

    /// The commits on the branch's first-parent chain from the base to `tip`, oldest first.
    func commits(to tip: String) throws -> [String] {
        let text = String(decoding: try git.run(["rev-list", "--reverse", "--first-parent", tip, "^" + checkout.base]), as: UTF8.self)
        return text.split(separator: "\n").map(String.init).filter(Self.isObjectID)
    }

    /// One commit as a proposal would carry it: its diff against its first parent (full
    /// index lines, binary files included) and its subject and body.
    func commit(_ id: String) throws -> CommitChange {
        let parents = String(decoding: try git.run(["rev-list", "--parents", "-n", "1", id]), as: UTF8.self)
            .split(whereSeparator: \.isWhitespace).dropFirst().map(String.init)
        let message = String(decoding: try git.run(["log", "-1", "--no-show-signature", "--format=%s%x00%b", id]), as: UTF8.self)
        let parts = message.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
        let diffArguments = ["diff-tree", "-p", "-r", "--binary", "--full-index", "--no-ext-diff", "--no-textconv", "--no-renames"]
        let diff: [UInt8]
        if let parent = parents.first {
            diff = try git.run(diffArguments + [parent, id] + Self.pathspec)
        } else {
            diff = try git.run(diffArguments + ["--root", id] + Self.pathspec)
        }
        return CommitChange(
            id: id, parent: parents.first, subject: parts.first.map(String.init) ?? "",
            body: parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespacesAndNewlines) : "", diff: diff)
    }

    /// Whether `ancestor` is on the history of `descendant`.
    func isAncestor(_ ancestor: String, of descendant: String) -> Bool {
        (try? git.outcome(["merge-base", "--is-ancestor", ancestor, descendant]).succeeded) ?? false
    }

    // MARK: - the work tree

    /// The work tree's changes against `commit` (tracked and untracked files that are not
    /// ignored), through a temporary index so the agent's own index is untouched.
    func uncommitted(against commit: String) throws -> [UInt8] {
        let index = readerDirectory + "/runner-index"
        try? FileManager.default.removeItem(atPath: index)
        defer { try? FileManager.default.removeItem(atPath: index) }
        var git = self.git
        git.environment["GIT_INDEX_FILE"] = index
        git.environment["GIT_WORK_TREE"] = checkout.path
        git.options = ["-C", checkout.path]
        try git.run(["read-tree", commit])
        // .airlock/ is excluded in this repository's info/exclude.
        try git.run(["add", "-A"])
        return try git.run(["diff-index", "--cached", "-p", "--binary", "--full-index", "--no-ext-diff", "--no-textconv", "--no-renames", commit] + Self.pathspec)
    }

    // MARK: - files

    /// A small regular file's text. Opened without blocking and checked: the agent could
    /// leave a FIFO or a device where a ref should be.
    private static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: 64 * 1024)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { return nil }
        return String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isObjectID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// One commit of the agent's, ready to propose.
struct CommitChange: Sendable, Equatable {
    var id: String
    var parent: String?
    var subject: String
    var body: String
    var diff: [UInt8]

    var shortID: String { String(id.prefix(10)) }
}
