import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AirlockCore

extension Trait where Self == ConditionTrait {
    /// For suites that run real bubblewrap: skipped where it cannot start, with the probe's
    /// reason, except under `CI=true`, where they run and fail.
    static var requiresBubblewrap: Self {
        let availability = BubblewrapProbe.shared
        let reason: String
        if case .unavailable(let why) = availability { reason = "bubblewrap \(why)" } else { reason = "" }
        return .enabled(
            if: availability.isAvailable || ProcessInfo.processInfo.environment["CI"] == "true",
            Comment(rawValue: "\(reason) (under CI=true this is a failure, not a skip)"))
    }
}

/// Commands in a prepared scratch slot under real bubblewrap: what they may do, what they
/// may not, and that a hang ends with the whole tree.
@Suite("Commands in the sandbox", .requiresGit, .requiresBubblewrap)
struct CommandSandboxTests {
    /// A repository with a file, its slot prepared, and the sandbox.
    private struct Setup {
        let fixture: ScratchFixture
        let slot: ScratchSlot
        let sandbox: CommandSandbox

        init(mode: SandboxMode = .bubblewrap) throws {
            fixture = try ScratchFixture()
            fixture.write("test.sh", "echo testing\n")
            try fixture.commitAll()
            fixture.settle()
            slot = try ScratchPool(workspace: fixture.workspace).acquire()
            try slot.prepare(patch: Patch(files: []))
            sandbox = try CommandSandbox(mode: mode)
        }

        func run(_ script: String, timeout: Duration = .seconds(20), network: Bool = false, readOnlyPaths: [String] = []) throws -> (SandboxOutcome, String) {
            var output: [UInt8] = []
            let outcome = try sandbox.run(SandboxedCommand(script, in: slot, timeout: timeout, network: network, readOnlyPaths: readOnlyPaths)) {
                output += $0
            }
            return (outcome, String(decoding: output, as: UTF8.self))
        }
    }

    @Test func aCommandThatPasses() throws {
        let s = try Setup()
        let (outcome, output) = try s.run("sh test.sh; echo to-stderr >&2; pwd")
        #expect(outcome.succeeded)
        #expect(outcome.sandboxed)
        #expect(output == "testing\nto-stderr\n\(s.slot.directory.path)\n")
        #expect(outcome.outputBytes == output.utf8.count)
    }

    @Test func aCommandThatFails() throws {
        let (outcome, output) = try Setup().run("echo failing; exit 3")
        #expect(outcome.termination == .exited(3))
        #expect(!outcome.succeeded && !outcome.timedOut)
        #expect(output == "failing\n")
    }

    @Test func aHangingTreeIsKilledWholeAtTheTimeout() throws {
        let token = "\(900_000 + Int.random(in: 0..<99_999))"
        let script = "setsid sleep \(token) & sleep \(token) & sleep \(token)"
        let (outcome, _) = try Setup().run(script, timeout: .milliseconds(800))
        #expect(outcome.timedOut)
        #expect(outcome.duration < .seconds(5))
        #expect(Self.processes(mentioning: token).isEmpty, "left running: \(Self.processes(mentioning: token))")
    }

    @Test func theWorkspaceIsNotVisibleAndStaysUnchanged() throws {
        let s = try Setup()
        let workspace = s.fixture.workspace
        let before = ScratchFixture.tree(workspace)
        let (outcome, output) = try s.run("""
            ls -A \(workspace); echo planted > \(workspace)/test.sh; echo $?; \
            cat \(workspace)/.airlock/store.sqlite; echo planted > \(workspace)/.airlock/store.sqlite; \
            ls -A \(workspace)/.git; echo planted > \(workspace)/.git/config; echo done
            """)
        #expect(outcome.succeeded)
        #expect(!output.contains("the store"), "the store was readable: \(output)")
        #expect(!output.contains("test.sh\n.git"), "the workspace was listed: \(output)")
        let difference = Sandbox.difference(before, ScratchFixture.tree(workspace))
        #expect(difference.isEmpty, "the workspace changed:\n\(difference)")
    }

    @Test func homeIsNotVisibleAndAnEmptyWritableHomeIsGiven() throws {
        let home = try #require(ProcessInfo.processInfo.environment["HOME"])
        let secret = home + "/.airlock-sandbox-test-\(UUID().uuidString)"
        try Data("the reviewer's secret".utf8).write(to: URL(fileURLWithPath: secret))
        defer { try? FileManager.default.removeItem(atPath: secret) }
        let (outcome, output) = try Setup().run("cat \(secret); ls -A \"$HOME\" | wc -l; touch \"$HOME/written\" && echo home-writable")
        #expect(!output.contains("the reviewer's secret"))
        #expect(output.contains("No such file"))
        #expect(output.contains("0\nhome-writable\n"))
        #expect(outcome.succeeded)
        #expect(!FileManager.default.fileExists(atPath: home + "/written"))
    }

    @Test func theScratchCopyIsTheOnlyWritablePlace() throws {
        let s = try Setup()
        let (outcome, output) = try s.run("""
            echo built > artifact.txt && echo scratch-ok; \
            echo x > /usr/airlock-probe 2>/dev/null || echo usr-refused; \
            echo x > /tmp/private && echo tmp-ok
            """)
        #expect(outcome.succeeded)
        #expect(output.hasPrefix("scratch-ok\n") && output.hasSuffix("usr-refused\ntmp-ok\n"), "\(output)")
        #expect(output.contains("Read-only file system"))
        #expect(FileManager.default.fileExists(atPath: s.slot.directory.path + "/artifact.txt"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/private"))
    }

    @Test func socketsUnderRunAreOutOfReach() throws {
        let (outcome, output) = try Setup().run("ls -A /run | wc -l; ls -A /var/tmp | wc -l")
        #expect(outcome.succeeded)
        #expect(output == "0\n0\n")
    }

    @Test func theNetworkIsOffUnlessAskedFor() throws {
        let server = try LoopbackServer()
        let s = try Setup()
        let connect = "bash -c 'echo hello > /dev/tcp/127.0.0.1/\(server.port)'"
        let (refused, _) = try s.run(connect)
        #expect(!refused.succeeded)
        #expect(server.acceptedConnections() == 0)
        let (allowed, output) = try s.run(connect, network: true)
        #expect(allowed.succeeded, "\(output)")
        #expect(server.acceptedConnections() == 1)
    }

    @Test func onlyAMinimalEnvironmentGetsIn() throws {
        setenv("AIRLOCK_TEST_TOKEN", "ghp_secret", 1)
        defer { unsetenv("AIRLOCK_TEST_TOKEN") }
        let (outcome, output) = try Setup().run("env | sort")
        #expect(outcome.succeeded)
        let names = Set(output.split(separator: "\n").map { String($0.prefix { $0 != "=" }) })
        #expect(!output.contains("ghp_secret"))
        #expect(names.isSubset(of: ["PATH", "HOME", "LANG", "TERM", "CI", "PWD", "SHLVL", "_", "OLDPWD"]), "\(names)")
        #expect(output.contains("TERM=dumb\n") && output.contains("CI=true\n"))
    }

    @Test func itRunsInItsOwnSessionWithNoCapabilities() throws {
        let (outcome, output) = try Setup().run("echo pid=$$; grep CapEff /proc/self/status; cat /proc/self/stat | cut -d' ' -f6")
        #expect(outcome.succeeded)
        #expect(output.contains("CapEff:\t0000000000000000"))
        // Its own PID namespace: the shell is a low number, not this machine's.
        #expect(output.hasPrefix("pid=2\n") || output.hasPrefix("pid=1\n"), "\(output)")
    }

    @Test func outputArrivesWhileTheCommandRuns() throws {
        let s = try Setup()
        let started = ContinuousClock.now
        var firstChunk: Duration?
        let outcome = try s.sandbox.run(SandboxedCommand("echo first; sleep 2; echo second", in: s.slot, timeout: .seconds(20))) { _ in
            if firstChunk == nil { firstChunk = ContinuousClock.now - started }
        }
        let first = try #require(firstChunk)
        #expect(first < .milliseconds(1500), "the first chunk came after \(first)")
        #expect(outcome.duration >= .seconds(2))
    }

    @Test func aReadOnlyPathCannotUncoverTheWorkspace() throws {
        let s = try Setup()
        #expect(throws: ReadOnlyPathRefusal.self) { try s.run("true", readOnlyPaths: [s.fixture.base]) }
        #expect(throws: ReadOnlyPathRefusal.self) { try s.run("true", readOnlyPaths: [s.fixture.workspace + "/.git"]) }
    }

    // MARK: - helpers

    /// Live processes (not zombies) whose command line contains `token`.
    static func processes(mentioning token: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> String? in
            guard let pid = pid_t(name), ProcessTree.isRunning(pid),
                let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline")
            else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(token) ? "\(pid): \(line)" : nil
        }
    }
}
