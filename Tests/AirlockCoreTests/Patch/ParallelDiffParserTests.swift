import Testing
@testable import AirlockCore

@Suite("Parallel parsing of large diffs")
struct ParallelDiffParserTests {
    /// A git patch of about 5 MB over 400 files.
    static func largePatch() -> [UInt8] {
        var files: [FilePatch] = []
        for f in 0..<400 {
            var hunks: [Hunk] = []
            for h in 0..<40 {
                let start = h * 10 + 1
                let lines = [
                    HunkLine(.context, "file \(f) context \(h) " + String(repeating: "x", count: 250) + "\n"),
                    HunkLine(.removed, "file \(f) old \(h)\n"),
                    HunkLine(.added, "file \(f) new \(h)\n"),
                    HunkLine(.context, "file \(f) after \(h)\n"),
                ]
                hunks.append(Hunk(oldStart: start, oldCount: 3, newStart: start, newCount: 3, lines: lines))
            }
            files.append(FilePatch(operation: .modify, oldPath: "dir/f\(f).txt", newPath: "dir/f\(f).txt", hunks: hunks))
        }
        return PatchRenderer.render(Patch(files: files))
    }

    @Test func sameResultAsOneSequentialParse() throws {
        let text = Bytes(Self.largePatch())
        #expect(text.count > ParallelDiffParser.minimumParallelBytes)
        #expect(ParallelDiffParser.cut(text, into: 4).count == 4)
        var sequential = DiffParser(text)
        #expect(try ParallelDiffParser.parse(text, strip: 1) == sequential.parse())
    }

    @Test func errorsInLaterPiecesKeepTheirLineNumbers() throws {
        var bytes = Self.largePatch()
        // Break a hunk header near the end, in the last piece.
        let marker = Array("@@ -381,3 +381,3 @@".utf8)
        var at = bytes.count - 1
        while at > 0, !bytes[at...].starts(with: marker) { at -= 1 }
        bytes[at + 4] = UInt8(ascii: "x")
        let text = Bytes(bytes)
        var sequential = DiffParser(text)
        var expected: PatchParseError?
        do { _ = try sequential.parse() } catch { expected = error }
        let expectedLine = try #require(expected?.line)
        #expect(expectedLine > 60_000)
        #expect(throws: expected!) { try ParallelDiffParser.parse(text, strip: 1) }
    }
}
