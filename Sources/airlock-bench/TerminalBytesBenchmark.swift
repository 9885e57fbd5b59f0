import AirlockCore
import Foundation

/// `airlock-bench terminal-bytes`: the bytes a full-screen program writes per key on a
/// 200×60 xterm-256color pseudo-terminal, and how soon it answers. The peer is tig on a
/// commit with a 100,000-line diff; `airlock-bench cockpit` measures the cockpit's rows
/// beside tig's in one run.
struct TerminalBytesBenchmark {
    var lines = 100_000
    var presses = 100
    var size = PtyBytes.Size(columns: 200, rows: 60)

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-bench-terminal-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let repository = root.appendingPathComponent("repo")
        try makeRepository(at: repository)

        print("airlock-bench terminal-bytes: \(size.columns)x\(size.rows) pseudo-terminal, TERM=xterm-256color, \(presses) presses a key (\(size.rows / 2) for the cursor), quiet after \(Int(PtyBytes.quiet * 1000)) ms\n")
        print(Self.heading)
        guard let tig = Self.executable(named: "tig") else {
            print("tig: not installed (apt-get install tig), no rows")
            return
        }
        let figures = try PtyBytes.measure(
            command: [tig, "show", "HEAD"], environment: environment(home: root), size: size, keys: tigKeys, directory: repository.path)
        for row in figures { print(Self.line("tig", row)) }
    }

    /// tig's diff view: the cursor and the view move separately, so one line is measured
    /// three ways. The cursor row stops halfway down the screen, before `j` scrolls.
    var tigKeys: [PtyBytes.KeyPress] {
        [
            .init("cursor down (j)", "j", presses: size.rows / 2),
            .init("scroll a line (C-e)", "\u{05}", presses: presses),
            .init("j on the last row", "j", presses: presses, setup: Array(repeating: Array("j".utf8), count: size.rows)),
            .init("page (space)", " ", presses: presses),
            .init("page (PgDn)", "\u{1b}[6~", presses: presses),
        ]
    }

    /// A clean environment: tig as installed (its system tigrc holds the default key
    /// bindings), no user tigrc, no system git configuration.
    func environment(home: URL) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path, "TERM": "xterm-256color", "LANG": "C.UTF-8",
            "TIGRC_USER": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        ]
    }

    /// A repository whose HEAD adds a `lines`-line file next to a small one.
    func makeRepository(at directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("small\n".utf8).write(to: directory.appendingPathComponent("README"))
        let text = Self.generatedText(lines: lines)
        let git = "git"
        let identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
        for step in [["init", "-q"], ["add", "README"], identity + ["commit", "-q", "-m", "start"]] {
            guard try runQuietly([git] + step, in: directory) == 0 else { throw PtyBytesError(description: "git \(step.joined(separator: " ")) failed") }
        }
        try Data(text.utf8).write(to: directory.appendingPathComponent("generated.swift"))
        for step in [["add", "generated.swift"], identity + ["commit", "-q", "-m", "A \(lines)-line file"]] {
            guard try runQuietly([git] + step, in: directory) == 0 else { throw PtyBytesError(description: "git \(step.joined(separator: " ")) failed") }
        }
    }

    /// The added file of HEAD: `lines` distinct lines of about 55 bytes.
    static func generatedText(lines: Int) -> String {
        var text = ""
        text.reserveCapacity(lines * 60)
        for n in 1...lines { text += "let value\(n) = compute(\(n), scale: \(n % 97)) // generated line\n" }
        return text
    }

    /// `name`'s path in `PATH`, or nil.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    // MARK: - Table

    static let heading = "program  key                   bytes: median     p99   first byte: median     p99   last byte: median     p99"

    static func line(_ program: String, _ row: PtyBytes.KeyFigures) -> String {
        let milliseconds = { (samples: [Double], percent: Double) -> String in
            Percentile.of(samples, percent).map { String(format: "%7.1f ms", $0) } ?? "        -"
        }
        return program.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
            + row.label.padding(toLength: 22, withPad: " ", startingAt: 0)
            + String(format: "%13d %7d", row.medianBytes, row.p99Bytes)
            + "   " + milliseconds(row.firstByte, 50).leftPadded(15) + " " + milliseconds(row.firstByte, 99)
            + "  " + milliseconds(row.lastByte, 50).leftPadded(14) + " " + milliseconds(row.lastByte, 99)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
