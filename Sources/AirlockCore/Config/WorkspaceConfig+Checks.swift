extension WorkspaceConfig {
    /// How checks run: `[checks]`.
    public struct Checks: Equatable, Sendable {
        /// `bubblewrap`: where it cannot start, checks are refused with the reason. `off`:
        /// check commands run as the user, unsandboxed, and every screen says so.
        public var sandbox: SandboxMode
        /// Whether a cockpit runs checks while it is open (besides `airlock serve`).
        public var runInCockpit: Bool
        /// How long a runner's claim on a check lasts without being renewed; a runner that
        /// died leaves its check to be run again after this.
        public var claimSeconds: Int
        /// The built-in security lint on the lines a proposal adds.
        public var lint: Bool
        /// Directories the sandbox shows read-only although they are in `$HOME` (which it
        /// hides), such as a toolchain: `~/.pyenv`, `~/.cargo`. `~/` is the user's home.
        public var readOnly: [String]

        public init(sandbox: SandboxMode = .bubblewrap, runInCockpit: Bool = true, claimSeconds: Int = 30, lint: Bool = true, readOnly: [String] = []) {
            self.readOnly = readOnly
            self.sandbox = sandbox
            self.runInCockpit = runInCockpit
            self.claimSeconds = claimSeconds
            self.lint = lint
        }
    }

    /// One `[[tests]]` entry: a command run on the scratch copy of every proposal.
    public struct TestCommand: Equatable, Sendable, Codable {
        public var name: String
        /// Run by `/bin/sh -c` in the scratch copy.
        public var command: String
        public var timeoutSeconds: Int
        /// A result file the command writes, relative to the scratch copy; nil: the exit
        /// status decides.
        public var results: String?
        /// The result file's format; nil: detected.
        public var format: TestResultFormat?
        /// Whether the command may reach the network (off by default).
        public var network: Bool

        public init(name: String, command: String, timeoutSeconds: Int = 600, results: String? = nil, format: TestResultFormat? = nil, network: Bool = false) {
            self.name = name
            self.command = command
            self.timeoutSeconds = timeoutSeconds
            self.results = results
            self.format = format
            self.network = network
        }

        enum CodingKeys: String, CodingKey {
            case name, command
            case timeoutSeconds = "timeout"
            case results, format, network
        }
    }

    /// One `[[linters]]` entry: an external linter run on the scratch copy, whose findings
    /// on the lines the proposal touched are imported.
    public struct LinterCommand: Equatable, Sendable, Codable {
        public var name: String
        public var command: String
        public var format: ExternalFindingsFormat
        /// The file the linter writes its report to, relative to the scratch copy; nil:
        /// its standard output is the report.
        public var output: String?
        public var timeoutSeconds: Int
        public var network: Bool

        public init(name: String, command: String, format: ExternalFindingsFormat = .sarif, output: String? = nil, timeoutSeconds: Int = 600, network: Bool = false) {
            self.name = name
            self.command = command
            self.format = format
            self.output = output
            self.timeoutSeconds = timeoutSeconds
            self.network = network
        }

        enum CodingKeys: String, CodingKey {
            case name, command, format, output
            case timeoutSeconds = "timeout"
            case network
        }
    }
}
