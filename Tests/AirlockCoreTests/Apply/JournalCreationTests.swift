import Foundation
import Testing
@testable import AirlockCore

/// A refused patch writes nothing at all, not even the journal directory; the directory
/// appears only when a transaction starts.
@Suite("Applier: the journal directory")
struct JournalCreationTests {
    private static let change = """
        --- a/a.txt
        +++ b/a.txt
        @@ -1,2 +1,2 @@
         one
        -two
        +TWO

        """
    private static let stale = change.replacingOccurrences(of: "-two", with: "-zwei")

    /// A workspace that is a git work tree, journal under `.git/` as the CLI puts it.
    private func gitWorkspace() throws -> (Sandbox, Applier) {
        let sandbox = try Sandbox()
        sandbox.makeDirectory(sandbox.workspace + "/.git/hooks")
        sandbox.write("a.txt", "one\ntwo\n")
        return (sandbox, Applier(workspace: sandbox.workspace, journalDirectory: sandbox.workspace + "/.git/airlock-journal"))
    }

    @Test func refusedApplyCreatesNoJournalDirectory() throws {
        let (sandbox, applier) = try gitWorkspace()
        let before = sandbox.snapshot()
        #expect(throws: ApplyRefusal.self) { try applier.apply(try parsePatch(Self.stale)) }
        #expect(sandbox.snapshot() == before, "\(Sandbox.difference(before, sandbox.snapshot()))")
        #expect(!sandbox.exists(".git/airlock-journal"))
    }

    @Test func journalDirectoryAndMissingParentsAppearOnlyWhenATransactionStarts() throws {
        let sandbox = try Sandbox()
        sandbox.write("a.txt", "one\ntwo\n")
        let journal = sandbox.outside + "/state/deep/journal"
        let applier = Applier(workspace: sandbox.workspace, journalDirectory: journal)
        #expect(throws: ApplyRefusal.self) { try applier.apply(try parsePatch(Self.stale)) }
        #expect(!FileManager.default.fileExists(atPath: sandbox.outside + "/state"))

        try applier.apply(try parsePatch(Self.change))
        #expect(sandbox.text("a.txt") == "one\nTWO\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: journal) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.outside + "/state/deep") == ["journal"])
    }

    @Test func aJournalDirectoryInsideTheWorkspaceIsRefusedBeforeItExists() throws {
        let sandbox = try Sandbox()
        sandbox.write("a.txt", "one\ntwo\n")
        let applier = Applier(workspace: sandbox.workspace, journalDirectory: sandbox.workspace + "/state/journal")
        let before = sandbox.snapshot()
        #expect(throws: ApplyRefusal.self) { try applier.apply(try parsePatch(Self.change)) }
        #expect(sandbox.snapshot() == before)
    }

    @Test func concurrentAppliesOnAFreshJournalNeverBothApply() async throws {
        // Each patch turns `two` into something else: whichever applies first makes the
        // other one stale, so exactly one may succeed, whatever the interleaving.
        for _ in 0..<20 {
            let (sandbox, applier) = try gitWorkspace()
            let patches = try ["A", "B", "C", "D"].map { try parsePatch(Self.change.replacingOccurrences(of: "+TWO", with: "+\($0)")) }
            let applied = await withTaskGroup(of: Bool.self) { group in
                for patch in patches {
                    group.addTask { (try? applier.apply(patch)) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(applied == 1)
            #expect(["one\nA\n", "one\nB\n", "one\nC\n", "one\nD\n"].contains(sandbox.text("a.txt") ?? ""))
        }
    }
}
