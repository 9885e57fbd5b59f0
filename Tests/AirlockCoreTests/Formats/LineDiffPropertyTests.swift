import Testing
@testable import AirlockCore

@Suite("LineDiff: generated cases")
struct LineDiffPropertyTests {
    /// Old/new pairs from several families, reproducible from the seed.
    static func cases(seed: UInt64, count: Int) -> [(old: [UInt8], new: [UInt8])] {
        var gen = RandomText(seed: seed)
        return (0..<count).map { n in
            switch n % 4 {
            case 0:  // tiny alphabet: many equal lines, empty files, no final newline
                let crlf = gen.int(0...3) == 0
                let old = gen.file(lines: gen.int(0...25), alphabet: gen.int(1...4), crlf: crlf, finalNewline: gen.bool())
                let new = gen.file(lines: gen.int(0...25), alphabet: gen.int(1...4), crlf: crlf, finalNewline: gen.bool())
                return (old.joinedBytes, new.joinedBytes)
            case 1:  // an edited copy of a small-alphabet file
                let old = gen.file(lines: gen.int(0...40), alphabet: gen.int(2...6))
                let new = gen.edited(old, edits: gen.int(1...4)) { $0.file(lines: 1, alphabet: 6)[0] }
                return (old.joinedBytes, new.joinedBytes)
            case 2:  // source-like edits
                let old = (0..<gen.int(0...60)).map { _ in gen.codeLine() }
                let new = gen.edited(old, edits: gen.int(1...5)) { $0.codeLine() }
                return (old.joinedBytes, new.joinedBytes)
            default:  // unrelated files of different sizes
                let old = gen.file(lines: gen.int(0...15), alphabet: 30, crlf: gen.bool())
                let new = gen.file(lines: gen.int(0...15), alphabet: 30, crlf: gen.bool(), finalNewline: gen.bool())
                return (old.joinedBytes, new.joinedBytes)
            }
        }
    }

    @Test(arguments: [0, 1, 3, 5])
    func applyingTheHunksGivesTheNewText(context: Int) throws {
        for (n, (old, new)) in Self.cases(seed: 0xA1B2 + UInt64(context), count: 400).enumerated() {
            let hunks = LineDiff.hunks(from: old, to: new, context: context)
            let result = try TestApplier.apply(hunks, to: old)
            #expect(result == new, "case \(n)")
            #expect(hunks.isEmpty == (old == new), "case \(n)")
            for hunk in hunks {
                #expect(hunk.lines.contains { $0.kind != .context }, "case \(n): hunk without a change")
                let leading = hunk.lines.prefix { $0.kind == .context }.count
                let trailing = hunk.lines.reversed().prefix { $0.kind == .context }.count
                #expect(leading <= context && trailing <= context, "case \(n): too much context")
            }
        }
    }

    @Test func hunksSurviveARoundTripThroughDiffParser() throws {
        for (n, (old, new)) in Self.cases(seed: 0xC0FFEE, count: 400).enumerated() where old != new {
            let patch = Patch(files: [FilePatch(operation: .modify, oldPath: "f", newPath: "f", hunks: LineDiff.hunks(from: old, to: new))])
            var parser = DiffParser(GitDiffText.render(patch), strip: 1)
            let parsed = try parser.parse()
            #expect(parsed.files.first?.hunks == patch.files[0].hunks, "case \(n)")
        }
    }

    @Test func unrelatedRunsOfTwoLinesStayCorrectPastTheCostBound() throws {
        // Two 3000-line files over a two-line alphabet force the cost bound and the
        // fallback split; the script must still be correct.
        var gen = RandomText(seed: 7)
        let old = gen.file(lines: 3000, alphabet: 3).joinedBytes
        let new = gen.file(lines: 3000, alphabet: 3).joinedBytes
        let hunks = LineDiff.hunks(from: old, to: new)
        #expect(try TestApplier.apply(hunks, to: old) == new)
    }

    /// Correctness on a large input (speed belongs to airlock-bench, not to tests).
    @Test func largeNearlyEqualFiles() throws {
        var old: [UInt8] = []
        for i in 0..<200_000 { old += Array("line number \(i) of a large file\n".utf8) }
        var lines = TestApplier.lines(old)
        for at in [0, 50_000, 120_000, 199_999] { lines[at] = Bytes("changed \(at)\n".utf8) }
        lines.insert(Bytes("inserted\n".utf8), at: 77_777)
        let new = lines.flatMap { $0 }
        let hunks = LineDiff.hunks(from: old, to: new)
        #expect(hunks.count == 5)
        #expect(try TestApplier.apply(hunks, to: old) == new)
    }
}
