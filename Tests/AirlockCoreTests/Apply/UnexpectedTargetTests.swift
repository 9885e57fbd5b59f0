import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import AirlockCore

/// What the applier writes is exactly what was checked: a file that appears at a path the
/// patch creates, after the check, is someone else's and is never replaced; and a
/// rewritten file keeps its permission bits but never setuid, setgid or sticky.
@Suite("Applier: files that appear mid-apply, special permission bits")
struct UnexpectedTargetTests {
    private let patch = """
        diff --git a/a.txt b/a.txt
        --- a/a.txt
        +++ b/a.txt
        @@ -1 +1 @@
        -old
        +new
        diff --git a/new.txt b/new.txt
        new file mode 100644
        --- /dev/null
        +++ b/new.txt
        @@ -0,0 +1 @@
        +from the patch

        """

    private func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.write("a.txt", "old\n")
        return sandbox
    }

    /// The number of steps a clean run of `patch` takes.
    private func stepCount() throws -> Int {
        let sandbox = try sandbox()
        var applier = sandbox.applier()
        let counter = StepLog()
        applier.onStep = { counter.record($0) }
        try applier.apply(try parsePatch(patch))
        return counter.last
    }

    @Test func aFileThatAppearsWhileStagingIsKeptAndTheApplyIsRolledBack() throws {
        let sandbox = try sandbox()
        var applier = sandbox.applier()
        let base = sandbox.base
        // Step 3 writes the first staged file: the journal says `staging`.
        applier.onStep = { step in
            if step == 3 { Sandbox.existing(base).write("new.txt", "someone else's\n") }
        }
        #expect(throws: ApplyRefusal.self) { try applier.apply(try parsePatch(patch)) }
        do {
            try applier.apply(try parsePatch(patch))
        } catch let refusal as ApplyRefusal {
            #expect(refusal.problems.map(\.path) == ["new.txt"])
        }
        #expect(sandbox.text("new.txt") == "someone else's\n")
        #expect(sandbox.text("a.txt") == "old\n", "rolled back: no file of the patch was written")
        #expect(Set(sandbox.workspaceSnapshot().keys) == ["", "a.txt", "new.txt", ".airlock", ".airlock/journal"])
        #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) == nil)
    }

    @Test func theRefusalNamesTheFileAndWhy() throws {
        let sandbox = try sandbox()
        var applier = sandbox.applier()
        let base = sandbox.base
        applier.onStep = { step in
            if step == 3 { Sandbox.existing(base).write("new.txt", "someone else's\n") }
        }
        do {
            try applier.apply(try parsePatch(patch))
            Issue.record("applied over a file that appeared")
        } catch let refusal as ApplyRefusal {
            #expect(refusal.problems.map(\.message) == ["`new.txt` appeared after the patch was checked; it was left as it is (Airlock never replaces a file it did not expect)"])
        }
    }

    @Test func aFileThatAppearsAfterTheCommitIsNeverReplaced() throws {
        let total = try stepCount()
        let sandbox = try sandbox()
        var applier = sandbox.applier()
        let base = sandbox.base
        // The two renames are the steps before the journal's deletion, the last step.
        let firstRename = total - 2
        applier.onStep = { step in
            if step == firstRename { Sandbox.existing(base).write("new.txt", "someone else's\n") }
        }
        do {
            try applier.apply(try parsePatch(patch))
            Issue.record("applied over a file that appeared")
        } catch let error as FileSystemError {
            #expect(error.errno == EEXIST, "\(error)")
            #expect(error.pendingRecovery)
            #expect(error.description.contains("`new.txt` appeared after the patch was checked and was kept"), "\(error)")
        }
        #expect(sandbox.text("new.txt") == "someone else's\n")
        // Recovery keeps the promise too, until a person moves the file away.
        #expect(throws: FileSystemError.self) { try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) }
        #expect(sandbox.text("new.txt") == "someone else's\n")
        try FileManager.default.removeItem(atPath: sandbox.absolute("new.txt"))
        let transaction = try #require(try transactionName(in: sandbox))
        #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) == .rolledForward(transaction: transaction))
        #expect(sandbox.text("new.txt") == "from the patch\n")
        #expect(sandbox.text("a.txt") == "new\n")
    }

    @Test func setuidSetgidAndStickyBitsDoNotSurviveARewrite() throws {
        let sandbox = try Sandbox()
        sandbox.write("tool.sh", "echo old\n", permissions: 0o4755)
        sandbox.write("data.txt", "old\n", permissions: 0o2644)
        sandbox.write("notes.txt", "old\n", permissions: 0o1664)
        sandbox.write("run.sh", "old\n", permissions: 0o6644)
        #expect(sandbox.permissions("tool.sh") == 0o4755, "the sandbox can set the bits")
        let rewrite = """
            diff --git a/tool.sh b/tool.sh
            --- a/tool.sh
            +++ b/tool.sh
            @@ -1 +1 @@
            -echo old
            +echo new
            diff --git a/data.txt b/data.txt
            --- a/data.txt
            +++ b/data.txt
            @@ -1 +1 @@
            -old
            +new
            diff --git a/notes.txt b/notes.txt
            --- a/notes.txt
            +++ b/notes.txt
            @@ -1 +1 @@
            -old
            +new
            diff --git a/run.sh b/run.sh
            old mode 100644
            new mode 100755
            --- a/run.sh
            +++ b/run.sh
            @@ -1 +1 @@
            -old
            +new

            """
        try sandbox.applier().apply(try parsePatch(rewrite))
        #expect(sandbox.permissions("tool.sh") == 0o755)
        #expect(sandbox.permissions("data.txt") == 0o644)
        #expect(sandbox.permissions("notes.txt") == 0o664)
        #expect(sandbox.permissions("run.sh") == 0o755)
        #expect(sandbox.text("tool.sh") == "echo new\n")
    }

    /// The transaction id recovery reports, read from the journal left behind.
    private func transactionName(in sandbox: Sandbox) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: sandbox.journal + "/transaction.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["transaction"] as? String
    }
}

/// Records the steps an application announces.
private final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [Int] = []

    func record(_ step: Int) {
        lock.lock()
        steps.append(step)
        lock.unlock()
    }

    var last: Int {
        lock.lock()
        defer { lock.unlock() }
        return steps.max() ?? 0
    }
}
