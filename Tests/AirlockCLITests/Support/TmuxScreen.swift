#if canImport(Glibc)
import Glibc
#endif
import AirlockCore
import Foundation
import Testing

struct TmuxScreenError: Error, CustomStringConvertible {
    var description: String
}

/// A program running in a private tmux server, as on a real terminal of a given size: a
/// test types keys into it and reads what it shows. Each screen has a server of its own
/// (a unique socket under a scratch directory, no configuration file), which is killed
/// when the value goes away, also when the test fails or throws.
///
/// The program gets exactly `environment` (plus nothing tmux adds), `TERM` from it, and
/// runs in `directory`; the shell around it writes its exit status to a file, which
/// can be read without asking the server. tmux is started through `SystemProcessRunner`, with no signal
/// blocked: processes that a Swift Testing test starts otherwise inherit a mask that
/// blocks HUP, INT, TERM, CHLD and WINCH, and a program in the pane would never see a
/// resize and would survive `kill-server`.
final class TmuxScreen {
    let width: Int
    let height: Int
    private let scratch: URL
    private let socketName: String
    private var statusFile: URL { scratch.appendingPathComponent("status") }
    private var stopped = false

    /// Poll interval of the `wait…` functions.
    static let pollInterval = 0.02
    /// The session's one window and pane.
    private static let target = "airlock"

    /// Starts `command` (its first element a path or a name in `environment["PATH"]`).
    /// `TERM` in `environment` (default `xterm-256color`) is also tmux's
    /// `default-terminal`; `vt100` gives a terminal without colours.
    init(
        _ command: [String], in directory: URL, width: Int = 120, height: Int = 40,
        environment: [String: String] = TmuxScreen.environment()
    ) throws {
        guard let program = command.first else { throw TmuxScreenError(description: "no command given") }
        let tmuxPath = try RequiredTool.tmux.executable()
        self.width = width
        self.height = height
        scratch = try Self.scratchDirectory()
        socketName = "airlock-\(getpid())-\(UUID().uuidString.prefix(8))"
        var environment = environment
        let term = environment["TERM"] ?? "xterm-256color"
        environment["TERM"] = term

        let script = scratch.appendingPathComponent("run.sh")
        let partial = statusFile.path + ".partial"
        let assignments = environment.sorted { $0.key < $1.key }.map { Self.quoted("\($0.key)=\($0.value)") }
        let lines = [
            "#!/bin/sh",
            "cd \(Self.quoted(directory.path)) || { echo 126 > \(Self.quoted(partial)); mv \(Self.quoted(partial)) \(Self.quoted(statusFile.path)); exit 126; }",
            "env -i \(assignments.joined(separator: " ")) \(([program] + command.dropFirst()).map(Self.quoted).joined(separator: " "))",
            "echo $? > \(Self.quoted(partial)) && mv \(Self.quoted(partial)) \(Self.quoted(statusFile.path))",
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: script)

        // Written to a file, not a pipe: the server keeps its client's descriptors, and a
        // pipe would stay open until the server exits.
        let log = scratch.appendingPathComponent("tmux.log")
        let logDescriptor = open(log.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { if logDescriptor >= 0 { close(logDescriptor) } }
        let output: ProcessCommand.Output = logDescriptor >= 0 ? .descriptor(logDescriptor) : .discard
        let started = try SystemProcessRunner().run(ProcessCommand(
            tmuxPath,
            ["-L", socketName, "-f", "/dev/null", "start-server", ";",
             "set-option", "-g", "default-terminal", term, ";",
             "set-option", "-g", "remain-on-exit", "on", ";",
             "new-session", "-d", "-s", Self.target, "-x", String(width), "-y", String(height), "/bin/sh \(Self.quoted(script.path))"],
            environment: tmuxEnvironment, standardOutput: output, standardError: output, timeout: .seconds(20),
            detachedFromTerminal: true))
        guard started.succeeded else {
            kill()
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw TmuxScreenError(description: "tmux did not start (\(started.termination)): \(VisibleText.escape(said))")
        }
    }

    deinit {
        kill()
    }

    /// The built `airlock ARGUMENTS` in `directory` (the cockpit, a review…).
    static func airlock(
        _ arguments: [String], in directory: URL, width: Int = 120, height: Int = 40, environment: [String: String] = TmuxScreen.environment()
    ) throws -> TmuxScreen {
        try TmuxScreen([CLIHarness.executable.path] + arguments, in: directory, width: width, height: height, environment: environment)
    }

    /// A clean environment for the program: UTF-8, the tests' `PATH` and `HOME`, and
    /// `extra` on top (`LANG`, `LC_ALL`, `TERM`, `NO_COLOR`…; an empty value is kept as
    /// empty).
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp",
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    // MARK: - Keys

    /// Presses keys by tmux's names (`Enter`, `Escape`, `Up`, `PageDown`, `C-c`, `F1`, `a`).
    func send(keys: String...) throws {
        try tmux(["send-keys", "-t", Self.target] + keys)
    }

    /// Types `text` as it is, each character a key (no name is interpreted).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", Self.target, "-l", "--", text])
    }

    /// Makes the terminal `width` × `height`; the program receives SIGWINCH.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", Self.target, "-x", String(width), "-y", String(height)])
    }

    // MARK: - Reading the screen

    /// What the terminal shows now; with `colours`, each line keeps tmux's SGR sequences.
    func screen(colours: Bool = false) throws -> TerminalScreen {
        let outcome = try tmux(["capture-pane", "-p", "-t", Self.target] + (colours ? ["-e"] : []))
        var lines = String(decoding: outcome.standardOutput, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return TerminalScreen(lines: lines)
    }

    /// The cursor's column and row, from 0.
    func cursor() throws -> (column: Int, row: Int) {
        let outcome = try tmux(["display-message", "-p", "-t", Self.target, "#{cursor_x} #{cursor_y}"])
        let parts = String(decoding: outcome.standardOutput, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard parts.count == 2 else { throw TmuxScreenError(description: "tmux did not say where the cursor is") }
        return (parts[0], parts[1])
    }

    /// The pane's terminal device, such as `/dev/pts/4`: the reviewer's `tty`.
    func terminalPath() throws -> String {
        let outcome = try tmux(["display-message", "-p", "-t", Self.target, "#{pane_tty}"])
        return String(decoding: outcome.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The window title the program set (OSC 0 or 2), or tmux's default, the host name.
    func title() throws -> String {
        let outcome = try tmux(["display-message", "-p", "-t", Self.target, "#{pane_title}"])
        return String(decoding: outcome.standardOutput, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// Polls the screen until `text` is on it; records a failure at the caller's line,
    /// with the screen, and throws when `timeout` seconds pass first.
    @discardableResult
    func waitFor(
        text: String, timeout: Double = 30, colours: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TerminalScreen {
        try waitUntil(timeout: timeout, colours: colours, "\"\(VisibleText.escape(text))\" on the screen", sourceLocation: sourceLocation) {
            $0.contains(text)
        }
    }

    /// Polls the screen every `pollInterval` until `condition` holds for it; records a
    /// failure at the caller's line, with the last screen, and throws when `timeout`
    /// seconds pass first.
    @discardableResult
    func waitUntil(
        timeout: Double = 30, colours: Bool = false, _ what: String = "the condition", sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (TerminalScreen) throws -> Bool
    ) throws -> TerminalScreen {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let shown = try screen(colours: colours)
            if try condition(shown) { return shown }
            guard Date() < deadline else {
                let exited = (try? exitStatus()).flatMap { $0 }.map { ", and the program has exited with status \($0)" } ?? ""
                try #require(Bool(false), "waited \(timeout) s for \(what)\(exited); the screen:\n\(shown)", sourceLocation: sourceLocation)
                return shown
            }
            Thread.sleep(forTimeInterval: Self.pollInterval)
        }
    }

    /// Polls until the screen has not changed for `steady` seconds (the program is idle,
    /// as after a redraw), and returns it; records a failure and throws after `timeout`.
    @discardableResult
    func waitUntilSteady(
        for steady: Double = 0.1, timeout: Double = 30, colours: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TerminalScreen {
        var last = try screen(colours: colours)
        var since = Date()
        return try waitUntil(timeout: timeout, colours: colours, "a screen steady for \(steady) s", sourceLocation: sourceLocation) { shown in
            if shown != last {
                last = shown
                since = Date()
            }
            return Date().timeIntervalSince(since) >= steady
        }
    }

    // MARK: - The program's end

    /// The program's exit status once it has exited, or nil while it runs.
    func exitStatus() throws -> Int32? {
        guard let text = try? String(contentsOf: statusFile, encoding: .utf8) else { return nil }
        guard let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TmuxScreenError(description: "unreadable exit status \(VisibleText.escape(text))")
        }
        return status
    }

    /// Waits for the program to exit and returns its status (128 + N for signal N, as the
    /// shell reports it). The screen stays readable afterwards.
    func waitForExit(timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = try exitStatus() { return status }
            guard Date() < deadline else {
                let shown = (try? screen()).map(\.description) ?? "(unreadable)"
                try #require(Bool(false), "the program did not exit within \(timeout) s; the screen:\n\(shown)", sourceLocation: sourceLocation)
                return -1
            }
            Thread.sleep(forTimeInterval: Self.pollInterval)
        }
    }

    /// Kills the server and everything in it, and removes the scratch directory. Safe to
    /// call more than once.
    func kill() {
        guard !stopped else { return }
        stopped = true
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: scratch)
    }

    // MARK: - tmux

    /// tmux's own environment: the socket directory, and UTF-8 for what it reports.
    private var tmuxEnvironment: [String: String] {
        ["PATH": "/usr/bin:/bin", "TMUX_TMPDIR": scratch.path, "LC_ALL": "C.UTF-8"]
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> ProcessOutcome {
        let outcome = try SystemProcessRunner().run(ProcessCommand(
            RequiredTool.tmux.path, ["-L", socketName] + arguments, environment: tmuxEnvironment, timeout: .seconds(20), detachedFromTerminal: true))
        guard outcome.succeeded else {
            throw TmuxScreenError(description: "tmux \(arguments.first ?? ""): \(VisibleText.escape(bytes: outcome.standardError))")
        }
        return outcome
    }

    /// A short directory of its own: a Unix socket's path must fit in 108 bytes.
    private static func scratchDirectory() throws -> URL {
        let url = URL(fileURLWithPath: "/tmp/airlock-tmux-\(UUID().uuidString.prefix(13))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `text` in single quotes for `sh`.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
