import ArgumentParser
import Foundation

/// Runs a command the way ArgumentParser's own entry point does, but only starts Swift's
/// concurrency runtime for the commands that wait (`wait`, `audit --follow`, `review`):
/// its threads cost every one-shot command, `airlock list` included, a millisecond or two.
@main
enum AirlockMain {
    static func main() {
        // Whoever started us may have blocked signals (a thread of a dispatch pool does):
        // a command must still stop on SIGTERM and SIGINT as a person expects.
        var none = sigset_t()
        sigemptyset(&none)
        _ = pthread_sigmask(SIG_SETMASK, &none, nil)
        do {
            var command = try Airlock.parseAsRoot()
            if let waiting = command as? any AsyncParsableCommand {
                try AsyncCommand.run(waiting)
            } else {
                try command.run()
            }
        } catch {
            Airlock.exit(withError: error)
        }
    }
}

/// An asynchronous command run to its end from synchronous code.
enum AsyncCommand {
    /// Written by the task before it signals, read after the wait: the semaphore
    /// orders the two.
    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }

    static func run(_ command: any AsyncParsableCommand) throws {
        nonisolated(unsafe) var command = command
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await command.run()
            } catch {
                outcome.error = error
            }
            finished.signal()
        }
        finished.wait()
        if let error = outcome.error { throw error }
    }
}
