import Testing
@testable import AirlockCore

@Suite("Hunk matching")
struct HunkMatchingTests {
    /// `lines` joined as a file, each with "\n".
    private func file(_ lines: [String]) -> [UInt8] {
        Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    private func hunk(_ header: (Int, Int, Int, Int), _ body: [String]) -> Hunk {
        Hunk(oldStart: header.0, oldCount: header.1, newStart: header.2, newCount: header.3, lines: body.map { line in
            let kind: HunkLine.Kind = switch line.first {
            case "-": .removed
            case "+": .added
            default: .context
            }
            return HunkLine(kind, String(line.dropFirst()) + "\n")
        })
    }

    private func apply(_ hunks: [Hunk], to content: [UInt8], path: String = "f.txt") throws(ApplyProblem) -> PatchedContent {
        try HunkApplication.apply(hunks, to: content, path: path)
    }

    // MARK: - images

    @Test("splits lines keeping their terminators, CR and a missing final newline")
    func split() {
        let image = LineImage(Array("a\r\nb\n\nc".utf8))
        #expect(image.lines.map { String(decoding: $0, as: UTF8.self) } == ["a\r\n", "b\n", "\n", "c"])
        #expect(image.bytes == Array("a\r\nb\n\nc".utf8))
        #expect(LineImage([]).count == 0)
    }

    // MARK: - positions

    @Test("applies at the header's line with offset 0")
    func exact() throws {
        let result = try apply([hunk((2, 3, 2, 3), [" b", "-c", "+C", " d"])], to: file(["a", "b", "c", "d", "e"]))
        #expect(result.bytes == file(["a", "b", "C", "d", "e"]))
        #expect(result.offsets == [0])
    }

    @Test("finds the hunk further down and reports a positive offset")
    func forwardOffset() throws {
        let result = try apply([hunk((2, 3, 2, 3), [" b", "-c", "+C", " d"])], to: file(["x", "y", "z", "a", "b", "c", "d", "e"]))
        #expect(result.bytes == file(["x", "y", "z", "a", "b", "C", "d", "e"]))
        #expect(result.offsets == [3])
    }

    @Test("finds the hunk further up and reports a negative offset")
    func backwardOffset() throws {
        let result = try apply([hunk((10, 3, 10, 3), [" b", "-c", "+C", " d"])], to: file(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]))
        #expect(result.bytes == file(["a", "b", "C", "d", "e", "f", "g", "h", "i", "j", "k", "l"]))
        #expect(result.offsets == [-8])
    }

    @Test("tries one line down before one line up, as git's find_pos")
    func forwardFirst() throws {
        // The context "k/-x/k" occurs at 0-based lines 3 and 5; the header says 4.
        let content = file(["a", "b", "c", "k", "x", "k", "x", "k", "z"])
        let result = try apply([hunk((5, 3, 5, 3), [" k", "-x", "+X", " k"])], to: content)
        #expect(result.offsets == [1])
        #expect(result.bytes == file(["a", "b", "c", "k", "x", "k", "X", "k", "z"]))
    }

    @Test("prefers one line up over two lines down")
    func nearestFirst() throws {
        // Matches at 0-based 2 (offset -1) and 5 (offset +2): -1 is tried first.
        let content = file(["a", "b", "k", "x", "m", "k", "x", "n"])
        let result = try apply([hunk((4, 2, 4, 2), ["-k", "+K", " x"])], to: content)
        #expect(result.offsets == [-1])
        #expect(result.bytes == file(["a", "b", "K", "x", "m", "k", "x", "n"]))
    }

    @Test("a hunk from line 1 must match at the start of the file")
    func matchBeginning() throws {
        let content = file(["new", "a", "b", "c", "d"])
        #expect(throws: ApplyProblem.self) {
            try apply([hunk((1, 3, 1, 3), [" a", "-b", "+B", " c"])], to: content)
        }
        do {
            _ = try apply([hunk((1, 3, 1, 3), [" a", "-b", "+B", " c"])], to: content)
        } catch {
            #expect(error.message.contains("start of the file"), "\(error.message)")
            #expect(error.hunk == 1)
        }
        // Without the anchor (header at line 2) the same lines apply one line down.
        let moved = try apply([hunk((2, 3, 2, 3), [" a", "-b", "+B", " c"])], to: content)
        #expect(moved.offsets == [0])
    }

    @Test("a hunk without trailing context must match at the end of the file")
    func matchEnd() throws {
        let appended = try apply([hunk((3, 1, 3, 2), [" c", "+d"])], to: file(["a", "b", "x", "y", "c"]))
        #expect(appended.bytes == file(["a", "b", "x", "y", "c", "d"]))
        #expect(appended.offsets == [2])

        // "c" is in the middle, not at the end: git refuses rather than append there.
        do {
            _ = try apply([hunk((3, 1, 3, 2), [" c", "+d"])], to: file(["a", "b", "c", "e"]))
            Issue.record("applied a hunk without trailing context in the middle of the file")
        } catch {
            #expect(error.message.contains("end of the file"), "\(error.message)")
        }
    }

    @Test("a hunk covering the whole file must match all of it")
    func wholeFile() throws {
        let delete = hunk((1, 2, 0, 0), ["-a", "-b"])
        #expect(try apply([delete], to: file(["a", "b"])).bytes == [])
        #expect(throws: ApplyProblem.self) { try apply([delete], to: file(["a", "b", "c"])) }
    }

    @Test("applies hunks in order to the evolving image, each with its own offset")
    func severalHunks() throws {
        let content = file(["0", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
        let two = try apply([
            hunk((2, 3, 2, 4), [" b", "+b2", " c", " d"]),
            hunk((8, 3, 9, 2), [" h", "-i", " j"]),
        ], to: content)
        #expect(two.offsets == [1, 1])
        #expect(two.bytes == file(["0", "a", "b", "b2", "c", "d", "e", "f", "g", "h", "j"]))
    }

    @Test("a later hunk may not match lines an earlier hunk wrote")
    func noOverlap() throws {
        let content = file(["a", "b", "c", "d", "e"])
        let first = hunk((2, 3, 2, 3), [" b", "-c", "+x", " d"])
        let second = hunk((2, 3, 2, 3), [" b", "-x", "+y", " d"])
        #expect(throws: ApplyProblem.self) { try apply([first, second], to: content) }
        do {
            _ = try apply([first, second], to: content)
        } catch {
            #expect(error.message.contains("earlier hunk"), "\(error.message)")
            #expect(error.hunk == 2)
        }
    }

    // MARK: - bytes are exact

    @Test("CRLF lines match only CRLF lines, and stay CRLF")
    func crlf() throws {
        let content = Array("a\r\nb\r\nc\r\n".utf8)
        let crlfHunk = Hunk(oldStart: 1, oldCount: 3, newStart: 1, newCount: 3, lines: [
            HunkLine(.context, "a\r\n"), HunkLine(.removed, "b\r\n"), HunkLine(.added, "B\r\n"), HunkLine(.context, "c\r\n"),
        ])
        #expect(try apply([crlfHunk], to: content).bytes == Array("a\r\nB\r\nc\r\n".utf8))

        let lfHunk = hunk((1, 3, 1, 3), [" a", "-b", "+B", " c"])
        do {
            _ = try apply([lfHunk], to: content)
            Issue.record("LF hunk applied to a CRLF file")
        } catch {
            #expect(error.message.contains(#"found `a\r`"#), "\(error.message)")
        }
    }

    @Test("a missing final newline is kept, added or removed exactly as the hunk says")
    func finalNewline() throws {
        let content = Array("a\nb".utf8)
        let keep = Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, lines: [
            HunkLine(.removed, "a\n"), HunkLine(.added, "A\n"), HunkLine(.context, "b"),
        ])
        #expect(try apply([keep], to: content).bytes == Array("A\nb".utf8))

        let add = Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 3, lines: [
            HunkLine(.context, "a\n"), HunkLine(.removed, "b"), HunkLine(.added, "b\n"), HunkLine(.added, "c\n"),
        ])
        #expect(try apply([add], to: content).bytes == Array("a\nb\nc\n".utf8))

        // The hunk thinks "b" ends with a newline; the file's does not.
        let wrong = hunk((1, 2, 1, 2), ["-a", "+A", " b"])
        do {
            _ = try apply([wrong], to: content)
            Issue.record("matched a line with a newline against one without")
        } catch {
            #expect(error.message.contains("(no newline at end)"), "\(error.message)")
        }
    }

    // MARK: - messages

    @Test("a mismatch names the hunk, its header, the file, the line and both texts")
    func mismatchMessage() throws {
        var lines = (1...50).map { "line \($0)" }
        lines[40] = "changed"
        let first = hunk((3, 3, 3, 3), [" line 3", "-line 4", "+LINE 4", " line 5"])
        let second = hunk((40, 7, 40, 8), [" line 40", " line 41", " line 42", "-line 43", "+x", "+y", " line 44", " line 45", " line 46"])
        do {
            _ = try apply([first, second], to: file(lines), path: "src/a.c")
            Issue.record("applied")
        } catch {
            #expect(error.message == "hunk 2 (@@ -40,7 +40,8 @@) of `src/a.c` does not match: expected line 41 `line 41`, found `changed`; no other offset matches either")
            #expect(error.path == "src/a.c")
            #expect(error.hunk == 2)
        }
    }

    @Test("mismatch messages escape control characters and cut long lines")
    func mismatchEscapes() {
        let evil = "\u{1B}]0;pwned\u{7}" + String(repeating: "x", count: 100)
        do {
            _ = try apply([hunk((1, 1, 1, 1), ["-" + evil, "+ok"])], to: file(["other"]))
            Issue.record("applied")
        } catch {
            #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
            #expect(error.message.contains(#"\x1b]0;pwned\x07"#), "\(error.message)")
            #expect(error.message.contains("…`"))
        }
    }

    // MARK: - shapes

    @Test("refuses hunks whose bodies disagree with their headers or lines that cannot be")
    func shapes() {
        func problems(_ hunks: [Hunk]) -> [String] {
            HunkApplication.shapeProblems(of: hunks, path: "f").map(\.message)
        }
        #expect(problems([hunk((1, 3, 1, 3), [" a", "-b", "+B", " c"])]).isEmpty)
        #expect(problems([hunk((1, 5, 1, 3), [" a", "-b", "+B", " c"])]).first?.contains("header says 5 old and 3 new lines, body has 3 and 3") == true)
        #expect(problems([hunk((1, 2, 1, 2), [" a", " b"])]).first?.contains("no added or removed lines") == true)
        #expect(problems([hunk((0, 1, 1, 1), ["-a", "+b"])]).first?.contains("line 0") == true)
        let embedded = Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: [HunkLine(.removed, "a\nb\n"), HunkLine(.added, "c\n")])
        #expect(problems([embedded]).first?.contains("embedded newline") == true)
        let early = Hunk(oldStart: 1, oldCount: 2, newStart: 1, newCount: 2, lines: [HunkLine(.removed, "a"), HunkLine(.added, "b\n"), HunkLine(.context, "c\n")])
        #expect(problems([early]).first?.contains("only the last line") == true)
        let notLastHunk = Hunk(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1, lines: [HunkLine(.removed, "a\n"), HunkLine(.added, "b")])
        #expect(problems([notLastHunk, hunk((5, 1, 5, 1), ["-x", "+y"])]).first?.contains("only the last line") == true)
    }
}
