import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import AirlockCore

/// A temporary directory holding `workspace/` (with its journal directory at
/// `.airlock/journal/`) and an `outside/` sibling, so a test can prove that nothing
/// changed on either side. Removed when released.
final class Sandbox {
    let base: String
    var workspace: String { base + "/workspace" }
    var outside: String { base + "/outside" }
    var journal: String { workspace + "/.airlock/journal" }

    /// A sandbox in `parent`, by default `$AIRLOCK_TEST_TMPDIR`, else `/dev/shm` where
    /// there is one (the journal's fsyncs cost nothing on tmpfs, which keeps the crash
    /// tests fast), else `/tmp`.
    init(in parent: String = Sandbox.defaultParent) throws {
        var template = Array("\(parent)/airlock-apply-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        base = String(cString: made)
        for directory in [workspace, outside, workspace + "/.airlock", journal] {
            guard mkdir(directory, 0o755) == 0 else { throw POSIXError(.EIO) }
        }
    }

    static let defaultParent: String = {
        if let chosen = ProcessInfo.processInfo.environment["AIRLOCK_TEST_TMPDIR"] { return chosen }
        return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    }()

    /// A handle on a sandbox made elsewhere (for hooks, which may not capture one); it
    /// does not remove the directory when released.
    private init(existing base: String) {
        self.base = base
        owned = false
    }

    static func existing(_ base: String) -> Sandbox {
        Sandbox(existing: base)
    }

    private var owned = true

    deinit {
        if owned { try? FileManager.default.removeItem(atPath: base) }
    }

    func applier(_ options: ApplyOptions = .init()) -> Applier {
        Applier(workspace: workspace, journalDirectory: journal, options: options)
    }

    // MARK: - building the workspace

    /// Writes a workspace file (creating its directories) with exactly these permissions.
    func write(_ path: String, _ text: String, permissions: mode_t = 0o644) {
        write(path, bytes: Array(text.utf8), permissions: permissions)
    }

    func write(_ path: String, bytes: [UInt8], permissions: mode_t = 0o644) {
        let full = absolute(path)
        makeDirectory((full as NSString).deletingLastPathComponent)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)), chmod(full, permissions) == 0 else {
            Issue.record("the sandbox could not write \(full)")
            return
        }
    }

    func makeDirectory(_ absolutePath: String) {
        try? FileManager.default.createDirectory(atPath: absolutePath, withIntermediateDirectories: true)
    }

    /// Creates the symlink `path` (relative to the workspace unless absolute) → `target`.
    func symlink(_ path: String, to target: String) {
        let full = absolute(path)
        makeDirectory((full as NSString).deletingLastPathComponent)
        _ = systemSymlink(target, full)
    }

    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : workspace + "/" + path
    }

    // MARK: - reading it back

    func text(_ path: String) -> String? {
        bytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    func bytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: absolute(path)).map { Array($0) }
    }

    func permissions(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(absolute(path), &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(absolute(path), &info) == 0
    }

    func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(absolute(path), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Every path under the workspace and `outside/`, with bytes, modes and link targets.
    func snapshot() -> [String: Node] {
        Self.snapshot(of: base)
    }

    /// Every path under the workspace only.
    func workspaceSnapshot() -> [String: Node] {
        Self.snapshot(of: workspace)
    }

    enum Node: Equatable, CustomStringConvertible {
        case file([UInt8], permissions: mode_t)
        case directory(permissions: mode_t)
        case symlink(String)
        case other(mode_t)

        var description: String {
            switch self {
            case .file(let bytes, let permissions): "file \(String(permissions, radix: 8)) \(String(decoding: bytes, as: UTF8.self).debugDescription)"
            case .directory(let permissions): "dir \(String(permissions, radix: 8))"
            case .symlink(let target): "symlink → \(target)"
            case .other(let mode): "other \(String(mode, radix: 8))"
            }
        }
    }

    static func snapshot(of root: String) -> [String: Node] {
        var nodes: [String: Node] = [:]
        func visit(_ relative: String) {
            let full = relative.isEmpty ? root : root + "/" + relative
            var info = stat()
            guard lstat(full, &info) == 0 else { return }
            let permissions = info.st_mode & 0o7777
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                nodes[relative] = .file(Array(FileManager.default.contents(atPath: full) ?? Data()), permissions: permissions)
            case S_IFLNK:
                nodes[relative] = .symlink((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?")
            case S_IFDIR:
                nodes[relative] = .directory(permissions: permissions)
                for name in (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? [] {
                    visit(relative.isEmpty ? name : relative + "/" + name)
                }
            default:
                nodes[relative] = .other(info.st_mode)
            }
        }
        visit("")
        return nodes
    }

    /// The differences between two snapshots, one line per path, for failure messages.
    static func difference(_ before: [String: Node], _ after: [String: Node]) -> String {
        Set(before.keys).union(after.keys).sorted().compactMap { key in
            before[key] == after[key] ? nil : "\(key): \(before[key]?.description ?? "absent") ⇒ \(after[key]?.description ?? "absent")"
        }.joined(separator: "\n")
    }
}

private func systemSymlink(_ target: String, _ path: String) -> Int32 {
    symlink(target, path)
}

/// Parses git diff text the way the applier's callers do.
func parsePatch(_ text: String) throws -> Patch {
    var parser = DiffParser(Array(text.utf8))
    return try parser.parse()
}
