import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AirlockCore

/// What happens without bubblewrap: the default refuses with a reason, and `.off` runs
/// the command unconfined, says so, and still kills its group at the timeout.
@Suite("Commands without a sandbox")
struct UnsandboxedCommandTests {
    private func scratch() throws -> (ScratchFixture, SandboxedCommand) {
        let f = try ScratchFixture(git: false)
        let directory = f.base + "/scratch"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (f, SandboxedCommand(script: "", directory: directory, timeout: .seconds(20), hiddenPaths: [f.workspace]))
    }

    @Test func theDefaultRefusesWhereBubblewrapCannotStartAndSaysWhy() {
        #expect {
            try CommandSandbox(mode: .bubblewrap, availability: .unavailable(reason: "is not installed"))
        } throws: { error in
            let text = (error as? SandboxUnavailable)?.description ?? ""
            return text.contains("is not installed") && text.contains("sandbox = \"off\"") && text.contains("not run")
        }
    }

    @Test func theProbeReportsWhatBubblewrapSaidEscaped() {
        struct Refusing: ProcessRunner {
            func run(_ command: ProcessCommand) throws(ProcessRunnerError) -> ProcessOutcome {
                ProcessOutcome(termination: .exited(1), standardError: Array("bwrap: No permissions to create new namespace\u{1b}[2J\n".utf8))
            }
        }
        guard case .unavailable(let reason) = BubblewrapProbe.probe(runner: Refusing()) else {
            Issue.record("a bubblewrap that fails to start was found usable")
            return
        }
        #expect(reason.contains("No permissions to create new namespace"))
        #expect(!reason.contains("\u{1b}"))
    }

    @Test func offRunsTheCommandAndSaysItWasNotSandboxed() throws {
        let (f, base) = try scratch()
        var command = base
        command.script = "echo out; echo err >&2; touch made-here; exit 4"
        var output: [UInt8] = []
        let outcome = try CommandSandbox(mode: .off).run(command) { output += $0 }
        #expect(outcome.termination == .exited(4))
        #expect(!outcome.sandboxed)
        #expect(String(decoding: output, as: UTF8.self) == "out\nerr\n")
        #expect(FileManager.default.fileExists(atPath: f.base + "/scratch/made-here"))
    }

    @Test func offKillsTheGroupAtTheTimeout() throws {
        let (fixture, base) = try scratch()
        defer { withExtendedLifetime(fixture) {} }
        let token = "\(800_000 + Int.random(in: 0..<99_999))"
        var command = base
        command.script = "sleep \(token) & sleep \(token)"
        command.timeout = .milliseconds(500)
        let outcome = try CommandSandbox(mode: .off).run(command) { _ in }
        #expect(outcome.timedOut)
        #expect(CommandSandboxTests.processes(mentioning: token).isEmpty)
    }

    @Test func offPassesOnlyTheMinimalEnvironment() throws {
        let (fixture, base) = try scratch()
        defer { withExtendedLifetime(fixture) {} }
        setenv("AIRLOCK_TEST_TOKEN_OFF", "secret-value", 1)
        defer { unsetenv("AIRLOCK_TEST_TOKEN_OFF") }
        var command = base
        command.script = "env"
        var output: [UInt8] = []
        _ = try CommandSandbox(mode: .off).run(command) { output += $0 }
        let text = String(decoding: output, as: UTF8.self)
        #expect(!text.contains("secret-value"))
        #expect(text.contains("CI=true"))
    }

    @Test func aCommandThatExitsWhileAChildHoldsItsOutputEndsAnyway() throws {
        let (fixture, base) = try scratch()
        defer { withExtendedLifetime(fixture) {} }
        var command = base
        command.script = "(sleep 30 &) ; echo done"
        let outcome = try CommandSandbox(mode: .off).run(command) { _ in }
        #expect(outcome.succeeded)
        #expect(outcome.duration < .seconds(10))
    }

    // MARK: - the command line

    @Test func hiddenPathsAreCoveredBeforeTheScratchCopyIsMounted() throws {
        let command = SandboxedCommand(
            script: "make test", directory: "/repo/.git/airlock/scratch/0", timeout: .seconds(1), hiddenPaths: ["/repo", "/repo/.git"])
        let arguments = try BubblewrapArguments.arguments(for: command, home: "/home/alice")
        let text = arguments.joined(separator: " ")
        #expect(text.contains("--unshare-net"))
        #expect(text.contains("--tmpfs /home/alice"))
        let hidden = try #require(text.range(of: "--tmpfs /repo "))
        let hiddenGit = try #require(text.range(of: "--tmpfs /repo/.git "))
        let bound = try #require(text.range(of: "--bind /repo/.git/airlock/scratch/0 /repo/.git/airlock/scratch/0"))
        #expect(hidden.lowerBound < bound.lowerBound && hiddenGit.lowerBound < bound.lowerBound)
        #expect(Array(arguments.suffix(4)) == ["--", "/bin/sh", "-c", "make test"])
        #expect(text.contains("--clearenv"))
        var networked = command
        networked.network = true
        #expect(!(try BubblewrapArguments.arguments(for: networked, home: nil)).contains("--unshare-net"))
    }
}
