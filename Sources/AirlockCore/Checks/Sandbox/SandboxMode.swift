/// How a proposal's commands are confined while they run.
public enum SandboxMode: String, Sendable, Codable, CaseIterable {
    /// Under bubblewrap: only the scratch copy is writable, the workspace, the store and
    /// `$HOME` are not visible, no network unless asked for. The default.
    case bubblewrap
    /// Not confined: the command runs as this user, in its own session and process group,
    /// and every outcome says it was not sandboxed. Only when configured (`sandbox = "off"`).
    case off
}

/// Whether bubblewrap can confine commands on this machine, and why not.
public enum SandboxAvailability: Sendable, Equatable {
    case available(bubblewrap: String)
    case unavailable(reason: String)

    public var isAvailable: Bool {
        if case .available = self { return true }
        return false
    }
}

/// Why a command was not run: its sandbox cannot start here. The caller decides whether
/// to run checks unsandboxed (`sandbox = "off"`); nothing falls back on its own.
public struct SandboxUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String {
        "checks were not run: they run sandboxed under bubblewrap, which \(reason); install it (Debian package `bubblewrap`) "
            + "or set sandbox = \"off\" in .airlock/config.toml to run them unsandboxed"
    }
}
