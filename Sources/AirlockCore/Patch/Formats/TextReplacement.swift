/// One exact replacement of text in a workspace file: what a search/replace edit and an
/// Aider SEARCH/REPLACE block both ask for.
struct TextReplacement {
    enum Matching {
        /// `old` may start and end anywhere (a search/replace edit).
        case anywhere
        /// `old` is whole lines: it starts at a line start, and its final line end also
        /// matches the end of a file that lacks a final newline, in which case the
        /// replacement's final line end is dropped too (an Aider block).
        case wholeLines
    }

    var path: String
    var old: [UInt8]
    var new: [UInt8]
    var replaceAll: Bool
    var matching: Matching
    /// How messages name this replacement: "edits[2]", "block 3".
    var name: String
    /// How messages name `old`: "`old`", "SEARCH text".
    var oldName: String
    /// Line of the submitted text it comes from, if any.
    var line: Int?

    /// Resolves the replacements in order, each against the result of the earlier ones on
    /// the same file, into one entry per file (in order of first mention), each diffed
    /// from the file's current content.
    static func resolve(_ replacements: [TextReplacement], workspace: WorkspaceContents) throws(PatchFormatError) -> Patch {
        var order: [String] = []
        var files: [String: (original: [UInt8]?, current: [UInt8]?)] = [:]
        for replacement in replacements {
            let path = replacement.path
            guard !path.isEmpty else {
                throw PatchFormatError(line: replacement.line, "\(replacement.name).path: empty")
            }
            let state: (original: [UInt8]?, current: [UInt8]?)
            if let known = files[path] {
                state = known
            } else {
                let contents = try currentContents(of: path, in: workspace, line: replacement.line, verb: "edits")
                state = (contents, contents)
                order.append(path)
            }
            files[path] = (state.original, try replacement.apply(to: state.current))
        }
        return Patch(files: order.compactMap { path in
            guard let state = files[path], let current = state.current else { return nil }
            return FileChange.patch(path: path, old: state.original, new: current)
        })
    }

    /// The file's content after this replacement; `content` nil means there is no file.
    ///
    /// On a CRLF file (see `LineEndings`), `old` that occurs byte for byte (with its own
    /// CRLFs, or starting or ending inside one) matches there, as before; other `old` is
    /// matched, without the CR of its CRLFs, against the file without the CR of its own.
    /// Either way the line breaks of `new` are written CRLF.
    func apply(to content: [UInt8]?) throws(PatchFormatError) -> [UInt8] {
        guard let content, LineEndings.style(of: content) == .crlf else { return try applyExactly(to: content) }
        var crlf = self
        crlf.new = LineEndings.restoringCR(LineEndings.removingCR(new))
        if !old.isEmpty, !matches(in: content, overlapping: true).isEmpty {
            return try crlf.applyExactly(to: content)
        }
        var withoutCR = self
        withoutCR.old = LineEndings.removingCR(old)
        withoutCR.new = LineEndings.removingCR(new)
        return LineEndings.restoringCR(try withoutCR.applyExactly(to: LineEndings.removingCR(content)))
    }

    private func applyExactly(to content: [UInt8]?) throws(PatchFormatError) -> [UInt8] {
        guard !old.isEmpty else {
            if let content, !content.isEmpty {
                throw failure("\(oldName) is empty, but the file exists and is not empty: empty text only creates a file or fills an empty one")
            }
            return new
        }
        guard let content else { throw failure("the file does not exist") }
        // Overlapping occurrences ("aa" in "aaa") make the place ambiguous too; replacing
        // all of them replaces each non-overlapping one, left to right.
        let matches = self.matches(in: content, overlapping: !replaceAll)
        guard let first = matches.first else { throw notFound(in: content) }
        if matches.count > 1 && !replaceAll {
            let lines = matches.prefix(5).map { String(ByteSearch.lineNumber(of: $0.lowerBound, in: content)) }
            let more = matches.count > 5 ? ", …" : ""
            let advice = matching == .anywhere ? "add surrounding text to make it unique, or set `replaceAll`" : "include more lines to make it unique"
            throw failure("\(oldName) occurs \(matches.count) times (at lines \(lines.joined(separator: ", "))\(more)); \(advice)")
        }
        var result: [UInt8] = []
        result.reserveCapacity(content.count + new.count - old.count)
        var copied = 0
        for match in replaceAll ? matches : [first] {
            result += content[copied..<match.lowerBound]
            if match.count < old.count {
                // `old` matched the unterminated last line: the replacement ends there too.
                result += Bytes(new).droppingTerminator
            } else {
                result += new
            }
            copied = match.upperBound
        }
        result += content[copied...]
        return result
    }

    private func matches(in content: [UInt8], overlapping: Bool) -> [Range<Int>] {
        switch matching {
        case .anywhere:
            return ByteSearch.occurrences(of: old, in: content, overlapping: overlapping).map { $0..<($0 + old.count) }
        case .wholeLines:
            let atLineStart = { (offset: Int) in offset == 0 || content[offset - 1] == TextLines.newline }
            var found = ByteSearch.occurrences(of: old, in: content, overlapping: overlapping, where: atLineStart)
                .map { $0..<($0 + old.count) }
            let unterminated = Bytes(old).droppingTerminator
            let tail = content.count - unterminated.count
            if unterminated.count < old.count, content.last != TextLines.newline, tail >= 0,
                atLineStart(tail), content[tail...].elementsEqual(unterminated),
                overlapping || found.last.map({ $0.upperBound <= tail }) ?? true
            {
                found.append(tail..<content.count)
            }
            return found
        }
    }

    private func notFound(in content: [UInt8]) -> PatchFormatError {
        let firstLine = TextLines.split(old).first { !$0.droppingTerminator.isEmpty } ?? Bytes(old)
        var message = "\(oldName) not found (its first line is \(TextLines.quote(firstLine)))"
        if let hint = LooseMatch.hint(for: old, in: content) { message += "; \(hint)" }
        return failure(message)
    }

    private func failure(_ message: String) -> PatchFormatError {
        .refused(line: line, path: path, "\(name): \(message)")
    }
}

/// Why exact text was not found although something close is there: the hints that turn a
/// bare "not found" into an error an agent can act on. Nothing here ever matches.
enum LooseMatch {
    static func hint(for text: [UInt8], in content: [UInt8]) -> String? {
        if let mixed = LineEndings.mixedHint(for: text, in: content) { return mixed }
        let lines = TextLines.split(text)
        let trimmed = lines.map(trimmedLine)
        let contentLines = TextLines.split(content).map(trimmedLine)
        if !trimmed.isEmpty, let start = LineSearch.first(of: trimmed, in: contentLines) {
            return "it would match at line \(start + 1) if white space at the ends of lines were ignored (matching is exact)"
        }
        return nil
    }

    private static func trimmedLine(_ line: Bytes) -> Bytes {
        let isBlank = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        guard let first = line.firstIndex(where: { !isBlank($0) }), let last = line.lastIndex(where: { !isBlank($0) }) else { return [] }
        return line[first...last]
    }
}
