/// Runs a program to completion: the one way Airlock starts other processes (the
/// reviewer's editor, git, a proposal's tests). Services take a runner as a value, so
/// tests can hand them a fake that records what would have run.
public protocol ProcessRunner: Sendable {
    /// Starts `command`, waits for it to end (or for its timeout) and reports how it ended.
    /// Throws only when the program could not be started; a program that fails or is
    /// killed is an outcome, not an error.
    func run(_ command: ProcessCommand) throws(ProcessRunnerError) -> ProcessOutcome
}
