import AirlockCore
import ArgumentParser
import Foundation

/// `airlock demo`: a scratch git workspace under Airlock with proposals from three
/// agents (a clean change, a Codex patch, one that touches CI and trips a gate) and a
/// hostile one that is refused, then a review session on it when there is a terminal.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo workspace with agents' proposals and review them."
    )

    @Option(help: "Build the demo workspace here: a new or empty directory (default: a new temporary directory).")
    var directory: String?

    @Flag(help: "Only build the workspace; do not start the review.")
    var noReview = false

    func run() async throws {
        let workspace = try DemoDirectory.prepare(directory, command: "airlock demo")
        let files = [
            "src/greet.swift": "import Foundation\n\nfunc greet(name: String) -> String {\n    return \"Hello, \" + name\n}\n\nfunc shout(name: String) -> String {\n    return greet(name: name).uppercased()\n}\n",
            "README.md": "# Demo\n\nA workspace agents want to change.\n",
            ".github/workflows/ci.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: swift test\n",
        ]
        for (path, text) in files { try DemoFiles.write(text, path, in: workspace) }
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        try DemoFiles.quietly("git", ["init", "-q"], in: workspace)
        try DemoFiles.quietly("git", ["add", "."], in: workspace)
        try DemoFiles.quietly("git", ["-c", "user.name=Demo", "-c", "user.email=demo@example.invalid", "commit", "-qm", "demo"], in: workspace)
        emit("Demo workspace: \(workspace.path)\n\n$ airlock init\n")
        try DemoFiles.run(me, ["init"], in: workspace)

        for proposal in Self.proposals {
            // Kept under .git so they are no part of the tree the agents change.
            let path = ".git/demo-patches/\(proposal.file)"
            emit("\n$ airlock propose --agent \(proposal.agent) --title \"\(VisibleText.escape(proposal.title))\" \(path)\n")
            try DemoFiles.write(proposal.patch, path, in: workspace)
            try DemoFiles.run(me, ["propose", "--agent", proposal.agent, "--title", proposal.title, "--rationale", proposal.rationale, path], in: workspace)
        }
        emit("\n$ airlock list\n")
        try DemoFiles.run(me, ["list"], in: workspace)
        let review = ["--workspace", workspace.path]
        if noReview || !Self.hasTerminal {
            emit("\nNext: cd \(workspace.path) && airlock review\n")
            return
        }
        emit("\n$ airlock review   (answers come from your terminal)\n")
        // In this process: a child started by Foundation's Process gets a session of its
        // own and so no controlling terminal to read answers from.
        guard FileManager.default.changeCurrentDirectoryPath(workspace.path) else {
            throw CommandFailure.fail("cannot change to the demo workspace \(workspace.path)", code: 1)
        }
        let session = try ReviewCommand.parse(review)
        try await session.run()
        emit("\nAfterwards: airlock list, airlock show ID, airlock audit --verify (in \(workspace.path))\n")
    }

    static var hasTerminal: Bool {
        let tty = open("/dev/tty", O_RDWR)
        defer { if tty >= 0 { close(tty) } }
        return tty >= 0
    }

    struct DemoProposal {
        var agent, title, rationale, file, patch: String
    }

    static let proposals = [
        DemoProposal(
            agent: "coder-1", title: "Greet with interpolation and shout politely",
            rationale: "String interpolation reads better; shouting should end with an exclamation mark.",
            file: "greet.diff",
            patch: """
                diff --git a/src/greet.swift b/src/greet.swift
                --- a/src/greet.swift
                +++ b/src/greet.swift
                @@ -1,5 +1,5 @@
                 import Foundation
                 
                 func greet(name: String) -> String {
                -    return "Hello, " + name
                +    return "Hello, \\(name)"
                 }
                @@ -6,4 +6,4 @@
                 
                 func shout(name: String) -> String {
                -    return greet(name: name).uppercased()
                +    return greet(name: name).uppercased() + "!"
                 }

                """),
        DemoProposal(
            agent: "codex", title: "Describe the demo and add a farewell",
            rationale: "A Codex patch: Airlock resolves it against the workspace by content.",
            file: "codex.patch",
            patch: """
                *** Begin Patch
                *** Update File: README.md
                @@
                -A workspace agents want to change.
                +A workspace agents changed, after a human approved it.
                *** Add File: src/farewell.swift
                +func farewell(name: String) -> String { "Bye, \\(name)" }
                *** End Patch

                """),
        DemoProposal(
            agent: "coder-2", title: "Speed up CI \u{1b}[2J(really)",
            rationale: "Touches .github/workflows: the protected_paths gate fails and approving needs a typed reason. The title carries an escape sequence that Airlock shows escaped.",
            file: "ci.diff",
            patch: """
                diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml
                --- a/.github/workflows/ci.yml
                +++ b/.github/workflows/ci.yml
                @@ -4,4 +4,4 @@ jobs:
                   test:
                     runs-on: ubuntu-latest
                     steps:
                -      - run: swift test
                +      - run: swift test --parallel

                """),
        DemoProposal(
            agent: "coder-2", title: "Leave a note outside",
            rationale: "Hostile: writes outside the workspace. Refused at once; nothing is queued.",
            file: "hostile.diff",
            patch: """
                diff --git a/../outside.txt b/../outside.txt
                new file mode 100644
                --- /dev/null
                +++ b/../outside.txt
                @@ -0,0 +1 @@
                +escaped the workspace

                """),
    ]
}
