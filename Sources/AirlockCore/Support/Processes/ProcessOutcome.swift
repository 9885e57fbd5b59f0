/// How a program ended, and what it wrote where it was captured.
public struct ProcessOutcome: Sendable, Equatable {
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        /// It called `exit` with this status.
        case exited(Int32)
        /// A signal ended it (SIGKILL when its timeout did).
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    public var termination: Termination
    /// Whether the runner killed it because its timeout passed.
    public var timedOut: Bool
    /// Empty unless standard output was `.capture`.
    public var standardOutput: [UInt8]
    /// Empty unless standard error was `.capture`.
    public var standardError: [UInt8]

    public init(termination: Termination, timedOut: Bool = false, standardOutput: [UInt8] = [], standardError: [UInt8] = []) {
        self.termination = termination
        self.timedOut = timedOut
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Exit status 0.
    public var succeeded: Bool { termination == .exited(0) }

    /// The status a shell would report: the exit status, or 128 + the signal.
    public var shellStatus: Int32 {
        switch termination {
        case .exited(let status): status
        case .signalled(let signal): 128 + signal
        }
    }
}
