#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The tmux driver itself, on plain shell programs: what the cockpit's end-to-end tests
/// will rely on (exit status, resize, TERM and colours, clean-up).
@Suite("TmuxScreen", .requires(.tmux))
struct TmuxScreenTests {
    private func shell(_ script: String, width: Int = 80, height: Int = 24, _ environment: [String: String] = [:]) throws -> TmuxScreen {
        try TmuxScreen(["sh", "-c", script], in: URL(fileURLWithPath: "/tmp"), width: width, height: height, environment: TmuxScreen.environment(environment))
    }

    @Test func theExitStatusComesFromTheProgram() throws {
        let screen = try shell("printf 'ready\\n'; read answer; exit \"$answer\"", width: 40, height: 5)
        try screen.waitFor(text: "ready")
        #expect(try screen.exitStatus() == nil)
        try screen.type("7")
        try screen.send(keys: "Enter")
        #expect(try screen.waitForExit() == 7)
        #expect(try screen.screen().lines.count == 5, "the screen stays readable after the exit")
    }

    @Test func aResizeReachesTheProgram() throws {
        // The shell's own WINCH trap: reached only when the program's signals are not
        // blocked, as they are in processes a test starts directly.
        let screen = try shell("trap 'echo resized to $(tput cols)x$(tput lines)' WINCH; echo waiting; while :; do sleep 0.05; done")
        try screen.waitFor(text: "waiting")
        try screen.resize(width: 100, height: 30)
        try screen.waitFor(text: "resized to 100x30")
        #expect(try screen.screen().lines.count == 30)
    }

    @Test func termDecidesTheColours() throws {
        let script = "echo \"$TERM $(tput colors)\"; tput setaf 196; echo red; tput sgr0; echo done; sleep 30"
        let rich = try shell(script, ["TERM": "xterm-256color"])
        let coloured = try rich.waitFor(text: "done", colours: true)
        #expect(coloured.contains("xterm-256color 256"))
        #expect(coloured.contains("\u{1b}[38;5;196mred"), "\(coloured)")
        #expect(try rich.screen().contains("red"), "without colours asked for, the text alone")
        #expect(try !rich.screen().text.contains("\u{1b}"))

        let plain = try shell(script, ["TERM": "vt100"])
        let monochrome = try plain.waitFor(text: "done", colours: true)
        #expect(monochrome.contains("vt100 -1"), "vt100 has no colours: \(monochrome)")
        #expect(!monochrome.text.contains("38;5"))
    }

    @Test func theProgramGetsExactlyItsEnvironment() throws {
        let screen = try shell("echo \"[$LANG|$LC_ALL|${NO_COLOR-unset}|${TMUX-none}|$(pwd)]\"; sleep 30", ["LANG": "C", "LC_ALL": "C", "NO_COLOR": "1"])
        try screen.waitFor(text: "[C|C|1|none|/tmp]")
    }

    @Test func keyNamesAndLiteralTextDiffer() throws {
        let screen = try shell("stty -icanon -echo; printf 'go\\n'; od -An -c -N 7")
        try screen.waitFor(text: "go")
        try screen.type("Up")
        try screen.send(keys: "Up", "C-a", "Enter")
        let shown = try screen.waitFor(text: "033")
        #expect(shown.contains("U   p 033   [   A 001  \\n"), "\(shown)")
    }

    @Test func theTitleIsWhatTheProgramSet() throws {
        let screen = try shell("printf '\\033]2;%s\\007' set-by-program; echo titled; sleep 30")
        try screen.waitFor(text: "titled")
        #expect(try screen.title() == "set-by-program")
    }

    @Test func aSteadyScreenWaitsForTheLastChange() throws {
        let screen = try shell("for n in 1 2 3 4 5; do echo step $n; sleep 0.1; done; echo last; sleep 30")
        let steady = try screen.waitUntilSteady(for: 0.3)
        #expect(steady.contains("last"), "\(steady)")
    }

    @Test func theServerAndTheProgramEndWithTheValue() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-tmux-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidFile = directory.appendingPathComponent("pid")
        do {
            let screen = try shell("echo $$ > '\(pidFile.path)'; echo running; while :; do sleep 1; done")
            try screen.waitFor(text: "running")
        }
        let pid = try #require(pid_t(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let deadline = Date().addingTimeInterval(5)
        while Self.isAlive(pid), Date() < deadline { usleep(20_000) }
        #expect(!Self.isAlive(pid), "the program in the pane died with the server (SIGHUP was not blocked)")
    }

    /// Running, and not a zombie waiting for a parent that may never reap it.
    private static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
    }
}

@Suite("RequiredTool")
struct RequiredToolTests {
    @Test func aMissingToolFailsWithItsPackage() {
        let absent = RequiredTool(path: "/nonexistent/airlock-no-such-tool", package: "no-such-package")
        #expect(!absent.isInstalled)
        let error = #expect(throws: RequiredTool.Missing.self) { try absent.executable() }
        #expect(error?.description.contains("Debian package no-such-package") == true)
        #expect(throws: Never.self) { try RequiredTool(path: "/bin/sh", package: "dash").executable() }
    }
}
