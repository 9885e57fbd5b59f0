import AirlockCore
import Foundation
import Testing

/// The official Python MCP client (`pip install "mcp>=1.20,<2"`) in a virtual environment
/// made once and reused: `$AIRLOCK_TEST_VENV_MCP`, else `$TMPDIR/airlock-test-venv-mcp`.
/// Where it cannot be made (no `python3 -m venv`, PyPI unreachable) the suites that use it
/// are skipped, except under `CI=true`: there they run and fail with the reason.
enum PythonMCP {
    static let requirement = "mcp>=1.20,<2"

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static var directory: String {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["AIRLOCK_TEST_VENV_MCP"], !chosen.isEmpty { return chosen }
        return FileManager.default.temporaryDirectory.appendingPathComponent("airlock-test-venv-mcp").path
    }

    static var python: String { directory + "/bin/python" }

    /// The venv's python with `mcp` importable, or why there is none. Made once per run.
    static let prepared: Result<String, Unavailable> = prepare()

    static var isAvailable: Bool {
        if case .success = prepared { return true }
        return false
    }

    /// The python to run; throws why there is none.
    static func interpreter() throws -> String {
        try prepared.get()
    }

    private static func prepare() -> Result<String, Unavailable> {
        if imports() { return .success(python) }
        // Another test process may be making it: one at a time, under a lock file.
        let lock = open(directory + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        defer { if lock >= 0 { close(lock) } }
        if lock >= 0 { flock(lock, LOCK_EX) }
        if imports() { return .success(python) }
        if !FileManager.default.isExecutableFile(atPath: python) {
            let made = run("/usr/bin/env", ["python3", "-m", "venv", directory], seconds: 120)
            guard made.status == 0 else { return .failure(Unavailable(description: "python3 -m venv \(directory) failed (Debian: python3-venv): \(made.output)")) }
        }
        let installed = run(python, ["-m", "pip", "install", "-q", "--disable-pip-version-check", requirement], seconds: 300)
        guard installed.status == 0, imports() else {
            return .failure(Unavailable(description: "pip install \"\(requirement)\" failed (PyPI unreachable?): \(installed.output.suffix(600))"))
        }
        return .success(python)
    }

    private static func imports() -> Bool {
        FileManager.default.isExecutableFile(atPath: python) && run(python, ["-c", "import mcp.client.stdio"], seconds: 60).status == 0
    }

    static func run(_ executable: String, _ arguments: [String], seconds: Double, environment: [String: String]? = nil) -> (status: Int32, output: String) {
        do {
            let outcome = try SystemProcessRunner().run(ProcessCommand(
                executable, arguments, environment: environment, timeout: .milliseconds(Int(seconds * 1000))))
            return (outcome.shellStatus, String(decoding: outcome.standardOutput + outcome.standardError, as: UTF8.self))
        } catch {
            return (-1, "\(error)")
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a suite where the Python MCP client could be installed, and always under `CI=true`.
    static var requiresPythonMCP: Self {
        .enabled(
            if: RequiredTool.isRequired || PythonMCP.isAvailable,
            Comment(rawValue: "the Python MCP client could not be installed into \(PythonMCP.directory) (PyPI unreachable?); under CI=true this is a failure, not a skip"))
    }
}
