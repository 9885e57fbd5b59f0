#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation

/// A real OpenSSH server on 127.0.0.1, for the current user, with throwaway keys: a test
/// reaches `airlock` the way a team lead does, through `ssh -tt` from a terminal (a
/// `TmuxScreen`), so the remote side has a pseudo-terminal and `SSH_CONNECTION`.
///
/// Everything lives in a temporary directory: the host key, a client key pair, the
/// authorized keys, the configuration, the pid file and the server's log. The server runs
/// as the current user (root in CI, which needs `/run/sshd` and `PermitRootLogin`; a
/// normal user can log in as themselves) and is stopped when the value goes away.
final class LoopbackSSH {
    let port: Int
    let directory: URL
    private let server: BackgroundProcess

    var clientKey: URL { directory.appendingPathComponent("client_key") }

    init() throws {
        let sshd = try RequiredTool.sshd.executable()
        _ = try RequiredTool.ssh.executable()
        directory = try ManagedWorkspaceFixture.directory()
        do {
            try Self.generateKey(at: directory.appendingPathComponent("host_key"))
            try Self.generateKey(at: directory.appendingPathComponent("client_key"))
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent("client_key.pub"), to: directory.appendingPathComponent("authorized_keys"))
            // As root, sshd insists on its privilege separation directory (Debian makes
            // it when the service starts, which a CI machine never does).
            if geteuid() == 0 { try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true) }
            (port, server) = try Self.start(sshd, in: directory)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Clients

    /// The `ssh` command line that runs `remoteCommand` on 127.0.0.1 with a terminal
    /// (`-tt`), ignoring every configuration and known-hosts file of the machine.
    func command(_ remoteCommand: String) -> [String] {
        [RequiredTool.ssh.path, "-F", "/dev/null", "-tt", "-i", clientKey.path, "-p", String(port)]
            + Self.clientOptions + ["127.0.0.1", remoteCommand]
    }

    /// `ssh` without a terminal (`-T`): the remote command's stdin is `input`.
    func runWithoutTerminal(_ remoteCommand: String, input: String = "") throws -> ProcessOutcome {
        try SystemProcessRunner().run(ProcessCommand(
            RequiredTool.ssh.path,
            ["-F", "/dev/null", "-T", "-i", clientKey.path, "-p", String(port)] + Self.clientOptions + ["127.0.0.1", remoteCommand],
            environment: ["PATH": "/usr/bin:/bin", "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"],
            standardInput: .bytes(Array(input.utf8)), timeout: .seconds(30), detachedFromTerminal: true))
    }

    /// What the remote shell runs: `cd DIRECTORY && env K=V… ARGUMENTS`, every word
    /// quoted. The login shell's `PATH` and profile are not relied on.
    static func remoteCommand(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) -> String {
        let assignments = environment.sorted { $0.key < $1.key }.map { TmuxScreen.quoted("\($0.key)=\($0.value)") }
        return "cd \(TmuxScreen.quoted(directory.path)) && env \(assignments.joined(separator: " ")) \(arguments.map(TmuxScreen.quoted).joined(separator: " "))"
    }

    /// `airlock ARGUMENTS` in `directory` over SSH, on a tmux terminal of the given size.
    func screen(
        airlock arguments: [String], in directory: URL, environment: [String: String] = ["LANG": "C.UTF-8"], width: Int = 100,
        height: Int = 30, term: String = "xterm-256color"
    ) throws -> TmuxScreen {
        let remote = Self.remoteCommand([CLIHarness.executable.path] + arguments, in: directory, environment: environment)
        return try TmuxScreen(command(remote), in: directory, width: width, height: height, environment: TmuxScreen.environment(["TERM": term]))
    }

    private static let clientOptions = [
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
        "-o", "ConnectTimeout=10",
    ]

    // MARK: - The server

    private static func generateKey(at path: URL) throws {
        let outcome = try SystemProcessRunner().run(ProcessCommand(
            try RequiredTool.sshKeygen.executable(), ["-q", "-t", "ed25519", "-N", "", "-C", "airlock-test", "-f", path.path],
            timeout: .seconds(20), detachedFromTerminal: true))
        guard outcome.succeeded else {
            throw PseudoTerminalError(description: "ssh-keygen: \(VisibleText.escape(bytes: outcome.standardError))")
        }
    }

    private static func configuration(port: Int, in directory: URL) -> String {
        """
        ListenAddress 127.0.0.1
        Port \(port)
        HostKey \(directory.path)/host_key
        PidFile \(directory.path)/sshd.pid
        AuthorizedKeysFile \(directory.path)/authorized_keys
        StrictModes no
        UsePAM no
        PermitRootLogin yes
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        AllowTcpForwarding no
        X11Forwarding no
        PrintMotd no
        PrintLastLog no
        LoginGraceTime 20

        """
    }

    /// Starts sshd on a free port, trying another when the one picked was taken between
    /// the pick and the server's bind; returns once the server wrote its pid file (after
    /// it listens).
    private static func start(_ sshd: String, in directory: URL) throws -> (Int, BackgroundProcess) {
        var lastOutput = ""
        for attempt in 1...5 {
            let port = try freePort()
            let config = directory.appendingPathComponent("sshd_config")
            try Data(configuration(port: port, in: directory).utf8).write(to: config)
            let pidFile = directory.appendingPathComponent("sshd.pid").path
            let server = try BackgroundProcess(
                [sshd, "-D", "-e", "-f", config.path], environment: ["PATH": "/usr/sbin:/usr/bin:/bin"],
                log: directory.appendingPathComponent("sshd-\(attempt).log"))
            let deadline = Date().addingTimeInterval(10)
            while server.exitStatus() == nil, Date() < deadline {
                if FileManager.default.fileExists(atPath: pidFile) { return (port, server) }
                usleep(10_000)
            }
            lastOutput = server.output
            server.stop()
        }
        throw PseudoTerminalError(description: "sshd did not start; it said:\n\(lastOutput)")
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PseudoTerminalError(description: "socket: \(PseudoTerminalCalls.message(errno))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw PseudoTerminalError(description: "bind: \(PseudoTerminalCalls.message(errno))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
