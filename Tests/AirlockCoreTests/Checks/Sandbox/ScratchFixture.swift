import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AirlockCore

/// A temporary git repository (`workspace/`, with `.airlock/` in it like a real one) to
/// make scratch copies of. Removed when released.
final class ScratchFixture {
    let base: String
    var workspace: String { base + "/workspace" }

    init(git: Bool = true) throws {
        var template = Array("\(Sandbox.defaultParent)/airlock-scratch-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        base = String(cString: made)
        try FileManager.default.createDirectory(atPath: workspace + "/.airlock", withIntermediateDirectories: true)
        write(".airlock/store.sqlite", "the store")
        if git {
            try self.git("init", "-q", "-b", "main")
            try Data("/.airlock/\n".utf8).write(to: URL(fileURLWithPath: workspace + "/.git/info/exclude"))
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    // MARK: - the workspace

    func write(_ path: String, _ text: String, permissions: mode_t = 0o644) {
        let full = workspace + "/" + path
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(text.utf8)), chmod(full, permissions) == 0 else {
            Issue.record("could not write \(full)")
            return
        }
    }

    func symlink(_ path: String, to target: String) {
        _ = Glibc.symlink(target, workspace + "/" + path)
    }

    func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: workspace + "/" + path)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let outcome = try RealGit.run(Array(arguments), in: workspace, environment: [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": base, "PATH": "/usr/bin:/bin", "LC_ALL": "C",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        ])
        guard outcome.succeeded else { throw POSIXError(.EIO) }
        return String(decoding: outcome.standardOutput, as: UTF8.self)
    }

    func commitAll() throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", "files")
    }

    /// Lets the file clock move past the last write, so the files just written are not
    /// too fresh to trust (see `FileClock.racyWindow`).
    func settle() {
        usleep(UInt32(FileClock.racyWindow / 1000) * 2 + 2000)
    }

    // MARK: - reading back

    /// Every path under `root` with bytes, modes and link targets.
    static func tree(_ root: String) -> [String: Sandbox.Node] {
        Sandbox.snapshot(of: root)
    }

    /// The files (and symlinks) under `root`, without directories.
    static func files(_ root: String) -> [String: Sandbox.Node] {
        tree(root).filter {
            if case .directory = $0.value { return false }
            return true
        }
    }
}

/// Parses a git diff for a test.
func scratchPatch(_ text: String) throws -> Patch {
    try parsePatch(text)
}
