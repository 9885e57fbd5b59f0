import Foundation

/// New content of one file and where each hunk landed.
struct PatchedContent: Equatable {
    var bytes: [UInt8]
    /// Per hunk: the line it applied at minus the line its header names.
    var offsets: [Int]
}

/// Applies one entry's hunks to one file's content, or says precisely why it cannot.
enum HunkApplication {
    /// Problems with the hunks themselves, before any content is looked at. The git
    /// parser already refuses most of these; patches built in code or by other parsers
    /// reach the applier without that check.
    static func shapeProblems(of hunks: [Hunk], path: String) -> [ApplyProblem] {
        var problems: [ApplyProblem] = []
        for (index, hunk) in hunks.enumerated() {
            func problem(_ text: String) {
                problems.append(ApplyProblem(path: path, hunk: index + 1, "hunk \(index + 1) (\(header(hunk))) of \(Quoted.name(path)): \(text)"))
            }
            let added = hunk.addedLineCount, removed = hunk.removedLineCount
            let oldCount = hunk.lineCount - added, newCount = hunk.lineCount - removed
            if oldCount != hunk.oldCount || newCount != hunk.newCount {
                problem("header says \(hunk.oldCount) old and \(hunk.newCount) new lines, body has \(oldCount) and \(newCount)")
                continue
            }
            if hunk.oldStart == 0 && hunk.oldCount != 0 || hunk.newStart == 0 && hunk.newCount != 0 {
                problem("a range of lines cannot start at line 0")
                continue
            }
            if added == 0 && removed == 0 {
                problem("has no added or removed lines")
                continue
            }
            if let text = malformedLine(in: hunk) {
                problem(text.isEmpty ? "has an empty line without its newline" : "a line contains an embedded newline: \(Quoted.line(text))")
                continue
            }
            if hunk.misplacedMissingNewline(isLastHunk: index == hunks.count - 1) != nil {
                problem("only the last line of a file may lack its newline")
            }
        }
        return problems
    }

    /// The first line that is empty or holds a `\n` before its end: no file has such a
    /// line, and applying it would change the file's line structure.
    private static func malformedLine(in hunk: Hunk) -> Bytes? {
        hunk.withUnsafeLines { lines in
            for i in lines.indices {
                let text = lines.text(i)
                guard let base = text.baseAddress else { return Bytes() }
                if text.count > 1, memchr(base, Int32(UInt8(ascii: "\n")), text.count - 1) != nil { return Bytes(text) }
            }
            return nil
        }
    }

    /// `content` with every hunk applied in order, or the first hunk that does not match.
    static func apply(_ hunks: [Hunk], to content: [UInt8], path: String) throws(ApplyProblem) -> PatchedContent {
        try apply(hunks, to: Bytes(content), path: path)
    }

    static func apply(_ hunks: [Hunk], to content: Bytes, path: String) throws(ApplyProblem) -> PatchedContent {
        var image = LineImage(content)
        var offsets: [Int] = []
        offsets.reserveCapacity(hunks.count)
        for (index, hunk) in hunks.enumerated() {
            let anchor = LineImage.Anchor(hunk)
            guard let position = image.apply(hunk) else {
                let reason = image.mismatch(of: hunk)
                throw ApplyProblem(path: path, hunk: index + 1, "hunk \(index + 1) (\(header(hunk))) of \(Quoted.name(path)) does not match: \(reason)")
            }
            offsets.append(position - anchor.expected)
        }
        return PatchedContent(bytes: image.bytes, offsets: offsets)
    }

    /// The hunk's header as git writes it: `@@ -40,7 +40,8 @@`.
    static func header(_ hunk: Hunk) -> String {
        func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
        return "@@ -\(range(hunk.oldStart, hunk.oldCount)) +\(range(hunk.newStart, hunk.newCount)) @@"
    }
}
