import AirlockCore
import Foundation

/// Runs the real `airlock` executable built beside the tests.
enum CLIHarness {
    static var executable: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("airlock")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        // The package's default debug build, found from this file's place in the tree.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/airlock")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var signalled: Bool
    }

    /// Runs `airlock ARGS` in `directory` with `input` on stdin, without a controlling
    /// terminal even when the tests have one. Through the process runner, not `Process`,
    /// whose wait polls every 50 ms on Linux: most CLI tests run several commands.
    static func run(_ arguments: [String], in directory: URL, input: [UInt8] = [], environment extra: [String: String] = [:]) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        let outcome = try SystemProcessRunner().run(ProcessCommand(
            executable.path, arguments, environment: environment, workingDirectory: directory.path, standardInput: .bytes(input),
            detachedFromTerminal: true))
        let signalled: Bool
        if case .signalled = outcome.termination { signalled = true } else { signalled = false }
        return Result(
            status: outcome.shellStatus,
            stdout: String(decoding: outcome.standardOutput, as: UTF8.self),
            stderr: String(decoding: outcome.standardError, as: UTF8.self),
            signalled: signalled)
    }

    struct Running {
        var process: Process
        var out: URL
        var err: URL

        func finish() throws -> Result {
            Result(
                status: process.terminationStatus,
                stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
                signalled: process.terminationReason == .uncaughtSignal
            )
        }
    }

    static func start(_ arguments: [String], in directory: URL, input: [UInt8] = [], environment extra: [String: String] = [:]) throws -> Running {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err"), inURL = scratch.appendingPathComponent("in")
        try Data(input).write(to: inURL)
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return Running(process: process, out: out, err: err)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to path: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func read(_ path: String, in directory: URL) throws -> String {
        String(decoding: try Data(contentsOf: directory.appendingPathComponent(path)), as: UTF8.self)
    }

    /// Every regular file under `root` (skipping `.git`), with its bytes.
    static func tree(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if relative.hasPrefix(".git") || relative.hasPrefix(".airlock-journal") { continue }
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }
}
