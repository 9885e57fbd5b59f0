import Foundation
import Testing
@testable import AirlockCore

/// The manifest a slot keeps of what it holds: it reads back what was written, and
/// anything else reads as nothing (so the worst a damaged one costs is a full copy).
@Suite("Scratch manifest")
struct ScratchManifestTests {
    private let stamp = FileStamp(size: 12, modified: 1_700_000_000_123_456_789, changed: -5, mode: 0o100755, inode: .max, device: 2049)

    @Test func readsBackWhatWasWritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-manifest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var manifest = ScratchManifest()
        var other = stamp
        other.size = 0
        manifest.entries["src/a b.py"] = .init(workspace: stamp, slot: other)
        manifest.entries["new\nline/ü.txt"] = .init(workspace: other, slot: stamp)
        try manifest.write(directory + "/0.manifest")
        #expect(ScratchManifest.read(directory + "/0.manifest") == manifest)
    }

    @Test func anythingMalformedReadsAsEmpty() {
        let header = "airlock scratch manifest 1\n"
        for text in [
            "", "airlock scratch manifest 2\n", header + "a.txt\u{0}1 2 3\n", header + "a.txt\u{0}1 2 3 4 5 6 7 8 9 10 11 x\n",
            header + "a.txt\u{0}1 2 3 4 5 6 7 8 9 10 11 12", header + "a.txt\u{0}1 2 3 99999999999999999999 5 6 7 8 9 10 11 12\n",
            header + "a.txt",
        ] {
            #expect(ScratchManifest.parse(Array(text.utf8)) == nil, "\(text.debugDescription)")
        }
        #expect(ScratchManifest.parse(Array((header + "a.txt\u{0}1 2 3 4 5 6 7 8 9 10 11 12\n").utf8))?.entries.count == 1)
        #expect(ScratchManifest.read("/nonexistent/airlock.manifest") == ScratchManifest())
    }
}
