import Foundation
import Testing
@testable import AirlockCore

@Suite("Journal")
struct JournalTests {
    private struct Crash: Error {}

    /// A sandbox whose application of a two-file patch crashed after staging, leaving a
    /// `staging` journal.
    private func interrupted() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.write("a.txt", "a\n")
        var applier = sandbox.applier()
        applier.onStep = { if $0 == 5 { throw Crash() } }
        #expect(throws: Crash.self) {
            try applier.apply(try parsePatch("""
                --- a/a.txt
                +++ b/a.txt
                @@ -1 +1 @@
                -a
                +b
                --- /dev/null
                +++ b/new/c.txt
                @@ -0,0 +1 @@
                +c

                """))
        }
        return sandbox
    }

    private var journalFile: String { "transaction.json" }

    @Test("records the staged files, the new directories and the workspace")
    func contents() throws {
        let sandbox = try interrupted()
        let data = try #require(FileManager.default.contents(atPath: sandbox.journal + "/" + journalFile))
        let journal = try JSONDecoder().decode(Journal.self, from: data)
        #expect(journal.state == .staging)
        #expect(journal.stagingDirectories.map(\.description) == ["new"])
        #expect(journal.writes.map(\.target.description) == ["a.txt", "new/c.txt"])
        #expect(journal.writes.map(\.stage.description) == ["\(PathPolicy.stagePrefix)\(journal.transaction)-1", "new/\(PathPolicy.stagePrefix)\(journal.transaction)-2"])
        #expect(journal.workspace.path.hasSuffix("/workspace"))
        try journal.validate()
    }

    @Test("recovery refuses a journal of another workspace")
    func otherWorkspace() throws {
        let sandbox = try interrupted()
        let other = try Sandbox()
        do {
            _ = try Applier.recover(workspace: other.workspace, journalDirectory: sandbox.journal)
            Issue.record("recovered into another workspace")
        } catch let error as JournalCorruption {
            #expect(error.description.contains("belongs to the workspace at"))
        }
        #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) != nil)
    }

    @Test("recovery refuses an unreadable or tampered journal and leaves it alone")
    func tampered() throws {
        let sandbox = try interrupted()
        let path = sandbox.journal + "/" + journalFile
        let original = try String(contentsOfFile: path, encoding: .utf8)
        for (name, text) in [
            ("garbage", "{ not json"),
            ("traversal", original.replacingOccurrences(of: "\"new\\/c.txt\"", with: "\"..\\/..\\/outside\\/c.txt\"").replacingOccurrences(of: "\"new/c.txt\"", with: "\"../../outside/c.txt\"")),
            ("into .git", original.replacingOccurrences(of: "\"a.txt\"", with: "\".git\\/config\"")),
            ("foreign staged name", original.replacingOccurrences(of: PathPolicy.stagePrefix, with: "not-a-stage-")),
        ] {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            #expect(throws: JournalCorruption.self, "\(name)") {
                try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal)
            }
            #expect(FileManager.default.fileExists(atPath: path))
        }
        try original.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try Applier.recover(workspace: sandbox.workspace, journalDirectory: sandbox.journal) != nil)
        #expect(sandbox.text("a.txt") == "a\n")
        #expect(!sandbox.exists("new"))
    }
}
