/// A Codex patch as written, before it meets the workspace.
struct CodexPatchScript {
    enum Operation {
        case add(path: String, lines: [Bytes], line: Int)
        case delete(path: String, line: Int)
        case update(Update)
    }

    struct Update {
        var path: String
        var moveTo: String?
        var chunks: [Chunk]
        var line: Int
    }

    /// One `@@` section of an Update File: where to look, then the lines.
    struct Chunk {
        /// `@@ text` lines: each narrows the search to after the next line equal to `text`.
        var anchors: [(text: Bytes, line: Int)]
        var lines: [ChunkLine]
        /// `*** End of File`: the chunk must end the file.
        var endOfFile: Bool
        /// The chunk's first line in the patch.
        var line: Int
    }

    struct ChunkLine {
        var kind: HunkLine.Kind
        /// The line without its prefix and terminator.
        var content: Bytes
        /// The line without its prefix: content and terminator, as an added line is written.
        var text: Bytes
        var line: Int

        var terminator: Bytes { text.dropFirst(content.count) }
    }

    var operations: [Operation]
}

/// Reads `*** Begin Patch` … `*** End Patch`. Text around the patch (a shell heredoc such
/// as `apply_patch <<'EOF'`, prose) is ignored; marker lines may carry surrounding white
/// space and a CR, as Codex allows. Inside a chunk, lines are exact: ` `, `-` or `+`, then
/// the line; a completely empty line is an empty context line, except at the end of a
/// chunk, where it only separates. The one exception is a padded `*** End Patch` as the
/// last line of the text: it ends the patch, as in Codex, where anywhere else it would be
/// a context line.
struct CodexPatchParser {
    private let lines: [Bytes]
    /// The last line that is not blank, where a padded `*** End Patch` still ends the patch.
    private let lastLine: Int?
    private var i = 0

    init(_ text: [UInt8]) {
        lines = TextLines.split(text)
        lastLine = lines.lastIndex { !Self.trimmed($0).isEmpty }
    }

    mutating func parse() throws(PatchFormatError) -> CodexPatchScript {
        guard let begin = lines.firstIndex(where: { trimmed($0).elementsEqual("*** Begin Patch".utf8) }) else {
            if let stray = lines.firstIndex(where: { isFileOperation(trimmed($0)) }) {
                throw PatchFormatError(line: stray + 1, "file operation before any `*** Begin Patch` line")
            }
            throw PatchFormatError("not a Codex patch: no `*** Begin Patch` line")
        }
        i = begin + 1
        var operations: [CodexPatchScript.Operation] = []
        while true {
            guard i < lines.count else {
                throw PatchFormatError(line: lines.count, "missing `*** End Patch` (the patch begins at line \(begin + 1))")
            }
            let line = trimmed(lines[i])
            if line.elementsEqual("*** End Patch".utf8) { break }
            if line.isEmpty {
                i += 1
            } else if let path = try pathAfter("*** Add File:", in: line) {
                operations.append(try readAddFile(path))
            } else if let path = try pathAfter("*** Delete File:", in: line) {
                operations.append(.delete(path: path, line: i + 1))
                i += 1
            } else if let path = try pathAfter("*** Update File:", in: line) {
                operations.append(.update(try readUpdateFile(path)))
            } else {
                throw PatchFormatError(line: i + 1, "expected `*** Add File:`, `*** Delete File:`, `*** Update File:` or `*** End Patch`, found \(TextLines.quote(lines[i]))")
            }
        }
        if let again = lines[(i + 1)...].firstIndex(where: { trimmed($0).elementsEqual("*** Begin Patch".utf8) }) {
            throw PatchFormatError(line: again + 1, "a second `*** Begin Patch` after `*** End Patch` at line \(i + 1); send one patch at a time")
        }
        guard !operations.isEmpty else {
            throw PatchFormatError(line: i + 1, "the patch changes no file")
        }
        return CodexPatchScript(operations: operations)
    }

    // MARK: - operations

    private mutating func readAddFile(_ path: String) throws(PatchFormatError) -> CodexPatchScript.Operation {
        let header = i + 1
        i += 1
        var content: [Bytes] = []
        while i < lines.count, lines[i].first == UInt8(ascii: "+") {
            content.append(lines[i].dropFirst())
            i += 1
        }
        if i < lines.count, trimmed(lines[i]).isEmpty,
            let next = lines[(i + 1)...].first(where: { !trimmed($0).isEmpty }), next.first == UInt8(ascii: "+")
        {
            throw PatchFormatError(line: i + 1, "empty line in `*** Add File: \(path)` (an empty line of the new file is written `+`)")
        }
        return .add(path: path, lines: content, line: header)
    }

    private mutating func readUpdateFile(_ path: String) throws(PatchFormatError) -> CodexPatchScript.Update {
        var update = CodexPatchScript.Update(path: path, moveTo: nil, chunks: [], line: i + 1)
        i += 1
        if i < lines.count, let target = try pathAfter("*** Move to:", in: trimmed(lines[i])) {
            update.moveTo = target
            i += 1
        }
        while let chunk = try readChunk(isFirst: update.chunks.isEmpty, path: path) {
            update.chunks.append(chunk)
        }
        if update.chunks.isEmpty && update.moveTo == nil {
            throw PatchFormatError(line: update.line, "`*** Update File: \(path)` has no chunks")
        }
        return update
    }

    // MARK: - chunks

    /// The next chunk of an Update File, or nil at the next `***` line.
    private mutating func readChunk(isFirst: Bool, path: String) throws(PatchFormatError) -> CodexPatchScript.Chunk? {
        while i < lines.count, trimmed(lines[i]).isEmpty { i += 1 }
        guard i < lines.count, !lines[i].starts(with: "***".utf8), !isFinalEndMarker(i) else { return nil }
        var chunk = CodexPatchScript.Chunk(anchors: [], lines: [], endOfFile: false, line: i + 1)
        var sawHeader = false
        while i < lines.count, lines[i].starts(with: "@@".utf8) {
            let content = lines[i].droppingTerminator
            if content.starts(with: "@@ ".utf8) {
                let text = content.dropFirst(3)
                if !trimmed(text).isEmpty { chunk.anchors.append((text, i + 1)) }
            } else if !trimmed(content).elementsEqual("@@".utf8) {
                throw PatchFormatError(line: i + 1, "expected `@@` or `@@ ` and a line of the file, found \(TextLines.quote(lines[i]))")
            }
            sawHeader = true
            i += 1
        }
        if !sawHeader && !isFirst {
            throw PatchFormatError(line: i + 1, "a chunk after `*** End of File` must start with `@@`")
        }
        var bareTail = 0  // trailing empty lines, which separate rather than belong
        body: while i < lines.count, !isFinalEndMarker(i) {
            let line = lines[i]
            let kind: HunkLine.Kind
            switch line.first {
            case UInt8(ascii: " "): kind = .context
            case UInt8(ascii: "-"): kind = .removed
            case UInt8(ascii: "+"): kind = .added
            case UInt8(ascii: "@"):
                if line.starts(with: "@@".utf8) { break body }
                fallthrough
            case UInt8(ascii: "*"):
                if line.starts(with: "***".utf8) {
                    if trimmed(line).elementsEqual("*** End of File".utf8) {
                        chunk.endOfFile = true
                        i += 1
                    }
                    break body
                }
                fallthrough
            default:
                if line.droppingTerminator.isEmpty {
                    chunk.lines.append(.init(kind: .context, content: line.prefix(0), text: line, line: i + 1))
                    bareTail += 1
                    i += 1
                    continue body
                }
                throw PatchFormatError(line: i + 1, "expected ' ', '-' or '+' in an Update File chunk, found \(TextLines.quote(line))")
            }
            let text = line.dropFirst()
            chunk.lines.append(.init(kind: kind, content: text.droppingTerminator, text: text, line: i + 1))
            bareTail = 0
            i += 1
        }
        chunk.lines.removeLast(bareTail)
        if chunk.lines.isEmpty {
            throw PatchFormatError(line: chunk.line, "empty chunk in `*** Update File: \(path)`")
        }
        return chunk
    }

    // MARK: - lines

    private func trimmed(_ line: Bytes) -> Bytes {
        Self.trimmed(line)
    }

    private static func trimmed(_ line: Bytes) -> Bytes {
        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        guard let first = line.firstIndex(where: { !isSpace($0) }), let last = line.lastIndex(where: { !isSpace($0) }) else {
            return line.prefix(0)
        }
        return line[first...last]
    }

    /// A padded end marker counts only as the patch's last line: elsewhere in a chunk,
    /// ` *** End Patch` is a context line.
    private func isFinalEndMarker(_ index: Int) -> Bool {
        index == lastLine && trimmed(lines[index]).elementsEqual("*** End Patch".utf8)
    }

    private func isFileOperation(_ line: Bytes) -> Bool {
        ["*** Add File:", "*** Delete File:", "*** Update File:"].contains { line.starts(with: $0.utf8) }
    }

    /// The path after `marker` on a trimmed marker line; nil if the line is another one.
    private func pathAfter(_ marker: String, in line: Bytes) throws(PatchFormatError) -> String? {
        guard line.starts(with: marker.utf8) else { return nil }
        let bytes = trimmed(line.dropFirst(marker.utf8.count))
        guard !bytes.isEmpty else {
            throw PatchFormatError(line: i + 1, "empty path after `\(marker)`")
        }
        guard let path = String(validating: bytes, as: UTF8.self) else {
            throw PatchFormatError(line: i + 1, "the path after `\(marker)` is not valid UTF-8")
        }
        return path
    }
}
