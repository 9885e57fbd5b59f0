import AirlockCore

extension DiffViewState {
    /// Moves the cursor to line `line` of `path` (the new file's numbering, or the old
    /// file's for `.old`), as a finding or a comment names it: to the line when a hunk
    /// shows it, else to the first hunk after it, else to the file's header. Returns
    /// false, leaving the cursor, when the diff has no such file.
    @discardableResult
    public mutating func jump(toPath path: String, line: Int, side: LineComment.Side = .new, in document: DiffDocument, comments: DiffComments = .none) -> Bool {
        guard let f = document.files.firstIndex(where: { $0.path == path || $0.oldPath == path }) else { return false }
        var target = document.row(ofFile: f, layout)
        for h in document.files[f].hunks {
            let hunk = document.hunks[h]
            let start = side == .new ? hunk.newStart : hunk.oldStart, count = side == .new ? hunk.newCount : hunk.oldCount
            if line < start {
                target = document.row(ofHunk: h, layout)
                break
            }
            guard line < start + count else { continue }
            let numbers = side == .new ? document.newNumbers : document.oldNumbers
            // Numbers only grow through a hunk: a binary search over its changed and context lines.
            var low = hunk.firstLine, high = hunk.firstLine + hunk.lineCount - 1
            while low < high {
                let mid = (low + high) / 2
                var probe = mid
                while probe < high, numbers[probe] == 0 { probe += 1 }
                if numbers[probe] != 0, Int(numbers[probe]) < line { low = probe + 1 } else { high = mid }
            }
            while low < hunk.firstLine + hunk.lineCount - 1, numbers[low] == 0 { low += 1 }
            target = Int(numbers[low]) == line ? document.row(ofLine: low, layout) : document.row(ofHunk: h, layout)
            break
        }
        moveCursor(to: target, document, comments)
        return true
    }
}

extension DiffViewState {
    /// Moves the cursor to the header of the file at `path` (old or new), as a finding
    /// about a whole file names it. Returns false, leaving the cursor, when the diff has
    /// no such file.
    @discardableResult
    public mutating func jump(toFile path: String, in document: DiffDocument, comments: DiffComments = .none) -> Bool {
        guard let f = document.files.firstIndex(where: { $0.path == path || $0.oldPath == path }) else { return false }
        moveCursor(to: document.row(ofFile: f, layout), document, comments)
        return true
    }
}
