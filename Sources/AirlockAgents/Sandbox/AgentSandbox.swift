import AirlockCore
import Foundation

/// The bubblewrap command line an agent runs under with `airlock run --sandbox`.
///
/// The whole file system is read-only. Over it: empty file systems for `/tmp`,
/// `/var/tmp` and `/run` (the user's agent sockets, Docker's, the session bus); the
/// agent's own configuration and credentials in `$HOME` bound writable, except the
/// places other programs run code from; credential stores hidden; the workspace bound
/// read-only again (it may lie under a writable directory); its `.airlock/` (store,
/// config, journal) and the git directory's `airlock/` (check slots, other agents'
/// checkouts, the registry) hidden; and last the agent's checkout, writable. Its own
/// PID, IPC and UTS namespaces, no capabilities, network only when allowed.
public struct AgentSandbox: Sendable {
    public var bubblewrap: String
    public var checkout: AgentCheckout
    public var home: String?
    /// The `airlock` the agent's channels run: this process's executable.
    public var executable: String? = AgentSandbox.runningExecutable()
    public var network: Bool
    /// A new session: no controlling terminal, so no `TIOCSTI` into the user's terminal.
    /// On a pseudo-terminal of the runner's the agent keeps it as its terminal (for its
    /// size and job control); pushing input into it only reaches the agent itself.
    public var newSession: Bool

    public init(bubblewrap: String, checkout: AgentCheckout, home: String?, network: Bool, newSession: Bool) {
        self.bubblewrap = bubblewrap
        self.checkout = checkout
        self.home = home
        self.network = network
        self.newSession = newSession
    }

    /// What in `$HOME` an agent keeps writable: its configuration, credentials, caches.
    public static let writableInHome = [".claude", ".claude.json", ".codex", ".gemini", ".config", ".cache", ".npm", ".local"]
    /// Read-only inside those: what other programs (git, the user's session, the shell's
    /// PATH) run code from, so an agent cannot plant something that runs outside.
    public static let readOnlyInHome = [".config/git", ".config/systemd", ".config/autostart", ".config/environment.d", ".local/bin", ".local/share/systemd"]
    /// Hidden: credentials no coding agent needs.
    public static let hiddenInHome = [".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker", ".netrc", ".git-credentials", ".pgpass"]

    /// bubblewrap's arguments, up to and including `--`, for an agent started in its checkout.
    public func arguments() -> [String] {
        var arguments = ["--die-with-parent"]
        if newSession { arguments.append("--new-session") }
        arguments += ["--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
        if !network { arguments.append("--unshare-net") }
        arguments += ["--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
        for directory in ["/var/tmp", "/run"] where isDirectory(directory) { arguments += ["--tmpfs", directory] }
        // The airlock running the agent, for `airlock propose`, `mcp` and `hook` inside, even
        // where it lies under a directory made private above (a build under /tmp).
        if let executable, ["/tmp", "/var/tmp", "/run"].contains(where: { inside(executable, $0) }) {
            arguments += ["--ro-bind", executable, executable]
        }
        let resolver = "/run/systemd/resolve"
        if network && isDirectory(resolver) { arguments += ["--ro-bind", resolver, resolver] }
        if let home, isDirectory(home) {
            // Read-only like the rest, even where it lies under /tmp.
            arguments += ["--ro-bind", home, home]
            for name in Self.writableInHome where exists(home + "/" + name) { arguments += ["--bind", home + "/" + name, home + "/" + name] }
            for name in Self.readOnlyInHome {
                let path = home + "/" + name
                let parent = (path as NSString).deletingLastPathComponent
                if exists(path) {
                    arguments += ["--ro-bind", path, path]
                } else if isDirectory(parent) && parent != home {
                    // Not there: an empty read-only directory in its place, so the agent
                    // cannot create it.
                    arguments += ["--tmpfs", path, "--remount-ro", path]
                }
            }
            for name in Self.hiddenInHome where exists(home + "/" + name) {
                let path = home + "/" + name
                arguments += isDirectory(path) ? ["--tmpfs", path, "--remount-ro", path] : ["--ro-bind", "/dev/null", path]
            }
        }
        let workspace = checkout.workspace
        arguments += ["--ro-bind", workspace, workspace]
        if !inside(checkout.gitDirectory, workspace) { arguments += ["--ro-bind", checkout.gitDirectory, checkout.gitDirectory] }
        let hidden = [workspace + "/" + ManagedWorkspace.stateDirectoryName, checkout.airlockDirectory].filter(isDirectory)
        for path in hidden { arguments += ["--tmpfs", path] }
        arguments += ["--bind", checkout.path, checkout.path]
        for path in hidden { arguments += ["--remount-ro", path] }
        arguments += ["--chdir", checkout.path, "--"]
        return arguments
    }

    /// This process's executable, as the kernel names it.
    static func runningExecutable() -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    private func inside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory + "/")
    }

    private func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
