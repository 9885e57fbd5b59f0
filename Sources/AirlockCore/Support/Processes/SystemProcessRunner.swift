#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Runs real processes with `posix_spawn`. Foundation's `Process` is not used: on Linux
/// it polls for the exit every 50 ms, and it cannot hand a child the reviewer's terminal
/// as its standard input.
public struct SystemProcessRunner: ProcessRunner {
    public init() {}

    public func run(_ command: ProcessCommand) throws(ProcessRunnerError) -> ProcessOutcome {
        let path = try ExecutableSearch.resolve(command.executable, environment: command.environment)
        if let directory = command.workingDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .workingDirectoryNotFound(directory)
            }
        }
        var request = try SpawnRequest(command, path: path)
        defer { request.close() }
        let pid = try request.spawn()
        let deadline = command.timeout.map { ContinuousClock.now + $0 }

        guard let deadline else {
            var captured = CapturedOutput()
            do throws(ProcessRunnerError) {
                _ = try captured.read(output: request.capturedOutput, error: request.capturedError, until: nil, executable: command.executable)
            } catch {
                // Still reap the child, so no zombie is left behind.
                _ = ChildExit.waitBlocking(pid, executable: command.executable)
                throw error
            }
            let status = try ChildExit.waitBlocking(pid, executable: command.executable).get()
            return ProcessOutcome(termination: ChildExit.termination(of: status), standardOutput: captured.standardOutput, standardError: captured.standardError)
        }

        let exit = ChildExit(pid: pid, executable: command.executable)
        var captured = CapturedOutput()
        var finished = false
        do throws(ProcessRunnerError) {
            finished = try captured.read(output: request.capturedOutput, error: request.capturedError, until: deadline, executable: command.executable)
        } catch {
            kill(-pid, SIGKILL)
            _ = try? exit.status()
            throw error
        }
        let status: Int32
        let timedOut: Bool
        if finished, let exited = try exit.status(by: deadline) {
            (status, timedOut) = (exited, false)
        } else {
            // The child leads its own group (or session; see SpawnRequest): this reaches its
            // children too.
            kill(-pid, SIGKILL)
            (status, timedOut) = (try exit.status(), true)
        }
        return ProcessOutcome(
            termination: ChildExit.termination(of: status), timedOut: timedOut,
            standardOutput: captured.standardOutput, standardError: captured.standardError)
    }
}
