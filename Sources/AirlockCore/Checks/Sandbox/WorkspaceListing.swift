#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where a workspace's git repository keeps its data, when the workspace is in one.
public struct GitLocation: Sendable, Equatable {
    /// `git rev-parse --git-dir`: this work tree's own git directory.
    public var gitDirectory: String
    /// `git rev-parse --git-common-dir`: the repository's shared one (differs in a linked
    /// worktree).
    public var commonDirectory: String
    /// `git rev-parse --show-toplevel`: the work tree the workspace is in (the workspace
    /// itself, or a directory above it).
    public var topLevel: String

    /// The repository the workspace is in, or nil when it is in none (or git is missing).
    static func locate(workspace: String, runner: ProcessRunner) -> GitLocation? {
        guard let outcome = try? runner.run(WorkspaceListing.git(["rev-parse", "--git-dir", "--git-common-dir", "--show-toplevel"], in: workspace)),
            outcome.succeeded
        else { return nil }
        let lines = String(decoding: outcome.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count == 3 else { return nil }
        func absolute(_ path: String) -> String {
            let joined = path.hasPrefix("/") ? path : workspace + "/" + path
            return URL(fileURLWithPath: joined).standardizedFileURL.path
        }
        return GitLocation(gitDirectory: absolute(lines[0]), commonDirectory: absolute(lines[1]), topLevel: absolute(lines[2]))
    }
}

/// What a scratch copy must hold: the workspace's files as they are now. In a git
/// repository, tracked files (a tracked file deleted from the work tree is listed and
/// then found absent) and untracked files that are not ignored; elsewhere every file.
/// Never Airlock's own `.airlock/`, never anything under `.git`.
enum WorkspaceListing {
    static func paths(of workspace: String, git: GitLocation?, runner: ProcessRunner) throws -> [String] {
        let listed = try git == nil ? walk(workspace) : gitFiles(workspace, runner: runner)
        var seen = Set<String>()
        return listed.filter { isCopyable($0) && seen.insert($0).inserted }
    }

    /// A relative path with no empty, `.` or `..` component, outside `.airlock/` and `.git`.
    static func isCopyable(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        if components.first == Substring(ManagedWorkspace.stateDirectoryName) { return false }
        return !components.contains { $0.isEmpty || $0 == "." || $0 == ".." || $0 == ".git" }
    }

    /// git with nothing from the environment that would point it at another repository,
    /// and without the optional index refresh that would write the workspace's `.git`.
    static func git(_ arguments: [String], in directory: String) -> ProcessCommand {
        var environment = ProcessInfo.processInfo.environment
        for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"] {
            environment[name] = nil
        }
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        return ProcessCommand("git", arguments, environment: environment, workingDirectory: directory, timeout: .seconds(120))
    }

    private static func gitFiles(_ workspace: String, runner: ProcessRunner) throws -> [String] {
        let outcome = try runner.run(git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], in: workspace))
        guard outcome.succeeded else {
            throw ScratchError.listing(String(decoding: outcome.standardError, as: UTF8.self))
        }
        return outcome.standardOutput.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file and symlink under `root`, without following links into directories.
    private static func walk(_ root: String) throws -> [String] {
        var found: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                throw ScratchError.listing("cannot read \(directory): \(error.localizedDescription)")
            }
            for name in names {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(root + "/" + path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    if isCopyable(path) { pending.append(path) }
                } else {
                    found.append(path)
                }
            }
        }
        return found
    }
}
