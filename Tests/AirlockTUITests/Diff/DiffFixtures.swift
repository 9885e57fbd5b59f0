import AirlockCore
import Testing

@testable import AirlockTUI

/// Patches, frames and assertions shared by the diff pane's tests.
enum DiffFixtures {
    static func line(_ kind: HunkLine.Kind, _ text: String) -> HunkLine { HunkLine(kind, text) }

    static func hunk(_ oldStart: Int, _ newStart: Int, section: String = "", _ lines: [HunkLine]) -> Hunk {
        let old = lines.filter { $0.kind != .added }.count, new = lines.filter { $0.kind != .removed }.count
        return Hunk(oldStart: oldStart, oldCount: old, newStart: newStart, newCount: new, section: Bytes(section.utf8), lines: lines)
    }

    static func modify(_ path: String, _ hunks: [Hunk]) -> FilePatch {
        FilePatch(operation: .modify, oldPath: path, newPath: path, hunks: hunks)
    }

    /// Two files: a modified one with two hunks, and a rename that also makes the file
    /// executable.
    static let sample = Patch(files: [
        modify("src/fetch.swift", [
            hunk(10, 10, section: " func fetch(", [
                line(.context, "let url = endpoint(id)\n"),
                line(.removed, "return get(url)\n"),
                line(.added, "return get(url, retries: 3)\n"),
                line(.added, "// retried\n"),
                line(.context, "}\n"),
            ]),
            hunk(40, 41, [
                line(.removed, "old()\n"),
                line(.context, "end\n"),
            ]),
        ]),
        FilePatch(operation: .rename, oldPath: "bin/run", newPath: "bin/start", oldMode: .regular, newMode: .executable, similarity: 100),
    ])

    /// A patch of `files` files of one hunk each of `linesPerHunk` lines: mostly context,
    /// every fifth line a removed and added pair, the last line of all holding `needle`.
    static func large(files: Int, linesPerHunk: Int, needle: String = "") -> Patch {
        Patch(files: (0..<files).map { f in
            var lines: [HunkLine] = []
            lines.reserveCapacity(linesPerHunk)
            var i = 0
            while lines.count < linesPerHunk {
                if i % 5 == 4, lines.count + 2 <= linesPerHunk {
                    lines.append(HunkLine(.removed, "    let value\(i) = compute(\(i), scale: 2)\n"))
                    lines.append(HunkLine(.added, "    let value\(i) = compute(\(i), scale: 3)\n"))
                } else {
                    lines.append(HunkLine(.context, "    context line \(i) of file \(f)\n"))
                }
                i += 1
            }
            if f == files - 1, !needle.isEmpty { lines[lines.count - 1] = HunkLine(.context, needle + "\n") }
            return modify("src/file\(f).swift", [hunk(1, 1, lines)])
        })
    }

    static func frame(
        _ patch: Patch, width: Int, height: Int, selection: HunkSelection? = nil, comments: [LineComment] = [],
        unicode: Bool = true, focused: Bool = true, configure: (inout DiffViewState, DiffDocument) -> Void = { _, _ in }
    ) -> CellBuffer {
        let document = DiffDocument(patch)
        var state = DiffViewState(size: Size(width: width, height: height))
        configure(&state, document)
        return frame(document, state, selection: selection, comments: comments, unicode: unicode, focused: focused)
    }

    static func frame(
        _ document: DiffDocument, _ state: DiffViewState, selection: HunkSelection? = nil, comments: [LineComment] = [],
        unicode: Bool = true, focused: Bool = true
    ) -> CellBuffer {
        var buffer = CellBuffer(width: state.size.width, height: state.size.height)
        DiffRenderer.render(
            document: document, state: state, selection: selection, comments: DiffComments(comments), into: &buffer,
            rect: Rect(x: 0, y: 0, width: state.size.width, height: state.size.height), unicode: unicode, focused: focused)
        return buffer
    }
}

/// Compares a buffer's rows with the expected ones, trailing blanks ignored, and reports
/// each differing row at the calling test's line.
func expectLines(_ buffer: CellBuffer, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = buffer.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    #expect(actual.count == expected.count, "rows: \(actual.count), expected \(expected.count)", sourceLocation: sourceLocation)
    for (row, (got, want)) in zip(actual, expected).enumerated() where got != want {
        Issue.record("row \(row):\n  got  \(got.debugDescription)\n  want \(want.debugDescription)", sourceLocation: sourceLocation)
    }
}

/// The roles of `count` cells of row `y` from column `x`.
func roles(_ buffer: CellBuffer, y: Int, x: Int, count: Int) -> [StyleRole] {
    Array(buffer.roles(row: y)[x..<(x + count)])
}

/// The column where `text` starts in row `y` (counting cells), or nil.
func column(of text: String, in buffer: CellBuffer, y: Int) -> Int? {
    let first = Array(text)
    for x in 0..<buffer.width where buffer[x, y].width > 0 {
        var i = 0, c = x
        while i < first.count, c < buffer.width, buffer[c, y].character == first[i] {
            c += Int(max(1, buffer[c, y].width))
            i += 1
        }
        if i == first.count { return x }
    }
    return nil
}
