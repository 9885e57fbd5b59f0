import Foundation

/// The bubblewrap command line for one check command, and the environment it gets.
///
/// The whole file system is mounted read-only; over it, empty file systems hide `/tmp`,
/// `/var/tmp`, `/run` (sockets: system bus, Docker, agents), `$HOME` and every hidden
/// path (the workspace, the store, the git directories); the scratch copy is mounted
/// writable last, so it is there even when it lives inside a hidden git directory; then
/// the hidden paths' empty file systems are made read-only.
/// New PID, IPC, UTS and (without network) network namespaces, a new session (no
/// `TIOCSTI` into the reviewer's terminal), no capabilities, and death with its parent.
enum BubblewrapArguments {
    static func arguments(for command: SandboxedCommand, home: String?) throws(ReadOnlyPathRefusal) -> [String] {
        let hidden = command.hiddenPaths.map(standardized).filter { $0 != "/" }
        for path in command.readOnlyPaths.map(standardized) {
            if path == "/" || hidden.contains(where: { overlaps(path, $0) }) || overlaps(path, standardized(command.directory)) {
                throw ReadOnlyPathRefusal(path: path)
            }
        }
        var arguments = [
            "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        ]
        if !command.network { arguments.append("--unshare-net") }
        arguments += ["--hostname", "airlock-check", "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
        for directory in ["/var/tmp", "/run"] where isDirectory(directory) {
            arguments += ["--tmpfs", directory]
        }
        // Without it a resolv.conf that links into /run would leave a networked test
        // without DNS.
        if command.network && isDirectory(resolver) { arguments += ["--ro-bind", resolver, resolver] }
        if let home { arguments += ["--tmpfs", home] } else { arguments += ["--dir", defaultHome] }
        for path in hidden { arguments += ["--tmpfs", path] }
        for path in command.readOnlyPaths.map(standardized) where isDirectory(path) || FileManager.default.fileExists(atPath: path) {
            arguments += ["--ro-bind", path, path]
        }
        let directory = standardized(command.directory)
        arguments += ["--bind", directory, directory]
        // The empty file systems over the hidden paths are read-only too, once the scratch
        // copy is mounted inside them: a write to the workspace fails rather than landing
        // in a copy that is thrown away, so a test that tries is seen to fail.
        for path in hidden { arguments += ["--remount-ro", path] }
        arguments += ["--chdir", directory, "--clearenv"]
        for (name, value) in environment(for: command, home: home ?? defaultHome).sorted(by: { $0.key < $1.key }) {
            arguments += ["--setenv", name, value]
        }
        return arguments + ["--", "/bin/sh", "-c", command.script]
    }

    /// systemd-resolved's directory, which `/etc/resolv.conf` often links into.
    static let resolver = "/run/systemd/resolve"

    /// `$HOME` inside the sandbox when this process's own is unusable.
    static let defaultHome = "/tmp/home"

    /// The only variables a command gets: the configured ones, then PATH, HOME, LANG,
    /// TERM=dumb and CI=true, which the configuration cannot change.
    static func environment(for command: SandboxedCommand, home: String) -> [String: String] {
        let parent = ProcessInfo.processInfo.environment
        var environment = command.environment
        environment["PATH"] = parent["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        environment["HOME"] = home
        environment["LANG"] = parent["LANG"] ?? "C.UTF-8"
        environment["TERM"] = "dumb"
        environment["CI"] = "true"
        return environment
    }

    /// This process's `$HOME` when it is an absolute directory other than `/`.
    static func usableHome() -> String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/") else { return nil }
        let path = standardized(home)
        return path != "/" && isDirectory(path) ? path : nil
    }

    // MARK: - paths

    static func standardized(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return (url.resolvingSymlinksInPath().path as String?) ?? url.path
    }

    /// One is the other or inside it.
    private static func overlaps(_ a: String, _ b: String) -> Bool {
        a == b || a.hasPrefix(b + "/") || b.hasPrefix(a + "/")
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// A read-only path a command may not be shown: it is, holds or lies inside the workspace,
/// one of its git directories or the scratch copy.
public struct ReadOnlyPathRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String

    public var description: String {
        "read-only path \(VisibleText.escape(path)) would show the workspace, its git directory or the scratch copy to the command"
    }
}
