import Testing
@testable import AirlockCore

@Suite("CodexPatch: errors")
struct CodexPatchErrorTests {
    private struct ReadFailure: Error, CustomStringConvertible {
        var description: String { "permission denied" }
    }

    /// The error resolving `text` gives, or nil if it resolves.
    private func failure(_ text: String, _ files: [String: String] = [:]) -> PatchFormatError? {
        do {
            _ = try CodexPatch.locate(bytes(text), workspace: memoryWorkspace(files))
            return nil
        } catch {
            return error
        }
    }

    @Test func textWithoutBeginPatch() {
        #expect(failure("hello\n")?.description == "not a Codex patch: no `*** Begin Patch` line")
        #expect(failure("intro\n*** Update File: a\n-x\n")?.description == "line 2: file operation before any `*** Begin Patch` line")
    }

    @Test func missingEndPatch() {
        let error = failure("*** Begin Patch\n*** Add File: a\n+x\n", [:])
        #expect(error?.line == 3)
        #expect(error?.message == "missing `*** End Patch` (the patch begins at line 1)")
    }

    @Test func unexpectedLineInAChunkNamesItsLine() {
        let text = "*** Begin Patch\n*** Update File: a\n@@\n x\n-y\n+z\n\tbad line\n*** End Patch\n"
        #expect(failure(text, ["a": "x\ny\n"])?.description == "line 7: expected ' ', '-' or '+' in an Update File chunk, found `\tbad line`")
    }

    @Test func unexpectedLineBetweenOperations() {
        let error = failure("*** Begin Patch\n*** Delete File: a\nrandom\n*** End Patch\n", ["a": "x\n"])
        #expect(error?.line == 3)
        #expect(error?.message.hasPrefix("expected `*** Add File:`, `*** Delete File:`, `*** Update File:` or `*** End Patch`, found `random`") == true)
    }

    @Test func emptyPaths() {
        #expect(failure("*** Begin Patch\n*** Add File: \n+x\n*** End Patch\n")?.description == "line 2: empty path after `*** Add File:`")
        #expect(failure("*** Begin Patch\n*** Update File:\n@@\n-x\n*** End Patch\n")?.description == "line 2: empty path after `*** Update File:`")
        #expect(failure("*** Begin Patch\n*** Update File: a\n*** Move to:   \n@@\n-x\n*** End Patch\n", ["a": "x\n"])?.description == "line 3: empty path after `*** Move to:`")
    }

    @Test func addingAFileThatExists() {
        let error = failure("*** Begin Patch\n*** Add File: a\n+x\n*** End Patch\n", ["a": "old\n"])
        #expect(error?.description == "line 2: a: Add File: the file already exists (use `*** Update File:` to change it)")
    }

    @Test func deletingOrUpdatingAMissingFile() {
        #expect(failure("*** Begin Patch\n*** Delete File: nope\n*** End Patch\n")?.description == "line 2: nope: Delete File: the file does not exist")
        #expect(failure("*** Begin Patch\n*** Update File: nope\n@@\n-x\n*** End Patch\n")?.description == "line 2: nope: Update File: the file does not exist")
    }

    @Test func chunkNotFoundNamesTheFileAndQuotesItsFirstLines() {
        let text = "*** Begin Patch\n*** Update File: src/app.py\n@@\n def main():\n-    run(1)\n+    run(2)\n     done()\n     exit()\n*** End Patch\n"
        let error = failure(text, ["src/app.py": "def main():\n    run(3)\n    done()\n    exit()\n"])
        #expect(error?.line == 3)
        #expect(error?.path == "src/app.py")
        #expect(error?.message == "chunk 1 not found in the file; its first expected lines are `def main():`, `    run(1)`, `    done()`")
    }

    @Test func chunkNotFoundAfterThePreviousOneSaysSo() {
        let text = "*** Begin Patch\n*** Update File: f\n@@\n-c\n+C\n@@\n-a\n+A\n*** End Patch\n"
        let error = failure(text, ["f": "a\nb\nc\n"])
        #expect(error?.line == 6)
        #expect(error?.message == "chunk 2 not found after line 3; its first expected lines are `a`; they occur at line 1, but chunks must come in file order")
    }

    @Test func endOfFileChunkThatDoesNotEndTheFile() {
        let text = "*** Begin Patch\n*** Update File: f\n@@\n-a\n+A\n*** End of File\n*** End Patch\n"
        let error = failure(text, ["f": "a\nb\n"])
        #expect(error?.message == "chunk 1 not found at the end of the file; its first expected lines are `a`; they occur at line 1, but `*** End of File` requires them to end the file")
    }

    @Test func whiteSpaceIsNotFolded() {
        let text = "*** Begin Patch\n*** Update File: f\n@@\n-  x = 1  \n+  x = 2\n*** End Patch\n"
        let error = failure(text, ["f": "a\n    x = 1\n"])
        #expect(error?.message == "chunk 1 not found in the file; its first expected lines are `  x = 1  `; it would match at line 2 if white space at the ends of lines were ignored (matching is exact)")
    }

    @Test func anchorNotFound() {
        let text = "*** Begin Patch\n*** Update File: f\n@@ def missing():\n-a\n+b\n*** End Patch\n"
        #expect(failure(text, ["f": "a\n"])?.description == "line 3: f: chunk 1: no line `def missing():` in the file")
    }

    @Test func unifiedDiffHeaderAsAnchorGetsAHint() {
        let text = "*** Begin Patch\n*** Update File: f\n@@ -1,2 +1,2 @@\n-a\n+b\n*** End Patch\n"
        #expect(failure(text, ["f": "a\n"])?.message.contains("looks like a unified diff hunk header") == true)
    }

    @Test func aFileInTwoOperations() {
        let text = "*** Begin Patch\n*** Update File: f\n@@\n-a\n+b\n*** Delete File: f\n*** End Patch\n"
        #expect(failure(text, ["f": "a\n"])?.description == "line 6: f: the file is already changed by the operation at line 2 (one operation per file)")
        let moved = "*** Begin Patch\n*** Add File: g\n+x\n*** Update File: f\n*** Move to: g\n*** End Patch\n"
        #expect(failure(moved, ["f": "a\n"])?.line == 5)
    }

    @Test func moveOntoAnExistingFile() {
        let text = "*** Begin Patch\n*** Update File: a\n*** Move to: b\n*** End Patch\n"
        #expect(failure(text, ["a": "x\n", "b": "y\n"])?.description == "line 3: b: Move to: the file already exists")
    }

    @Test func emptyChunkAndUpdateWithoutChunks() {
        #expect(failure("*** Begin Patch\n*** Update File: a\n@@\n*** End Patch\n", ["a": "x\n"])?.description == "line 3: empty chunk in `*** Update File: a`")
        #expect(failure("*** Begin Patch\n*** Update File: a\n*** End Patch\n", ["a": "x\n"])?.description == "line 2: `*** Update File: a` has no chunks")
    }

    @Test func chunkAfterEndOfFileNeedsItsAtAt() {
        let text = "*** Begin Patch\n*** Update File: a\n@@\n-x\n+y\n*** End of File\n-z\n*** End Patch\n"
        #expect(failure(text, ["a": "x\n"])?.description == "line 7: a chunk after `*** End of File` must start with `@@`")
    }

    @Test func malformedAtAtLine() {
        let text = "*** Begin Patch\n*** Update File: a\n@@x\n-x\n*** End Patch\n"
        #expect(failure(text, ["a": "x\n"])?.line == 3)
    }

    @Test func aSecondPatchIsRefused() {
        let text = "*** Begin Patch\n*** Add File: a\n+x\n*** End Patch\n*** Begin Patch\n*** Add File: b\n+y\n*** End Patch\n"
        #expect(failure(text)?.description == "line 5: a second `*** Begin Patch` after `*** End Patch` at line 4; send one patch at a time")
    }

    @Test func emptyPatchIsRefused() {
        #expect(failure("*** Begin Patch\n*** End Patch\n")?.description == "line 2: the patch changes no file")
    }

    @Test func emptyLineInsideAnAddFile() {
        let text = "*** Begin Patch\n*** Add File: a\n+x\n\n+y\n*** End Patch\n"
        #expect(failure(text)?.description == "line 4: empty line in `*** Add File: a` (an empty line of the new file is written `+`)")
    }

    @Test func workspaceReadFailuresAreReported() {
        let text = "*** Begin Patch\n*** Delete File: locked\n*** End Patch\n"
        do {
            _ = try CodexPatch.locate(bytes(text), workspace: { _ in throw ReadFailure() })
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "line 2: locked: cannot read the current file: permission denied")
        }
    }
}
