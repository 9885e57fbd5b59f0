/// A program to run: what, where, with which environment and descriptors, and for how long.
public struct ProcessCommand: Sendable, Equatable {
    /// Where the child's standard input comes from.
    public enum Input: Sendable, Equatable {
        /// This process's own standard input.
        case inherit
        /// `/dev/null`: reads see end of file at once.
        case null
        /// An open descriptor of this process (such as a terminal), shared with the child.
        case descriptor(Int32)
        /// These bytes, then end of file.
        case bytes([UInt8])
    }

    /// Where the child's standard output or error goes.
    public enum Output: Sendable, Equatable {
        /// This process's own descriptor.
        case inherit
        /// `/dev/null`.
        case discard
        /// An open descriptor of this process (such as a terminal), shared with the child.
        case descriptor(Int32)
        /// Collected and returned in the outcome.
        case capture
    }

    /// A path, or a name looked up in the `PATH` of `environment` (or of this process).
    public var executable: String
    public var arguments: [String]
    /// The child's whole environment; nil passes this process's on.
    public var environment: [String: String]?
    /// nil runs the child in this process's current directory.
    public var workingDirectory: String?
    public var standardInput: Input
    public var standardOutput: Output
    public var standardError: Output
    /// After this long the child and everything it started are killed with SIGKILL. A
    /// command with a timeout runs in a process group of its own, so the kill reaches its
    /// children too; one without stays in this process's group (an editor on the
    /// terminal must, to read from it).
    public var timeout: Duration?
    /// Runs the child in a session of its own, with no controlling terminal: it can then
    /// neither read the reviewer's terminal nor push input into it (TIOCSTI), which is
    /// what code nobody has reviewed yet must not be able to do. Its process group is
    /// its own too.
    public var detachedFromTerminal: Bool

    public init(
        _ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil, workingDirectory: String? = nil,
        standardInput: Input = .null, standardOutput: Output = .capture, standardError: Output = .capture, timeout: Duration? = nil,
        detachedFromTerminal: Bool = false
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timeout = timeout
        self.detachedFromTerminal = detachedFromTerminal
    }

    /// The command as a shell would show it, for messages.
    public var commandLine: String {
        ([executable] + arguments).map { $0.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" }) ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}
