import AirlockCore
import Foundation

/// Where a path an agent's tool names lies relative to the workspace. Agents send absolute
/// paths (Claude Code, Gemini CLI) or paths relative to their working directory (Codex);
/// both are resolved lexically against the workspace root. What lies outside the workspace
/// is not Airlock's to gate; a path into `.git` or `.airlock` is refused outright. A path
/// inside that reaches outside through a symlink is proposed, and the applier refuses it.
public struct HookPaths: Sendable {
    public enum Place: Equatable, Sendable {
        /// Inside the workspace: the path relative to its root.
        case inside(String)
        case outside
        /// Into the repository's or Airlock's own state.
        case forbidden(String)
    }

    /// The workspace root as given, normalised.
    public let root: String
    /// The workspace root as given and with its symlinks resolved: agents may name it either way.
    let roots: [String]
    /// What relative paths are relative to.
    let base: String

    public init(root: String, cwd: String?) {
        let given = Self.normalized(root)
        let real = given.withCString { pointer -> String? in
            guard let resolved = realpath(pointer, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }
        self.root = given
        roots = [given] + (real.map { $0 == given ? [] : [$0] } ?? [])
        if let cwd, cwd.hasPrefix("/") { base = Self.normalized(cwd) } else { base = given }
    }

    public func place(of path: String) -> Place {
        let absolute = Self.normalized(path.hasPrefix("/") ? path : base + "/" + path)
        for root in roots {
            let relative: String
            if absolute == root {
                relative = ""
            } else if absolute.hasPrefix(root == "/" ? "/" : root + "/") {
                relative = String(absolute.dropFirst(root == "/" ? 1 : root.count + 1))
            } else {
                continue
            }
            let components = relative.split(separator: "/")
            guard let first = components.first else { return .forbidden("it names the workspace directory itself, not a file") }
            if components.contains(".git") { return .forbidden("it is inside a .git directory, which agents may not write") }
            if first == Substring(ManagedWorkspace.stateDirectoryName) { return .forbidden("it is inside .airlock, Airlock's own state") }
            return .inside(relative)
        }
        return .outside
    }

    /// `a/./b/../c` → `a/c`, lexically (no file system access); `..` above `/` stays at `/`.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
