import Foundation
import Testing
@testable import AirlockCore

#if canImport(Glibc)
import Glibc
#endif

/// A re-check pass hashes each file once, yet never takes a changed file for the old one.
@Suite("Re-check: one hash per file per pass")
struct WorkspaceFileHashesTests {
    let lines = numbered(40)

    /// A clock this far after the real one makes every file look long settled.
    private func later(by seconds: Int) -> () -> FileFingerprint.Timestamp {
        { FileFingerprint.Timestamp(seconds: FileFingerprint.Timestamp.now.seconds + seconds, nanoseconds: 0) }
    }

    private func modificationTime(_ path: String) throws -> timespec {
        var info = stat()
        #expect(stat(path, &info) == 0)
        return info.st_mtim
    }

    /// Writes `text` to `path` and sets its modification time back to `time`.
    private func rewrite(_ path: String, _ text: String, keeping time: timespec) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var times = [time, time]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    @Test func aSettledFileIsHashedOncePerPass() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let hashes = WorkspaceFileHashes(reader: w.workspace.reader, now: later(by: 60))
        let first = try hashes.sha256(of: "a.txt")
        #expect(try hashes.sha256(of: "a.txt") == first)
        #expect(try hashes.sha256(of: "a.txt") == first)
        #expect(hashes.hashCount == 1)
        #expect(try hashes.sha256(of: "missing.txt") == nil)
    }

    @Test func aRewriteOfTheSameSizeAndModificationTimeIsStillSeen() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        let path = w.root + "/a.txt"
        let hashes = WorkspaceFileHashes(reader: w.workspace.reader, now: later(by: 60))
        let before = try hashes.sha256(of: "a.txt")
        var edited = lines
        edited[34] = "LINE 35"
        #expect(text(edited).utf8.count == text(lines).utf8.count)
        try rewrite(path, text(edited), keeping: try modificationTime(path))
        let after = try hashes.sha256(of: "a.txt")
        #expect(after != before, "the status-change time moved, so the file is hashed again")
        #expect(hashes.hashCount == 2)
    }

    @Test func aFileChangedMomentsAgoIsHashedOnEveryLookup() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        // With the real clock the file was written within the ambiguity window: a second
        // write in the same timestamp tick could leave its fingerprint unchanged.
        let hashes = WorkspaceFileHashes(reader: w.workspace.reader)
        _ = try hashes.sha256(of: "a.txt")
        _ = try hashes.sha256(of: "a.txt")
        #expect(hashes.hashCount == 2)
    }

    @Test func aSymlinkNeverMatches() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        try FileManager.default.createSymbolicLink(atPath: w.root + "/link.txt", withDestinationPath: "a.txt")
        let hashes = WorkspaceFileHashes(reader: w.workspace.reader, now: later(by: 60))
        let digest = try hashes.sha256(of: "a.txt")
        #expect(!hashes.match([FileImage(path: "link.txt", sha256: digest)]))
        #expect(hashes.match([FileImage(path: "a.txt", sha256: digest), FileImage(path: "absent.txt", sha256: nil)]))
    }

    @Test func recheckWaitingNoticesASameSizeRewriteWithTheOldModificationTime() throws {
        let w = try ReviewWorkspace(files: ["a.txt": text(lines)])
        var proposals: [Proposal] = []
        for n in 0..<5 {
            proposals.append(try w.propose(modification("a.txt", lines: lines, line: 10, with: "ten \(n)"), agent: "coder-\(n)"))
        }
        #expect(try w.workspace.recheckWaiting().isEmpty)
        let path = w.root + "/a.txt"
        var edited = lines
        edited[34] = "LINE 35"
        try rewrite(path, text(edited), keeping: try modificationTime(path))
        let outcomes = try w.workspace.recheckWaiting()
        #expect(outcomes.map(\.id) == proposals.map(\.id))
        for outcome in outcomes {
            guard case .stillApplies = outcome.verdict else {
                Issue.record("expected still applies, got \(outcome)")
                continue
            }
        }
        #expect(try w.workspace.recheckWaiting().isEmpty, "the new base is remembered")
    }
}
