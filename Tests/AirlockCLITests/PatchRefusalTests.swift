import AirlockCore
import Foundation
import Testing

/// One rule for every format: exit 2 when the input cannot be read as a patch, exit 1 when
/// the workspace refuses it, with the same words; and a refusal writes nothing at all.
@Suite("airlock patch: refusals, whatever the format")
struct PatchRefusalTests {
    /// The same stale change (it expects `zwei` where the file has `two`) in each format.
    static let stale: [(format: String, text: String)] = [
        ("git", "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-zwei\n+TWO\n three\n"),
        ("codex", "*** Begin Patch\n*** Update File: a.txt\n@@\n one\n-zwei\n+TWO\n*** End Patch\n"),
        ("aider", "a.txt\n<<<<<<< SEARCH\nzwei\n=======\nTWO\n>>>>>>> REPLACE\n"),
        ("edits", #"{"edits": [{"path": "a.txt", "old": "zwei", "new": "TWO"}]}"#),
    ]

    /// A workspace with `a.txt` and a directory `d/`; a git work tree when `git` is set.
    private func workspace(git: Bool = false) throws -> URL {
        let dir = try CLIHarness.temporaryDirectory()
        try CLIHarness.write("one\ntwo\nthree\n", to: "a.txt", in: dir)
        try CLIHarness.write("x\n", to: "d/inside.txt", in: dir)
        if git { try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git/hooks"), withIntermediateDirectories: true) }
        return dir
    }

    /// Every entry under `root`, `.git` included: directories as nil, files with their bytes.
    private func everything(_ root: URL) -> [String: Data?] {
        var entries: [String: Data?] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory ?? false
            entries[relative] = isDirectory ? Data?.none : (try? Data(contentsOf: url))
        }
        return entries
    }

    private func run(_ command: String, _ text: String, format: String, in dir: URL, json: Bool = false) throws -> CLIHarness.Result {
        try CLIHarness.run(["patch", command, "--format", format] + (json ? ["--json"] : []) + ["-"], in: dir, input: Array(text.utf8))
    }

    @Test func aRefusedChangeExitsOneInEveryFormat() throws {
        for (format, text) in Self.stale {
            let dir = try workspace()
            let check = try run("check", text, format: format, in: dir)
            #expect(check.status == 1, "\(format): \(check.stderr)")
            #expect(check.stderr.hasPrefix("airlock: refused: "), "\(format): \(check.stderr)")
            #expect(!check.stderr.contains("nothing was written"), "\(format)")
            let apply = try run("apply", text, format: format, in: dir)
            #expect(apply.status == 1, "\(format): \(apply.stderr)")
            #expect(apply.stderr.hasPrefix("airlock: refused: "), "\(format): \(apply.stderr)")
            #expect(apply.stderr.hasSuffix("\nairlock: nothing was written\n"), "\(format): \(apply.stderr)")
            #expect(try CLIHarness.read("a.txt", in: dir) == "one\ntwo\nthree\n")
        }
    }

    @Test func aLocatedRefusalNamesThePlaceInTheInputAndTheFile() throws {
        let dir = try workspace()
        let apply = try run("apply", Self.stale[1].text, format: "codex", in: dir)
        #expect(apply.stderr == "airlock: refused: <stdin>:3: a.txt: chunk 1 not found in the file; its first expected lines are `one`, `zwei`\nairlock: nothing was written\n")
        let json = try run("check", Self.stale[1].text, format: "codex", in: dir, json: true)
        #expect(json.status == 1)
        let output = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(output?["applies"] as? Bool == false)
        #expect(output?["digest"] == nil)
        let problems = output?["problems"] as? [[String: Any]]
        #expect(problems?.first?["path"] as? String == "a.txt")
        #expect((problems?.first?["message"] as? String)?.hasPrefix("<stdin>:3: a.txt: chunk 1 not found") == true)
    }

    @Test func inputThatIsNotAPatchExitsTwoInEveryFormat() throws {
        let malformed = [
            ("git", "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,9 +1,9 @@\n one\n", "airlock: <stdin>:4: hunk says 9 old and 9 new lines"),
            ("codex", "*** Begin Patch\n*** Frobnicate File: a.txt\n*** End Patch\n", "airlock: <stdin>:2: expected `*** Add File:`"),
            ("aider", "a.txt\n<<<<<<< SEARCH\ntwo\n", "airlock: <stdin>:2: unterminated SEARCH/REPLACE block"),
            ("edits", #"{"edits": [{"path": "a.txt", "old": "two"}]}"#, "airlock: <stdin>: edits[0].new"),
        ]
        for (format, text, message) in malformed {
            let dir = try workspace()
            for command in ["check", "apply"] {
                let result = try run(command, text, format: format, in: dir)
                #expect(result.status == 2, "\(format) \(command): \(result.stderr)")
                #expect(result.stderr.hasPrefix(message), "\(format) \(command): \(result.stderr)")
                #expect(!result.stderr.contains("refused"), "\(format) \(command)")
            }
        }
    }

    @Test func aDirectoryIsNamedAsOne() throws {
        let dir = try workspace()
        let cases = [
            ("codex", "*** Begin Patch\n*** Delete File: d\n*** End Patch\n", "airlock: refused: <stdin>:2: d: `d` is a directory, not a file: a patch deletes files\n"),
            ("codex", "*** Begin Patch\n*** Update File: d\n@@\n-x\n*** End Patch\n", "airlock: refused: <stdin>:2: d: `d` is a directory, not a file: a patch changes files\n"),
            ("codex", "*** Begin Patch\n*** Update File: d\n*** Move to: e\n*** End Patch\n", "airlock: refused: <stdin>:2: d: `d` is a directory, not a file: a patch moves files\n"),
            ("edits", #"{"edits": [{"path": "d", "old": "x", "new": "y"}]}"#, "airlock: refused: <stdin>: d: `d` is a directory, not a file: a patch edits files\n"),
            ("git", "diff --git a/d b/d\ndeleted file mode 100644\n--- a/d\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n", "airlock: refused: cannot delete `d`: it is a directory, not a file\n"),
            ("git", "diff --git a/d b/d\n--- a/d\n+++ b/d\n@@ -1 +1 @@\n-x\n+y\n", "airlock: refused: cannot modify `d`: it is a directory, not a file\n"),
            ("git", "diff --git a/d b/e\nsimilarity index 100%\nrename from d\nrename to e\n", "airlock: refused: cannot rename `d`: it is a directory, not a file\n"),
        ]
        for (format, text, message) in cases {
            let result = try run("apply", text, format: format, in: dir)
            #expect(result.status == 1, "\(text): \(result.stderr)")
            #expect(result.stderr == message + "airlock: nothing was written\n")
            #expect(!result.stderr.contains("errno"))
        }
        #expect(try CLIHarness.read("d/inside.txt", in: dir) == "x\n")
    }

    @Test func aRefusedApplyLeavesTheTreeByteIdentical() throws {
        for git in [true, false] {
            for (format, text) in Self.stale {
                let dir = try workspace(git: git)
                let before = everything(dir)
                let result = try run("apply", text, format: format, in: dir)
                #expect(result.status == 1, "\(format): \(result.stderr)")
                #expect(everything(dir) == before, "\(format), git \(git): \(Set(everything(dir).keys).subtracting(before.keys))")
            }
        }
        // A successful apply in a git work tree keeps its journal under `.git/` only.
        let dir = try workspace(git: true)
        let applied = try run("apply", PatchCommandTests.change, format: "git", in: dir)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(Set(everything(dir).keys).subtracting(["a.txt", "d", "d/inside.txt", ".git", ".git/hooks"]) == [".git/airlock-journal"])
    }

    @Test func proposeFollowsTheSameRule() throws {
        let dir = try workspace()
        let initialised = try CLIHarness.run(["init"], in: dir)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        for (format, text) in Self.stale {
            let result = try CLIHarness.run(["propose", "--format", format, "-"], in: dir, input: Array(text.utf8))
            #expect(result.status == 1, "\(format): \(result.stderr)")
            #expect(result.stderr.hasPrefix("airlock: refused: "), "\(format): \(result.stderr)")
            #expect(result.stderr.hasSuffix("\nairlock: nothing was queued\n"), "\(format): \(result.stderr)")
        }
        let malformed = try CLIHarness.run(["propose", "--format", "codex", "-"], in: dir, input: Array("*** Begin Patch\n*** Frobnicate\n*** End Patch\n".utf8))
        #expect(malformed.status == 2, "\(malformed.stderr)")
        #expect(malformed.stderr.hasPrefix("airlock: <stdin>:2: expected `*** Add File:`"))
        #expect(try CLIHarness.run(["list"], in: dir).stdout == "no proposals yet\n")
    }
}
