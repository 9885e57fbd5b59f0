import AirlockCore
import ArgumentParser
import Foundation

/// `airlock patch demo`: a small workspace and three agent patches — a git diff, a Codex
/// patch and a hostile one — walked through stat, check and apply, so a newcomer sees
/// the engine work before the review queue and cockpit exist.
struct PatchDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk a safe, a Codex and a hostile patch through the engine in a scratch workspace."
    )

    @Option(help: "Build the demo workspace here: a new or empty directory (default: a new temporary directory).")
    var directory: String?

    func run() throws {
        let root = try DemoDirectory.prepare(directory, command: "airlock patch demo")
        let workspace = root.appendingPathComponent("workspace")
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("src"), withIntermediateDirectories: true)
        try DemoFiles.write("func greet(name: String) -> String {\n    return \"Hello, \" + name\n}\n", "src/greet.swift", in: workspace)
        try DemoFiles.write("# Demo\n\nA workspace an agent wants to change.\n", "README.md", in: workspace)

        let agentDiff = """
            diff --git a/src/greet.swift b/src/greet.swift
            --- a/src/greet.swift
            +++ b/src/greet.swift
            @@ -1,3 +1,3 @@
             func greet(name: String) -> String {
            -    return "Hello, " + name
            +    return "Hello, \\(name)!"
             }

            """
        let codex = """
            *** Begin Patch
            *** Update File: README.md
            @@
            -A workspace an agent wants to change.
            +A workspace an agent changed, after a human approved it.
            *** Add File: src/farewell.swift
            +func farewell(name: String) -> String { "Bye, \\(name)" }
            *** End Patch

            """
        let hostile = """
            diff --git a/notes\u{1b}[2J.txt b/notes\u{1b}[2J.txt
            new file mode 100644
            --- /dev/null
            +++ b/notes\u{1b}[2J.txt
            @@ -0,0 +1 @@
            +a file name that would clear your screen
            diff --git a/../outside.txt b/../outside.txt
            new file mode 100644
            --- /dev/null
            +++ b/../outside.txt
            @@ -0,0 +1 @@
            +escaped the workspace

            """
        let patches = [("agent.diff", agentDiff), ("codex.patch", codex), ("hostile.diff", hostile)]
        for (name, text) in patches { try DemoFiles.write(text, name, in: root) }

        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        emit("Demo workspace: \(workspace.path)\n")
        for (name, _) in patches {
            let path = root.appendingPathComponent(name).path
            emit("\n== \(name)\n$ airlock patch stat \(name)\n")
            try DemoFiles.run(me, ["patch", "stat", path], in: workspace)
            emit("$ airlock patch check \(name)\n")
            let checked = try DemoFiles.run(me, ["patch", "check", path], in: workspace)
            if checked == 0 {
                emit("$ airlock patch apply \(name)\n")
                try DemoFiles.run(me, ["patch", "apply", path], in: workspace)
            }
        }
        emit("\nThe hostile patch was refused whole: nothing outside the workspace was written, and the escape sequence in a file name was shown escaped, never sent to your terminal.\n")
        emit("Result:\n\n")
        let result = try String(contentsOf: workspace.appendingPathComponent("src/greet.swift"), encoding: .utf8)
        for line in result.split(separator: "\n") { emit(VisibleText.escape(String(line), keepTabs: true) + "\n") }
        emit("\nTry your own: git diff | airlock patch check --workspace \(workspace.path) -\n")
    }
}
