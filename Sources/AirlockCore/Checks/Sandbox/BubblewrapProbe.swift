import Foundation

/// Finds bubblewrap and tries it: present is not enough, since a container or a kernel
/// without unprivileged user namespaces may refuse to start it.
public enum BubblewrapProbe {
    /// The probe's answer for this process, run once on first use.
    public static let shared: SandboxAvailability = probe()

    /// Looks for `bwrap` in the system's directories and then `PATH`, and starts it once
    /// with the namespaces and mounts a check uses, running `/bin/true`.
    public static func probe(runner: ProcessRunner = SystemProcessRunner(), searchPath: String? = nil) -> SandboxAvailability {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = ["/usr/bin", "/bin", "/usr/local/bin"] + path.split(separator: ":").map(String.init)
        guard let bubblewrap = directories.map({ $0 + "/bwrap" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return .unavailable(reason: "is not installed (no bwrap in /usr/bin, /bin, /usr/local/bin or PATH)")
        }
        let trial = ProcessCommand(
            bubblewrap,
            [
                "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-net", "--cap-drop", "ALL",
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--", "/bin/true",
            ],
            environment: ["PATH": "/usr/bin:/bin"], standardInput: .null, timeout: .seconds(10), detachedFromTerminal: true)
        let outcome: ProcessOutcome
        do {
            outcome = try runner.run(trial)
        } catch {
            return .unavailable(reason: "cannot be started (\(error))")
        }
        guard outcome.succeeded else {
            let said = String(decoding: outcome.standardError, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let why = outcome.timedOut ? "did not finish within 10 s" : outcome.termination.description
            return .unavailable(reason: "cannot start here (\(bubblewrap): \(why)\(said.isEmpty ? "" : ": " + VisibleText.escape(said)))")
        }
        return .available(bubblewrap: bubblewrap)
    }
}
