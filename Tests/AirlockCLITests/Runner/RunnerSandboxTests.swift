#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation
import Testing

/// `airlock run --sandbox` with real bubblewrap: an agent that tries to write the
/// workspace, the store and to drive `airlock review` fails at each, while its proposals
/// still arrive through the runner's socket, the network stays on (unless
/// `--no-network`) and its own files in `$HOME` stay readable and writable.
@Suite("airlock run --sandbox", .requires(.git), .requiresBubblewrapForCLI)
struct RunnerSandboxTests {
    /// What the agent tries, one marker line per attempt on its output.
    static let attempts = [
        "echo changed > \"$WS/a.txt\" && echo WROTE-WORKSPACE || echo WORKSPACE-READ-ONLY",
        "echo x >> \"$WS/.airlock/store.sqlite\" && echo WROTE-STORE || echo STORE-UNREACHABLE",
        "touch \"$WS/.airlock/planted\" && echo WROTE-STATE || echo STATE-READ-ONLY",
        "echo '[core]' >> \"$WS/.git/config\" && echo WROTE-GIT-CONFIG || echo GIT-CONFIG-READ-ONLY",
        "ls \"$WS/.git/airlock/runs\" 2>/dev/null | grep -q json && echo SAW-REGISTRY || echo REGISTRY-HIDDEN",
        "script -qec \"'$AIRLOCK_BIN' review --workspace '$WS'\" /dev/null < /dev/null; echo REVIEW-STATUS-$?",
        "cat \"$HOME/.claude/settings.json\"; echo",
        "echo '{\"theme\":\"light\"}' > \"$HOME/.claude/settings.json\" && echo HOME-CONFIG-WRITTEN",
        "touch \"$HOME/planted\" && echo WROTE-HOME || echo HOME-READ-ONLY",
        "cat \"$HOME/.ssh/id_ed25519\" && echo READ-SSH-KEY || echo SSH-HIDDEN",
        "bash -c \"exec 3<>/dev/tcp/127.0.0.1/$PORT\" && echo NETWORK-ON || echo NETWORK-OFF",
        "printf '%s\\n' '--- a/a.txt' '+++ b/a.txt' '@@ -1,3 +1,4 @@' ' one' ' two' ' three' '+via socket' | \"$AIRLOCK_BIN\" propose --title 'Through the socket' - && echo PROPOSED-THROUGH-SOCKET",
        "echo four >> a.txt && git commit -qam 'Committed in the sandbox' && echo COMMITTED",
    ]

    private func run(network: Bool) throws -> (fixture: RunnerFixture, output: String, before: [String: Data]) {
        let fixture = try RunnerFixture()
        let home = try ManagedWorkspaceFixture.directory()
        try CLIHarness.write("{\"theme\":\"dark\"}", to: ".claude/settings.json", in: home)
        try CLIHarness.write("PRIVATE KEY", to: ".ssh/id_ed25519", in: home)
        let listener = try TCPListener()
        let before = try CLIHarness.tree(fixture.root)
        let runner = try fixture.start(
            ["--agent", "boxed", "--sandbox"] + (network ? [] : ["--no-network"]) + ["--", "/bin/sh", "-c", Self.attempts.joined(separator: "\n")],
            environment: ["HOME": home.path, "WS": fixture.root.path, "AIRLOCK_BIN": CLIHarness.executable.path, "PORT": String(listener.port)])
        #expect(RunnerFixture.finish(runner, seconds: 60) == 0, "\(runner.output)")
        #expect(try CLIHarness.read(".claude/settings.json", in: home) == "{\"theme\":\"light\"}\n")
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("planted").path))
        return (fixture, runner.output, before)
    }

    @Test func theAgentCannotReachTheWorkspaceTheStoreOrADecisionButItsProposalsArrive() throws {
        let (fixture, output, before) = try run(network: true)
        for marker in [
            "WORKSPACE-READ-ONLY", "STORE-UNREACHABLE", "STATE-READ-ONLY", "GIT-CONFIG-READ-ONLY", "REGISTRY-HIDDEN",
            "{\"theme\":\"dark\"}", "HOME-CONFIG-WRITTEN", "HOME-READ-ONLY", "SSH-HIDDEN", "NETWORK-ON", "PROPOSED-THROUGH-SOCKET", "COMMITTED",
        ] {
            #expect(output.contains(marker), "\(marker) missing from: \(output)")
        }
        #expect(!output.contains("REVIEW-STATUS-0"), "\(output)")
        #expect(!output.contains("READ-SSH-KEY") && !output.contains("PRIVATE KEY"))
        // The workspace and its store are as they were, apart from the two proposals.
        let after = try CLIHarness.tree(fixture.root)
        #expect(after.filter { !$0.key.hasPrefix(".airlock/") } == before.filter { !$0.key.hasPrefix(".airlock/") })
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent(".airlock/planted").path))
        let proposals = try fixture.proposals()
        #expect(proposals.map(\.title).sorted() == ["Committed in the sandbox", "Through the socket"], "\(output)")
        #expect(proposals.allSatisfy { $0.agent == "boxed" && $0.state == .ready })
        let store = try ManagedWorkspace.open(root: fixture.root.path).workspace.store
        for proposal in proposals { #expect(try store.decisions(for: proposal.id).isEmpty) }
    }

    @Test func anInteractiveAgentKeepsItsTerminalInTheSandbox() throws {
        let fixture = try RunnerFixture()
        let environment = ReviewFixture.environment([
            "GIT_AUTHOR_NAME": "agent", "GIT_AUTHOR_EMAIL": "agent@example.com", "GIT_COMMITTER_NAME": "agent", "GIT_COMMITTER_EMAIL": "agent@example.com",
        ])
        let script = "[ -t 0 ] && [ -t 1 ] && echo TERMINAL-YES; printf 'name? '; read name; echo \"hello $name\" > greeting.txt; echo \"said hello to $name\""
        let terminal = try PseudoTerminal(
            arguments: ["run", "--sandbox", "--workspace", fixture.root.path, "--agent", "boxed-tty", "--", "/bin/sh", "-c", script], environment: environment)
        try terminal.expect("TERMINAL-YES")
        try terminal.expect("name? ")
        terminal.send("robot")
        try terminal.expect("said hello to robot")
        #expect(try terminal.waitForExit(timeout: 20) == 0, "\(terminal.transcript)")
        #expect(try fixture.proposals().map(\.title) == ["Uncommitted work of boxed-tty"])
    }

    @Test func withoutNetworkTheConnectionFails() throws {
        let (_, output, _) = try run(network: false)
        #expect(output.contains("NETWORK-OFF") && !output.contains("NETWORK-ON"), "\(output)")
        #expect(output.contains("PROPOSED-THROUGH-SOCKET"), "the socket needs no network: \(output)")
    }
}

/// A TCP socket listening on 127.0.0.1 at a port the system picks.
final class TCPListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard descriptor >= 0, bound == 0, listen(descriptor, 8) == 0 else { throw RunnerFixtureError(description: "cannot listen on 127.0.0.1") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        close(descriptor)
    }
}
