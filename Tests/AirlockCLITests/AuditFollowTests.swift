import AirlockCore
import Foundation
import Testing

/// `airlock audit --follow`: a second long-lived process follows the event cursor while
/// this one proposes, decides and applies through the service; every event reaches the
/// follower's pipe once, in order, as it is committed.
@Suite("airlock audit --follow")
struct AuditFollowTests {
    /// Reads the follower's stdout as it comes, line by line.
    final class Lines: @unchecked Sendable {
        private let handle: FileHandle
        private var buffer = Data()

        init(_ handle: FileHandle) { self.handle = handle }

        /// The next line, or nil once the pipe is closed.
        func next() -> String? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    return line
                }
                let chunk = handle.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }
    }

    struct Event: Decodable, Equatable {
        var seq: Int64
        var kind: String
        var proposal: Int64?
        var actor: String
    }

    private func follower(_ arguments: [String], in root: URL) throws -> (Process, Lines) {
        let process = Process()
        process.executableURL = CLIHarness.executable
        process.arguments = ["audit", "--follow"] + arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, Lines(out.fileHandleForReading))
    }

    @Test func aFollowerSeesEveryEventOnceInOrderWhileAnotherProcessWorks() async throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        try CLIHarness.write("one\ntwo\n", to: "a.txt", in: root)
        let workspace = try ManagedWorkspace.initialize(at: root.path)
        let service = LocalReviewService(workspace: try ManagedWorkspace.open(root: workspace.root, access: .longLived).workspace)
        let (process, lines) = try follower(["--json", "--since", "0"], in: root)
        defer { if process.isRunning { process.terminate() } }

        let terminal = try ReviewerTerminal()
        let reviewer = try terminal.reviewer()
        var ids: [Int64] = []
        for n in 0..<10 {
            let patch = ManagedWorkspaceFixture.creation("f\(n).txt")
            let proposal = try await service.propose(Submission(agent: "coder-\(n % 3)", title: "file \(n)", patch: patch)).proposal
            ids.append(proposal.id)
            switch n % 3 {
            case 0:
                _ = try await service.approve(Approval(id: proposal.id, shownDigest: proposal.digest), by: reviewer)
                _ = try await service.apply(proposal.id)
            case 1:
                _ = try await service.reject(Rejection(id: proposal.id, shownDigest: proposal.digest, feedback: "not \(n)"), by: reviewer)
            default:
                _ = try await service.withdraw(proposal.id, agent: "coder-2")
            }
        }
        let entries = try workspace.store.auditEntries()
        let head = try #require(entries.last?.seq)

        var seen: [Event] = []
        while seen.last?.seq != head, let line = lines.next() {
            seen.append(try JSONDecoder().decode(Event.self, from: Data(line.utf8)))
        }
        #expect(seen.map(\.seq) == Array(1...head), "every event once, in order")
        #expect(seen.map(\.proposal) == entries.map(\.proposalID))
        #expect(seen.map(\.actor) == entries.map(\.actor))
        #expect(seen.filter { $0.kind == "submitted" }.map(\.proposal) == ids)
        #expect(seen.filter { $0.kind == "decided" }.count == 7)
        #expect(seen.filter { $0.kind == "applied" }.count == 4)
        #expect(Set(seen.map(\.kind)).isSubset(of: ["submitted", "state_changed", "check_finished", "decided", "apply_started", "applied"]))

        // Still following: the next commit arrives on the open pipe.
        try await service.reportStatus(AgentStatusReport(agent: "coder-1", state: .idle, activity: "done"))
        let next = try JSONDecoder().decode(Event.self, from: Data(try #require(lines.next()).utf8))
        #expect(next == Event(seq: head + 1, kind: "agent_status", proposal: nil, actor: "coder-1"))
        process.terminate()
        process.waitUntilExit()
    }

    @Test func linesStartAtTheHeadByDefaultAndEscapeWhatAgentsWrote() async throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = try ManagedWorkspace.initialize(at: root.path)
        let service = LocalReviewService(workspace: workspace)
        _ = try await service.propose(Submission(agent: "coder-1", title: "before", patch: ManagedWorkspaceFixture.creation("old.txt")))
        let (process, lines) = try follower([], in: root)
        defer { if process.isRunning { process.terminate() } }
        // The follower is at the head once it has opened the store; give it a moment.
        try await Task.sleep(nanoseconds: 300_000_000)
        _ = try await service.propose(Submission(agent: "coder-1", title: "evil \u{1b}]0;owned\u{07} title", patch: ManagedWorkspaceFixture.creation("new.txt")))
        let line = try #require(lines.next())
        #expect(line.contains("#2"))
        #expect(line.contains("submitted"))
        #expect(line.contains(#"evil \x1b]0;owned\x07 title"#), "\(line)")
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
        process.terminate()
        process.waitUntilExit()
    }

    @Test func badArgumentsAreRefused() throws {
        let root = try ManagedWorkspaceFixture.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try ManagedWorkspace.initialize(at: root.path)
        let both = try CLIHarness.run(["audit", "--follow", "--verify"], in: root)
        #expect(both.status == 64 || both.status == 2)
        #expect(both.stderr.contains("--verify and --follow do not go together"))
        let negative = try CLIHarness.run(["audit", "--follow", "--since", "-3"], in: root)
        #expect(negative.status != 0)
    }
}
