/// Finds the chunks of one Update File in the file's current content and turns them into
/// hunks (see `CodexPatch` for the rules).
struct CodexChunkLocator {
    let update: CodexPatchScript.Update
    let content: [UInt8]
    private let fileLines: [Bytes]
    /// The file's lines split as the chunks' lines are, for `LineSearch`.
    private let exactLines: [ExactLine]

    init(update: CodexPatchScript.Update, content: [UInt8]) {
        self.update = update
        self.content = content
        fileLines = TextLines.split(content)
        exactLines = fileLines.map { ExactLine(content: $0.droppingTerminator, terminator: TextLines.terminator($0)) }
    }

    /// The update's chunks located in `content`; in a CRLF file, the chunks' lines are
    /// matched against the file's lines without their CR (see `LineEndings`).
    static func hunks(of update: CodexPatchScript.Update, in content: [UInt8]) throws(PatchFormatError) -> [Hunk] {
        guard LineEndings.style(of: content) == .crlf else {
            return try CodexChunkLocator(update: update, content: content).hunks()
        }
        var withoutCR = update
        for c in withoutCR.chunks.indices {
            for l in withoutCR.chunks[c].lines.indices {
                withoutCR.chunks[c].lines[l].text = Bytes(LineEndings.removingCR(update.chunks[c].lines[l].text))
            }
        }
        let located = try CodexChunkLocator(update: withoutCR, content: LineEndings.removingCR(content)).hunks()
        return LineEndings.restoringCR(located)
    }

    /// A located chunk: file lines `start..<start + oldCount` and the hunk lines.
    private struct Piece {
        var start: Int
        var oldCount: Int
        var lines: [HunkLine]
        var end: Int { start + oldCount }
    }

    func hunks() throws(PatchFormatError) -> [Hunk] {
        var pieces: [Piece] = []
        var cursor = 0
        for (n, chunk) in update.chunks.enumerated() {
            let start = try locate(chunk, number: n + 1, after: cursor)
            var piece = Piece(start: start, oldCount: 0, lines: [])
            var f = start
            for line in chunk.lines {
                if line.kind == .added {
                    piece.lines.append(HunkLine(.added, line.text))
                } else {
                    piece.lines.append(HunkLine(line.kind, fileLines[f]))
                    f += 1
                }
            }
            piece.oldCount = f - start
            cursor = piece.end
            if piece.oldCount == 0, piece.start == fileLines.count, let last = pieces.last, last.end == fileLines.count {
                // Appending right after a chunk that already ends the file: one hunk.
                pieces[pieces.count - 1].lines += piece.lines
            } else {
                pieces.append(piece)
            }
        }
        if let last = pieces.last { pieces[pieces.count - 1] = keepingMissingFinalNewline(last) }

        var hunks: [Hunk] = []
        var delta = 0
        for piece in pieces where piece.lines.contains(where: { $0.kind != .context }) {
            let newCount = piece.lines.count(where: { $0.kind != .removed })
            let newStart = piece.start + delta
            hunks.append(Hunk(
                oldStart: piece.oldCount == 0 ? piece.start : piece.start + 1, oldCount: piece.oldCount,
                newStart: newCount == 0 ? newStart : newStart + 1, newCount: newCount,
                section: LineDiff.section(above: piece.start, in: fileLines), lines: piece.lines))
            delta += newCount - piece.oldCount
        }
        return hunks
    }

    // MARK: - locating

    /// The file line where the chunk's old lines start.
    private func locate(_ chunk: CodexPatchScript.Chunk, number: Int, after cursor: Int) throws(PatchFormatError) -> Int {
        var from = cursor
        for anchor in chunk.anchors {
            guard let at = fileLines[from...].firstIndex(where: { $0.droppingTerminator.elementsEqual(anchor.text) }) else {
                throw anchorNotFound(anchor, number: number, after: from)
            }
            from = at + 1
        }
        let pattern = chunk.lines.filter { $0.kind != .added }
        if pattern.isEmpty {
            return chunk.endOfFile || chunk.anchors.isEmpty ? fileLines.count : from
        }
        let lastStart = fileLines.count - pattern.count
        if chunk.endOfFile {
            if lastStart >= from, matches(pattern, at: lastStart) { return lastStart }
        } else if let start = firstMatch(of: pattern, from: from) {
            return start
        }
        throw chunkNotFound(chunk, pattern: pattern, number: number, after: from)
    }

    /// The first line at or after `from` where `pattern` matches, in time linear in the
    /// file: lines compare exactly (content and line end), found with `LineSearch`; the
    /// one place where they need not, a last line without a newline, is tried on its own.
    private func firstMatch(of pattern: [CodexPatchScript.ChunkLine], from: Int) -> Int? {
        let lastStart = fileLines.count - pattern.count
        guard lastStart >= from else { return nil }
        let wanted = pattern.map { ExactLine(content: $0.content, terminator: $0.terminator) }
        if let start = LineSearch.first(of: wanted, in: exactLines, from: from) { return start }
        return matches(pattern, at: lastStart) ? lastStart : nil
    }

    private struct ExactLine: Hashable {
        var content: Bytes
        var terminator: Bytes
    }

    /// Content must be equal; line ends too, except that any line end in the patch matches
    /// the end of a file without a final newline (the format cannot say "no newline").
    private func matches(_ pattern: [CodexPatchScript.ChunkLine], at start: Int) -> Bool {
        guard start >= 0, start + pattern.count <= fileLines.count else { return false }
        for (j, expected) in pattern.enumerated() {
            let line = fileLines[start + j]
            guard line.droppingTerminator.elementsEqual(expected.content) else { return false }
            let terminator = TextLines.terminator(line)
            guard terminator.elementsEqual(expected.terminator) || (terminator.isEmpty && start + j == fileLines.count - 1) else {
                return false
            }
        }
        return true
    }

    // MARK: - final newline

    /// If the piece ends a file that has no final newline, the new text ends without one
    /// too: a last line kept as context but followed by added lines becomes removed and
    /// re-added with a newline, and the last added line loses its newline.
    private func keepingMissingFinalNewline(_ original: Piece) -> Piece {
        guard let lastLine = fileLines.last, TextLines.terminatorLength(lastLine) == 0,
            original.end == fileLines.count
        else { return original }
        var piece = original
        if piece.oldCount == 0 {
            // Lines appended after the unterminated last line: take that line in.
            piece.start -= 1
            piece.oldCount = 1
            piece.lines.insert(HunkLine(.context, lastLine), at: 0)
        }
        guard let lastOld = piece.lines.lastIndex(where: { $0.kind != .added }) else { return piece }
        let addedAfter = piece.lines[(lastOld + 1)...].first { $0.kind == .added }
        if piece.lines[lastOld].kind == .context, let addedAfter {
            let newline = TextLines.terminator(addedAfter.text)
            var terminated = Array(lastLine)
            terminated += newline.isEmpty ? [TextLines.newline] : Array(newline)
            piece.lines[lastOld] = HunkLine(.removed, lastLine)
            piece.lines.insert(HunkLine(.added, Bytes(terminated)), at: lastOld + 1)
        }
        if let lastNew = piece.lines.lastIndex(where: { $0.kind != .removed }), piece.lines[lastNew].kind == .added {
            piece.lines[lastNew].text = piece.lines[lastNew].text.droppingTerminator
        }
        return piece
    }

    // MARK: - errors

    private func anchorNotFound(_ anchor: (text: Bytes, line: Int), number: Int, after from: Int) -> PatchFormatError {
        var message = "chunk \(number): no line \(TextLines.quote(anchor.text)) \(from == 0 ? "in the file" : "after line \(from)")"
        if anchor.text.first == UInt8(ascii: "-"), anchor.text.contains(UInt8(ascii: "+")), anchor.text.contains(UInt8(ascii: ",")) || anchor.text.contains(UInt8(ascii: "@")) {
            message += "; this looks like a unified diff hunk header, but Codex chunks are located by content, not line numbers"
        } else if from > 0, fileLines[..<from].contains(where: { $0.droppingTerminator.elementsEqual(anchor.text) }) {
            message += "; it occurs earlier, but chunks must come in file order"
        } else if let hint = LooseMatch.hint(for: Array(anchor.text) + [TextLines.newline], in: content) {
            message += "; \(hint)"
        }
        return .refused(line: anchor.line, path: update.path, message)
    }

    private func chunkNotFound(
        _ chunk: CodexPatchScript.Chunk, pattern: [CodexPatchScript.ChunkLine], number: Int, after from: Int
    ) -> PatchFormatError {
        let expected = pattern.prefix(3).map { TextLines.quote($0.content) }.joined(separator: ", ")
        let place = chunk.endOfFile ? "at the end of the file" : from == 0 ? "in the file" : "after line \(from)"
        var message = "chunk \(number) not found \(place); its first expected lines are \(expected)"
        if let earlier = firstMatch(of: pattern, from: 0) {
            message += chunk.endOfFile && earlier >= from
                ? "; they occur at line \(earlier + 1), but `*** End of File` requires them to end the file"
                : "; they occur at line \(earlier + 1), but chunks must come in file order"
        } else if let hint = LooseMatch.hint(for: TextLines.joined(pattern.map(\.text)), in: content) {
            message += "; \(hint)"
        }
        return .refused(line: chunk.line, path: update.path, message)
    }
}
