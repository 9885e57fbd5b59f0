import Foundation
import Testing
@testable import AirlockCore

@Suite("Line selection")
struct LineSelectionTests {
    /// Two hunks of one file: the first replaces `b c` with `B C`, the second adds `y2`.
    static let twoHunks = """
        diff --git a/f.txt b/f.txt
        index 1111111..2222222 100644
        --- a/f.txt
        +++ b/f.txt
        @@ -1,4 +1,4 @@
         a
        -b
        -c
        +B
        +C
         d
        @@ -9,2 +9,3 @@
         x
        +y2
         y

        """
    static let original = "a\nb\nc\nd\ne\nf\ng\nh\nx\ny\n"

    private func ref(_ file: Int, _ hunk: Int) -> HunkSelection.HunkRef { .init(file: file, hunk: hunk) }

    private func applied(_ patch: Patch, to text: String) throws -> String {
        let result = try HunkApplication.apply(try #require(patch.files.first).hunks, to: Array(text.utf8), path: "f.txt")
        return String(decoding: result.bytes, as: UTF8.self)
    }

    @Test("a removed line left out stays as context, an added one is dropped, later hunks move")
    func partHunk() throws {
        let patch = try PatchFixtures.parse(Self.twoHunks)
        // -b and +C chosen: b goes, c stays, C comes after c.
        let selection = HunkSelection(hunks: [ref(0, 1)], lines: [ref(0, 0): [1, 4]])
        let part = try patch.selecting(selection)
        let hunks = part.files[0].hunks
        #expect(hunks[0].lines == [HunkLine(.context, "a\n"), HunkLine(.removed, "b\n"), HunkLine(.context, "c\n"), HunkLine(.added, "C\n"), HunkLine(.context, "d\n")])
        #expect([hunks[0].oldStart, hunks[0].oldCount, hunks[0].newStart, hunks[0].newCount] as [Int] == [1, 4, 1, 4])
        #expect([hunks[1].oldStart, hunks[1].newStart] as [Int] == [9, 9])
        #expect(part.files[0].index == nil)
        #expect(try applied(part, to: Self.original) == "a\nc\nC\nd\ne\nf\ng\nh\nx\ny2\ny\n")
        // A valid patch of its own: it renders and parses back to itself, with its own digest.
        #expect(try DiffParser(PatchRenderer.render(part)).parseCopy() == part)
        #expect(PatchDigest(of: part) != PatchDigest(of: patch))

        // Only +B: the later hunk's new side starts one line further down.
        let added = try patch.selecting(HunkSelection(hunks: [ref(0, 1)], lines: [ref(0, 0): [3]]))
        #expect(added.files[0].hunks.map(\.newStart) == [1, 10])
        #expect(added.files[0].hunks[0].newCount == 5)
        #expect(try applied(added, to: Self.original) == "a\nb\nc\nB\nd\ne\nf\ng\nh\nx\ny2\ny\n")
    }

    @Test("all the changed lines of a hunk are the hunk; none of them drop it")
    func wholeAndNothing() throws {
        let patch = try PatchFixtures.parse(Self.twoHunks)
        let all = try patch.selecting(HunkSelection(hunks: [ref(0, 1)], lines: [ref(0, 0): [1, 2, 3, 4]]))
        #expect(all == (try patch.selecting(HunkSelection(hunks: [ref(0, 0), ref(0, 1)]))))
        let none = try patch.selecting(HunkSelection(hunks: [ref(0, 1)], lines: [ref(0, 0): []]))
        #expect(none.files[0].hunks.count == 1)
        #expect(none.files[0].hunks[0].newStart == 9)
        let empty = try patch.selecting(HunkSelection(lines: [ref(0, 0): []]))
        #expect(empty.files.isEmpty)
    }

    @Test("lines that are out of range, context, or in a hunk also taken whole are refused by name")
    func refusals() throws {
        let patch = try PatchFixtures.parse(Self.twoHunks)
        let cases: [(HunkSelection, String)] = [
            (HunkSelection(lines: [ref(0, 0): [0]]), "line 1 of hunk 1 of file entry 1 is a context line, not a change"),
            (HunkSelection(lines: [ref(0, 0): [6]]), "line 7 of hunk 1 of file entry 1 is not in it (it has 6 lines)"),
            (HunkSelection(lines: [ref(0, 0): [-1]]), "line 0 of hunk 1 of file entry 1 is not in it (it has 6 lines)"),
            (HunkSelection(lines: [ref(0, 5): [1]]), "no hunk 6 in file entry 1"),
            (HunkSelection(lines: [ref(3, 0): [1]]), "no hunk 1 in file entry 4"),
            (HunkSelection(hunks: [ref(0, 0)], lines: [ref(0, 0): [1]]), "hunk 1 of file entry 1 is chosen both whole and line by line"),
            (HunkSelection(files: [0], lines: [ref(0, 0): [1]]), "hunk 1 of file entry 1 is chosen both whole and line by line"),
        ]
        for (selection, message) in cases {
            #expect(throws: HunkSelectionError(message: message)) { try patch.selecting(selection) }
        }
    }

    @Test("created, deleted and renamed files take every line or none")
    func allOrNothingFiles() throws {
        let patch = try PatchFixtures.parse("""
            diff --git a/new.txt b/new.txt
            new file mode 100644
            --- /dev/null
            +++ b/new.txt
            @@ -0,0 +1,2 @@
            +one
            +two
            diff --git a/old.txt b/old.txt
            deleted file mode 100644
            --- a/old.txt
            +++ /dev/null
            @@ -1,2 +0,0 @@
            -one
            -two

            """)
        #expect(throws: HunkSelectionError(message: "`new.txt` is created by this patch: select all of its changes or none")) {
            try patch.selecting(HunkSelection(lines: [ref(0, 0): [0]]))
        }
        #expect(throws: HunkSelectionError(message: "`old.txt` is deleted by this patch: select all of its changes or none")) {
            try patch.selecting(HunkSelection(lines: [ref(1, 0): [1]]))
        }
        let whole = try patch.selecting(HunkSelection(lines: [ref(0, 0): [0, 1], ref(1, 0): [0, 1]]))
        #expect(whole == patch)
    }

    @Test("a last line without newline: its removal may be left out only when nothing is added after it")
    func missingNewline() throws {
        let patch = try PatchFixtures.parse("""
            diff --git a/f.txt b/f.txt
            --- a/f.txt
            +++ b/f.txt
            @@ -1,2 +1,3 @@
             a
            -b
            \\ No newline at end of file
            +b
            +c
            \\ No newline at end of file

            """)
        let original = "a\nb"
        #expect(try applied(patch, to: original) == "a\nb\nc")
        // Adding after `b` needs `b` to gain its newline: refused rather than silently changed.
        #expect(throws: HunkSelectionError.self) { try patch.selecting(HunkSelection(lines: [ref(0, 0): [2]])) }
        #expect(throws: HunkSelectionError.self) { try patch.selecting(HunkSelection(lines: [ref(0, 0): [2, 3]])) }
        // Removing the last line alone, or replacing it with the first new line only.
        let removal = try patch.selecting(HunkSelection(lines: [ref(0, 0): [1]]))
        #expect(try applied(removal, to: original) == "a\n")
        #expect(try DiffParser(PatchRenderer.render(removal)).parseCopy() == removal)
        let first = try patch.selecting(HunkSelection(lines: [ref(0, 0): [1, 2]]))
        #expect(try applied(first, to: original) == "a\nb\n")
        let rendered = String(decoding: PatchRenderer.render(first), as: UTF8.self)
        #expect(rendered.hasSuffix("-b\n\\ No newline at end of file\n+b\n"))
    }

    @Test("an old selection without lines reads, and a line selection round-trips as JSON")
    func coding() throws {
        let old = try JSONDecoder().decode(HunkSelection.self, from: Data(#"{"files":[1],"hunks":[{"file":0,"hunk":2}]}"#.utf8))
        #expect(old == HunkSelection(hunks: [ref(0, 2)], files: [1]))
        let selection = HunkSelection(hunks: [ref(0, 1)], lines: [ref(0, 0): [1, 4], ref(2, 3): []])
        let decoded = try JSONDecoder().decode(HunkSelection.self, from: try JSONEncoder().encode(selection))
        #expect(decoded == selection)
    }

    // MARK: - property

    /// A file of distinct lines and a patch of one to three hunks against it, each a few
    /// runs of context, removed and added lines.
    static func randomCase(_ random: inout SeededGenerator) -> (lines: [String], patch: String) {
        let lines = (0..<Int.random(in: 8...40, using: &random)).map { "l\($0)" }
        var body = "diff --git a/f.txt b/f.txt\n--- a/f.txt\n+++ b/f.txt\n"
        var cursor = 0, delta = 0, fresh = 0
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let start = cursor + Int.random(in: 0...3, using: &random)
            guard start < lines.count else { break }
            var hunk: [String] = [], position = start
            // Context at both ends, where the file goes on: a hunk without it is anchored
            // to the start or the end of the file.
            for run in 0..<Int.random(in: 1...3, using: &random) {
                let least = run == 0 && position > 0 ? 1 : 0
                let context = min(Int.random(in: least...2, using: &random), lines.count - position)
                hunk += lines[position..<position + context].map { " " + $0 }
                position += context
                let removed = min(Int.random(in: 0...3, using: &random), lines.count - position)
                hunk += lines[position..<position + removed].map { "-" + $0 }
                position += removed
                let added = Int.random(in: removed == 0 ? 1...3 : 0...3, using: &random)
                hunk += (0..<added).map { _ in fresh += 1; return "+n\(fresh)" }
            }
            let trailing = min(Int.random(in: 1...2, using: &random), lines.count - position)
            hunk += lines[position..<position + trailing].map { " " + $0 }
            position += trailing
            let oldCount = hunk.count { !$0.hasPrefix("+") }, newCount = hunk.count { !$0.hasPrefix("-") }
            let oldStart = oldCount == 0 ? start : start + 1
            let newStart = newCount == 0 ? start + delta : start + 1 + delta
            body += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + hunk.map { $0 + "\n" }.joined()
            delta += newCount - oldCount
            cursor = position
        }
        return (lines, body)
    }

    /// The file once only the chosen changes are made, computed line by line.
    static func expected(_ lines: [String], _ patch: Patch, _ selection: HunkSelection) -> String {
        var result: [String] = [], position = 0
        for (h, hunk) in (patch.files.first?.hunks ?? []).enumerated() {
            let first = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1
            result += lines[position..<first]
            position = first
            let chosen = selection.lines[.init(file: 0, hunk: h)] ?? []
            for (i, line) in hunk.lines.enumerated() {
                let text = String(decoding: line.text, as: UTF8.self).dropLast()
                switch line.kind {
                case .context: result.append(String(text)); position += 1
                case .removed:
                    if !chosen.contains(i) { result.append(String(text)) }
                    position += 1
                case .added: if chosen.contains(i) { result.append(String(text)) }
                }
            }
        }
        result += lines[position...]
        return result.map { $0 + "\n" }.joined()
    }

    static func randomSelection(_ patch: Patch, _ random: inout SeededGenerator) -> HunkSelection {
        var selection = HunkSelection()
        for (h, hunk) in (patch.files.first?.hunks ?? []).enumerated() {
            selection.lines[.init(file: 0, hunk: h)] = hunk.changedLineIndices.filter { _ in Bool.random(using: &random) }
        }
        return selection
    }

    @Test("selecting random lines of random hunks, then applying, makes exactly the chosen changes")
    func randomLines() throws {
        var random = SeededGenerator(seed: 0x11AE5)
        for number in 0..<400 {
            let (lines, text) = Self.randomCase(&random)
            let patch = try PatchFixtures.parse(text)
            let selection = Self.randomSelection(patch, &random)
            let part = try patch.selecting(selection)
            let original = lines.map { $0 + "\n" }.joined()
            let ours = try part.files.first.map { try applied(Patch(files: [$0]), to: original) } ?? original
            #expect(ours == Self.expected(lines, patch, selection), "case \(number):\n\(text)\n\(selection.lines)")
            if !part.files.isEmpty {
                #expect(try DiffParser(PatchRenderer.render(part)).parseCopy() == part, "case \(number)")
            }
        }
    }

    @Test("git apply of the selected patch writes the same bytes", .requiresGit)
    func sameAsGitApply() throws {
        var random = SeededGenerator(seed: 0x61_7A11)
        for number in 0..<40 {
            let (lines, text) = Self.randomCase(&random)
            let patch = try PatchFixtures.parse(text)
            let selection = Self.randomSelection(patch, &random)
            let part = try patch.selecting(selection)
            guard !part.files.isEmpty else { continue }
            let sandbox = try Sandbox()
            sandbox.write("f.txt", lines.map { $0 + "\n" }.joined())
            try Data(PatchRenderer.render(part)).write(to: URL(fileURLWithPath: sandbox.base + "/part.diff"))
            let outcome = try RealGit.run(
                ["apply", sandbox.base + "/part.diff"], in: sandbox.workspace,
                environment: ["PATH": "/usr/bin:/bin", "HOME": sandbox.base, "GIT_CEILING_DIRECTORIES": sandbox.base])
            #expect(outcome.succeeded, "case \(number)")
            #expect(sandbox.text("f.txt") == Self.expected(lines, patch, selection), "case \(number):\n\(text)\n\(selection.lines)")
        }
    }
}
