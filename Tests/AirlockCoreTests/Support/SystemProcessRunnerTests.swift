import Foundation
import Testing
@testable import AirlockCore
#if canImport(Glibc)
import Glibc
#endif

/// The real runner on real processes: statuses, signals, captured output, descriptors,
/// directory, environment, timeouts and programs that cannot be started.
@Suite("SystemProcessRunner")
struct SystemProcessRunnerTests {
    let runner = SystemProcessRunner()

    private func shell(_ script: String, timeout: Duration? = nil) throws -> ProcessOutcome {
        try runner.run(ProcessCommand("/bin/sh", ["-c", script], timeout: timeout))
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - How it ended

    @Test func exitStatusesFromPATH() throws {
        #expect(try runner.run(ProcessCommand("true")).termination == .exited(0))
        #expect(try runner.run(ProcessCommand("true")).succeeded)
        let failed = try runner.run(ProcessCommand("false"))
        #expect(failed.termination == .exited(1))
        #expect(!failed.succeeded)
        #expect(try shell("exit 7").termination == .exited(7))
        #expect(try shell("exit 7").shellStatus == 7)
    }

    @Test func aSignalIsReportedAsOne() throws {
        let killed = try shell("kill -TERM $$; sleep 5")
        #expect(killed.termination == .signalled(SIGTERM))
        #expect(killed.shellStatus == 128 + SIGTERM)
        #expect(!killed.timedOut)
    }

    @Test func signalsThisProcessIgnoresAreDefaultInTheChild() throws {
        // The feedback editor ignores ^C while the editor runs; the editor must not.
        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        #expect(try shell("kill -INT $$; exit 0").termination == .signalled(SIGINT))
    }

    // MARK: - Descriptors

    @Test func capturesStandardOutputAndErrorApart() throws {
        let outcome = try shell("echo out; echo err >&2; printf 'more'; exit 3")
        #expect(text(outcome.standardOutput) == "out\nmore")
        #expect(text(outcome.standardError) == "err\n")
        #expect(outcome.termination == .exited(3))
    }

    @Test func largeOutputOnBothStreamsDoesNotStall() throws {
        // Each stream is far past a pipe's 64 KiB buffer, written one after the other.
        let outcome = try shell("head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2; head -c 100000 /dev/zero")
        #expect(outcome.standardOutput.count == 400_000)
        #expect(outcome.standardError.count == 200_000)
    }

    @Test func inputBytesReachStandardInput() throws {
        let input = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let outcome = try runner.run(ProcessCommand("cat", standardInput: .bytes(input)))
        #expect(outcome.standardOutput == input)
        #expect(try runner.run(ProcessCommand("cat", standardInput: .null)).standardOutput.isEmpty)
    }

    @Test func givenDescriptorsAndDiscardedOutput() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)").path
        let file = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(file >= 0)
        defer { close(file); unlink(path) }
        let outcome = try runner.run(ProcessCommand(
            "/bin/sh", ["-c", "echo to-file; echo also >&2"], standardOutput: .descriptor(file), standardError: .discard))
        #expect(outcome.succeeded)
        #expect(outcome.standardOutput.isEmpty && outcome.standardError.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "to-file\n")
    }

    @Test func theChildInheritsNoOtherDescriptor() throws {
        // Opened without O_CLOEXEC, as a careless caller or library might.
        let leaked = open("/dev/null", O_RDONLY)
        try #require(leaked >= 0)
        defer { close(leaked) }
        #expect(try shell("test -e /proc/$$/fd/\(leaked)").termination == .exited(1))
        #expect(try shell("test -e /proc/$$/fd/2").termination == .exited(0))
    }

    // MARK: - Where and with what

    @Test func runsInTheWorkingDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runner-cwd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try runner.run(ProcessCommand("/bin/pwd", ["-P"], workingDirectory: directory.path))
        #expect(text(outcome.standardOutput) == directory.resolvingSymlinksInPath().path + "\n")
    }

    @Test func theEnvironmentIsExactlyTheOneGiven() throws {
        let outcome = try runner.run(ProcessCommand("/usr/bin/env", environment: ["GREETING": "hello world", "PATH": "/usr/bin:/bin"]))
        #expect(text(outcome.standardOutput).split(separator: "\n").sorted() == ["GREETING=hello world", "PATH=/usr/bin:/bin"])
    }

    @Test func withoutAnEnvironmentThisProcessesIsPassedOn() throws {
        let outcome = try runner.run(ProcessCommand("/usr/bin/env"))
        let path = try #require(ProcessInfo.processInfo.environment["PATH"])
        #expect(text(outcome.standardOutput).split(separator: "\n").contains { $0 == "PATH=\(path)" })
    }

    @Test func aNameIsLookedUpInTheGivenPATH() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runner-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("airlock-probe")
        try Data("#!/bin/sh\necho probed \"$@\"\n".utf8).write(to: script)
        chmod(script.path, 0o755)
        let outcome = try runner.run(ProcessCommand("airlock-probe", ["x"], environment: ["PATH": "/nonexistent:\(directory.path)"]))
        #expect(text(outcome.standardOutput) == "probed x\n")
    }

    // MARK: - Timeouts

    @Test func aTimeoutKillsTheCommandAndWhatItStarted() throws {
        let clock = ContinuousClock()
        var outcome: ProcessOutcome?
        let elapsed = try clock.measure {
            // The background sleep holds the output pipe too: it must die for the run to end.
            outcome = try shell("sleep 30 & echo $!; sleep 30", timeout: .milliseconds(300))
        }
        let killed = try #require(outcome)
        #expect(killed.timedOut)
        #expect(killed.termination == .signalled(SIGKILL))
        #expect(elapsed < .seconds(5), "\(elapsed)")
        let child = try #require(pid_t(text(killed.standardOutput).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.isGoneOrDead(child), "the background sleep \(child) outlived the timeout")
    }

    @Test func aTimeoutWithoutCapturedOutput() throws {
        let outcome = try runner.run(ProcessCommand("sleep", ["30"], standardOutput: .discard, standardError: .discard, timeout: .milliseconds(200)))
        #expect(outcome.timedOut)
        #expect(outcome.termination == .signalled(SIGKILL))
    }

    @Test func aCommandThatEndsInTimeIsNotKilled() throws {
        let outcome = try shell("echo done; exit 4", timeout: .seconds(30))
        #expect(!outcome.timedOut)
        #expect(outcome.termination == .exited(4))
        #expect(text(outcome.standardOutput) == "done\n")
        let quiet = try runner.run(ProcessCommand("true", standardOutput: .discard, standardError: .discard, timeout: .seconds(30)))
        #expect(quiet.termination == .exited(0) && !quiet.timedOut)
    }

    /// No process, or a zombie waiting for a parent that does not reap (as PID 1 in a
    /// container may not).
    private static func isGoneOrDead(_ pid: pid_t) -> Bool {
        for _ in 0..<200 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            usleep(5_000)
        }
        return false
    }

    // MARK: - What cannot start

    @Test func aMissingProgramIsAClearError() {
        #expect(throws: ProcessRunnerError.executableNotFound("airlock-no-such-program", searched: ["/nonexistent", "/also-not"])) {
            try runner.run(ProcessCommand("airlock-no-such-program", environment: ["PATH": "/nonexistent:/also-not"]))
        }
        let error = ProcessRunnerError.executableNotFound("airlock-no-such-program", searched: ["/nonexistent", "/also-not"])
        #expect(error.description == "cannot run `airlock-no-such-program`: not found in PATH (/nonexistent:/also-not)")
        #expect(throws: ProcessRunnerError.executableNotFound("/nonexistent/tool", searched: [])) {
            try runner.run(ProcessCommand("/nonexistent/tool"))
        }
        #expect(ProcessRunnerError.executableNotFound("/nonexistent/tool", searched: []).description == "cannot run `/nonexistent/tool`: no such file")
    }

    @Test func aFileThatIsNotExecutableOrADirectoryThatIsMissing() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("runner-plain-\(UUID().uuidString)")
        try Data("echo hi\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        chmod(file.path, 0o644)
        // No execute bit at all: not even root may run it.
        #expect(throws: ProcessRunnerError.notExecutable(file.path)) { try runner.run(ProcessCommand(file.path)) }
        #expect(throws: ProcessRunnerError.notExecutable("/tmp")) { try runner.run(ProcessCommand("/tmp")) }
        #expect(throws: ProcessRunnerError.workingDirectoryNotFound("/nonexistent/dir")) {
            try runner.run(ProcessCommand("true", workingDirectory: "/nonexistent/dir"))
        }
    }
}

// MARK: - Sessions

extension SystemProcessRunnerTests {
    /// The child's process id and session id, as the kernel reports them.
    private func session(detached: Bool) throws -> (pid: Int, sid: Int) {
        let outcome = try runner.run(ProcessCommand("/bin/sh", ["-c", "cat /proc/$$/stat"], detachedFromTerminal: detached))
        // pid (comm) state ppid pgrp session …; comm is "sh", without spaces.
        let fields = String(decoding: outcome.standardOutput, as: UTF8.self).split(separator: " ")
        try #require(fields.count > 5)
        return (Int(fields[0]) ?? -1, Int(fields[5]) ?? -2)
    }

    @Test func aDetachedChildLeadsASessionOfItsOwn() throws {
        let detached = try session(detached: true)
        #expect(detached.pid == detached.sid)
        let attached = try session(detached: false)
        #expect(attached.sid == Int(getsid(0)), "an attached child stays in this session, with its terminal")
        #expect(attached.pid != attached.sid)
    }
}
