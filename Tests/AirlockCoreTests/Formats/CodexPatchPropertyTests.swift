import Testing
@testable import AirlockCore

@Suite("CodexPatch: generated patches")
struct CodexPatchPropertyTests {
    /// One generated case: the workspace, the patch text, and the workspace it should give.
    struct Case {
        var before: [String: [UInt8]]
        var text: [UInt8]
        var after: [String: [UInt8]]
    }

    /// Random files (CRLF or LF, with or without a final newline, some repeated lines) and
    /// random chunks cut from them, kept only where the chunk's first occurrence after the
    /// previous chunk (or its anchor) is the intended place, so the intended result is
    /// known without resolving.
    static func makeCase(_ gen: inout RandomText) -> Case? {
        let crlf = gen.int(0...3) == 0
        let newline: [UInt8] = crlf ? [13, 10] : [10]
        let finalNewline = gen.bool()
        let contents: [[UInt8]] = (0..<gen.int(1...40)).map { _ in Array("v\(gen.int(0...25))".utf8) }
        let count = contents.count
        let fileTerminator = { (i: Int) in i == count - 1 && !finalNewline ? [] : newline }
        let file = contents.indices.flatMap { contents[$0] + fileTerminator($0) }

        var text = Array("*** Begin Patch".utf8) + newline + Array("*** Update File: f".utf8) + newline
        var result: [[UInt8]] = []
        var p = 0
        var copied = 0
        var chunks = 0
        var removesEnd = false, reachesEnd = false
        for _ in 0..<gen.int(1...3) {
            guard p < count else { break }
            var anchor: Int?
            if gen.int(0...3) == 0 {
                let candidate = gen.int(p...(count - 1))
                if contents[p...].firstIndex(of: contents[candidate]) == candidate { anchor = candidate }
            }
            let searchFrom = anchor.map { $0 + 1 } ?? p
            guard searchFrom < count else { continue }
            let s = gen.int(searchFrom...(count - 1))
            let before = gen.int(0...min(3, s - searchFrom))
            let removed = gen.int(0...min(3, count - s))
            let after = gen.int(0...min(3, count - s - removed))
            let added = (0..<gen.int(0...3)).map { _ in Array("new\(gen.int(0...9))".utf8) }
            let start = s - before, end = s + removed + after
            guard end > start, removed > 0 || !added.isEmpty else { continue }
            let pattern = Array(contents[start..<end])
            let first = (searchFrom...(count - pattern.count)).first { contents[$0..<($0 + pattern.count)].elementsEqual(pattern) }
            guard first == start else { continue }
            let endOfFile = end == count && gen.bool()

            text += Array("@@".utf8) + (anchor.map { [32] + contents[$0] } ?? []) + newline
            for line in contents[start..<s] { text += [32] + line + newline }
            let removedLines = contents[s..<(s + removed)].map { [UInt8(ascii: "-")] + $0 + newline }
            let addedLines = added.map { [UInt8(ascii: "+")] + $0 + newline }
            text += (gen.bool() ? removedLines + addedLines : addedLines + removedLines).flatMap { $0 }
            for line in contents[(s + removed)..<end] { text += [32] + line + newline }
            if endOfFile { text += Array("*** End of File".utf8) + newline }

            result += contents[copied..<s]
            result += added
            copied = s + removed
            reachesEnd = end == count
            removesEnd = reachesEnd && after == 0 && added.isEmpty
            p = end
            chunks += 1
        }
        guard chunks > 0 else { return nil }
        result += contents[copied..<count]
        text += Array("*** End Patch".utf8) + newline

        // A file without a final newline keeps lacking it, unless a chunk removes its end.
        var expected: [UInt8] = []
        for (i, line) in result.enumerated() {
            expected += line
            let isLast = i == result.count - 1
            if !isLast || finalNewline || (reachesEnd && removesEnd) { expected += newline }
        }
        return Case(before: ["f": file], text: text, after: ["f": expected])
    }

    @Test func resolvingThenApplyingGivesTheIntendedFile() throws {
        var gen = RandomText(seed: 0xC0DE)
        var checked = 0
        for n in 0..<1500 {
            guard let c = Self.makeCase(&gen) else { continue }
            let patch = try CodexPatch.locate(c.text, workspace: memoryWorkspace(c.before))
            let result = try TestApplier.apply(patch, to: c.before)
            #expect(result == c.after, "case \(n): \(String(decoding: c.text, as: UTF8.self))")
            var parser = DiffParser(GitDiffText.render(patch), strip: 1)
            #expect(try parser.parse() == patch, "case \(n): DiffParser round trip")
            checked += 1
        }
        #expect(checked > 500)
    }

    @Test func addAndDeleteRoundTrip() throws {
        var gen = RandomText(seed: 0xADD)
        for n in 0..<200 {
            let crlf = gen.bool()
            let lines = gen.file(lines: gen.int(0...10), alphabet: 8, crlf: crlf)
            let newline = crlf ? "\r\n" : "\n"
            var text = "*** Begin Patch\(newline)*** Add File: new\(newline)"
            for line in lines { text += "+" + String(decoding: line, as: UTF8.self) }
            text += "*** Delete File: old\(newline)*** End Patch\(newline)"
            let old = gen.file(lines: gen.int(0...10), alphabet: 8, crlf: crlf, finalNewline: gen.bool()).joinedBytes
            let patch = try CodexPatch.locate(bytes(text), workspace: memoryWorkspace(["old": old]))
            #expect(try TestApplier.apply(patch, to: ["old": old]) == ["new": lines.joinedBytes], "case \(n)")
        }
    }
}
