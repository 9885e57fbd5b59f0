/// One check command to run in a scratch copy: `/bin/sh -c script`, and what it may see.
public struct SandboxedCommand: Sendable, Equatable {
    /// Shell text, run as `/bin/sh -c script`.
    public var script: String
    /// The scratch copy: the command's working directory and the only place it may write.
    public var directory: String
    /// After this long the command and everything it started are killed.
    public var timeout: Duration
    /// Whether the command may use the network (`network = true` for this test).
    public var network: Bool
    /// What the sandbox hides behind empty file systems: the workspace (with the store
    /// in it) and its git directories.
    public var hiddenPaths: [String]
    /// Directories shown read-only although they are under `$HOME`, such as a toolchain
    /// (`~/.pyenv`). None may be, contain or lie inside a hidden path.
    public var readOnlyPaths: [String]
    /// Variables added to the minimal environment, from the configuration (never from
    /// this process's environment).
    public var environment: [String: String]

    public init(
        script: String, directory: String, timeout: Duration, network: Bool = false, hiddenPaths: [String],
        readOnlyPaths: [String] = [], environment: [String: String] = [:]
    ) {
        self.script = script
        self.directory = directory
        self.timeout = timeout
        self.network = network
        self.hiddenPaths = hiddenPaths
        self.readOnlyPaths = readOnlyPaths
        self.environment = environment
    }

    /// `script` in `slot`, hiding what its pool says must be hidden.
    public init(_ script: String, in slot: ScratchSlot, timeout: Duration, network: Bool = false, readOnlyPaths: [String] = [], environment: [String: String] = [:]) {
        self.init(
            script: script, directory: slot.directory.path, timeout: timeout, network: network, hiddenPaths: slot.pool.hiddenPaths,
            readOnlyPaths: readOnlyPaths, environment: environment)
    }
}

/// How a command ended, how long it took, and whether it was confined.
public struct SandboxOutcome: Sendable, Equatable {
    public var termination: ProcessOutcome.Termination
    /// Killed, with everything it started, because its timeout passed.
    public var timedOut: Bool
    public var duration: Duration
    /// False when it ran with `SandboxMode.off`: it could read and write what this user can.
    public var sandboxed: Bool
    /// Bytes of output (standard output and error together) delivered to the callback.
    public var outputBytes: Int

    public init(termination: ProcessOutcome.Termination, timedOut: Bool, duration: Duration, sandboxed: Bool, outputBytes: Int) {
        self.termination = termination
        self.timedOut = timedOut
        self.duration = duration
        self.sandboxed = sandboxed
        self.outputBytes = outputBytes
    }

    /// Exit status 0 within the timeout.
    public var succeeded: Bool { !timedOut && termination == .exited(0) }
}
