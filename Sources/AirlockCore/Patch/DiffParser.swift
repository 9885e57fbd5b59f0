import Foundation

/// Reads git diffs (`diff --git` with every extended header, `git format-patch` mail) and
/// plain unified diffs (`diff -u`, `diff -urN`, `Index:` preambles) into a `Patch`.
/// Nothing is guessed: a hunk whose body disagrees with its header is an error.
struct DiffParser {
    private var cursor: LineCursor
    let strip: Int
    let text: Bytes
    /// `text`'s bytes, indexed like `text` (by offset into its storage, which `text`
    /// keeps alive); nil when there are none. Hunk bodies are read through it.
    private let base: UnsafePointer<UInt8>?
    /// The lines of the entry being parsed, for all its hunks: they end up in one array.
    private var recordScratch: [LineRecord] = []
    /// The hunks of the entry being parsed, made into `Hunk`s once all are read.
    private var partScratch: [HunkParts] = []
    /// Whether the entry being parsed has a "\ No newline at end of file" marker.
    private var entryHasMissingNewline = false

    init(_ text: Bytes, strip: Int = 1) {
        cursor = LineCursor(text)
        self.text = text
        self.strip = strip
        base = text.storage?.pointer
    }

    init(_ text: [UInt8], strip: Int = 1) {
        self.init(Bytes(text), strip: strip)
    }

    /// Lines consumed so far.
    var linesRead: Int { cursor.lineNumber - 1 }

    mutating func parse() throws(PatchParseError) -> Patch {
        var files: [FilePatch] = []
        while let line = cursor.peek() {
            if cursor.starts(line, with: "diff --git ") {
                files.append(try parseGitEntry())
            } else if cursor.starts(line, with: "--- "), let second = cursor.peekSecond(),
                cursor.starts(second, with: "+++ "), startsHunk(after: second)
            {
                files.append(try parseUnifiedEntry())
            } else if cursor.starts(line, with: "@@ -") && files.isEmpty {
                throw PatchParseError(line: cursor.lineNumber, "hunk without a file header (expected `diff --git` or `---`/`+++` before it)")
            } else {
                // Preambles: mail headers, commit messages, `Index:` lines, `-- ` trailers.
                cursor.advance()
            }
        }
        guard !files.isEmpty else {
            throw PatchParseError(line: nil, "not a patch: found no `diff --git` header, no `---`/`+++` file header followed by `@@`, and no `*** Begin Patch`")
        }
        return Patch(files: files)
    }

    private func startsHunk(after second: Range<Int>) -> Bool {
        guard second.upperBound < text.endIndex else { return false }
        let third = second.upperBound..<LineCursor.lineEnd(in: text, from: second.upperBound)
        return cursor.starts(third, with: "@@ -")
    }

    // MARK: - git entries

    private mutating func parseGitEntry() throws(PatchParseError) -> FilePatch {
        let headerLine = cursor.lineNumber
        guard let header = cursor.peek() else { throw PatchParseError(line: headerLine, "expected a `diff --git` line") }
        let defaultName = gitHeaderName(header.lowerBound + 11..<contentEnd(header))
        cursor.advance()

        var oldMode: FileMode?, newMode: FileMode?
        var isNew = false, isDelete = false
        var renameFrom: String?, renameTo: String?, copyFrom: String?, copyTo: String?
        var similarity: Int?, dissimilarity: Int?
        var index: FilePatch.Index?
        var minusName: String??, plusName: String??  // .some(nil) is /dev/null

        headerLoop: while let line = cursor.peek() {
            let n = cursor.lineNumber
            let end = contentEnd(line)
            func body(_ prefix: Int) -> Range<Int> { line.lowerBound + prefix..<end }
            if cursor.starts(line, with: "old mode ") {
                oldMode = try mode(body(9), line: n)
            } else if cursor.starts(line, with: "new mode ") {
                newMode = try mode(body(9), line: n)
            } else if cursor.starts(line, with: "deleted file mode ") {
                oldMode = try mode(body(18), line: n)
                isDelete = true
            } else if cursor.starts(line, with: "new file mode ") {
                newMode = try mode(body(14), line: n)
                isNew = true
            } else if cursor.starts(line, with: "rename from ") {
                renameFrom = try name(body(12), strip: max(strip - 1, 0), line: n)
            } else if cursor.starts(line, with: "rename old ") {
                renameFrom = try name(body(11), strip: max(strip - 1, 0), line: n)
            } else if cursor.starts(line, with: "rename to ") {
                renameTo = try name(body(10), strip: max(strip - 1, 0), line: n)
            } else if cursor.starts(line, with: "rename new ") {
                renameTo = try name(body(11), strip: max(strip - 1, 0), line: n)
            } else if cursor.starts(line, with: "copy from ") {
                copyFrom = try name(body(10), strip: max(strip - 1, 0), line: n)
            } else if cursor.starts(line, with: "copy to ") {
                copyTo = try name(body(8), strip: max(strip - 1, 0), line: n)
            } else if cursor.starts(line, with: "similarity index ") {
                similarity = try percentage(body(17), line: n)
            } else if cursor.starts(line, with: "dissimilarity index ") {
                dissimilarity = try percentage(body(20), line: n)
            } else if cursor.starts(line, with: "index ") {
                index = try indexLine(body(6), line: n)
            } else if cursor.starts(line, with: "--- ") {
                minusName = .some(try fileHeaderName(body(4), line: n))
            } else if cursor.starts(line, with: "+++ ") {
                plusName = .some(try fileHeaderName(body(4), line: n))
            } else {
                break headerLoop
            }
            cursor.advance()
        }

        if case .some(.none) = minusName { isNew = true }
        if case .some(.none) = plusName { isDelete = true }
        if isNew && isDelete {
            throw PatchParseError(line: headerLine, "entry both creates and deletes its file")
        }
        let renames = renameFrom != nil || renameTo != nil, copies = copyFrom != nil || copyTo != nil
        if renames && copies || (renames || copies) && (isNew || isDelete) {
            throw PatchParseError(line: headerLine, "inconsistent header lines: an entry is one of create, delete, rename or copy")
        }
        if (renameFrom == nil) != (renameTo == nil) {
            throw PatchParseError(line: headerLine, "rename needs both `rename from` and `rename to`")
        }
        if (copyFrom == nil) != (copyTo == nil) {
            throw PatchParseError(line: headerLine, "copy needs both `copy from` and `copy to`")
        }

        var entry: FilePatch
        if let renameFrom, let renameTo {
            entry = FilePatch(operation: .rename, oldPath: renameFrom, newPath: renameTo)
        } else if let copyFrom, let copyTo {
            entry = FilePatch(operation: .copy, oldPath: copyFrom, newPath: copyTo)
        } else {
            let oldName: String? = minusName.map { $0 } ?? defaultName
            let newName: String? = plusName.map { $0 } ?? defaultName
            if isNew {
                guard let newName = newName ?? nil else {
                    throw PatchParseError(line: headerLine, "git diff header lacks the file name of the created file")
                }
                entry = FilePatch(operation: .create, oldPath: nil, newPath: newName)
            } else if isDelete {
                guard let oldName = oldName ?? nil else {
                    throw PatchParseError(line: headerLine, "git diff header lacks the file name of the deleted file")
                }
                entry = FilePatch(operation: .delete, oldPath: oldName, newPath: nil)
            } else {
                guard let oldName = oldName ?? nil, let newName = newName ?? nil else {
                    throw PatchParseError(line: headerLine, "git diff header lacks file name information")
                }
                guard oldName == newName else {
                    throw PatchParseError(line: headerLine, "old name `\(oldName)` and new name `\(newName)` differ without a `rename from`/`rename to`")
                }
                entry = FilePatch(operation: .modify, oldPath: oldName, newPath: newName)
            }
        }
        // The ---/+++ names must agree with the `diff --git` line and the extended headers.
        if entry.operation != .rename && entry.operation != .copy, let defaultName {
            if case .some(.some(let minus)) = minusName, minus != defaultName {
                throw PatchParseError(line: headerLine, "inconsistent old file name: `--- \(minus)` but `diff --git` names `\(defaultName)`")
            }
            if case .some(.some(let plus)) = plusName, plus != defaultName {
                throw PatchParseError(line: headerLine, "inconsistent new file name: `+++ \(plus)` but `diff --git` names `\(defaultName)`")
            }
        }
        // The ---/+++ names must agree with what the extended headers say.
        if case .some(.some(let minus)) = minusName, minus != entry.oldPath {
            throw PatchParseError(line: headerLine, "inconsistent old file name: `--- \(minus)` but the entry changes `\(entry.oldPath ?? "/dev/null")`")
        }
        if case .some(.some(let plus)) = plusName, plus != entry.newPath {
            throw PatchParseError(line: headerLine, "inconsistent new file name: `+++ \(plus)` but the entry writes `\(entry.newPath ?? "/dev/null")`")
        }
        // Canonical form: a created or deleted file always has its mode.
        entry.oldMode = entry.operation == .create ? nil : (oldMode ?? (isDelete ? .regular : nil))
        entry.newMode = entry.operation == .delete ? nil : (newMode ?? (isNew ? .regular : nil))
        entry.similarity = similarity
        entry.dissimilarity = dissimilarity
        entry.index = index
        try parseBody(into: &entry)
        return entry
    }

    // MARK: - unified entries

    private mutating func parseUnifiedEntry() throws(PatchParseError) -> FilePatch {
        let minusNumber = cursor.lineNumber
        guard let minusLine = cursor.peek() else { throw PatchParseError(line: minusNumber, "expected a `---` line") }
        let minus = try traditionalName(minusLine.lowerBound + 4..<contentEnd(minusLine), line: minusNumber)
        cursor.advance()
        guard let plusLine = cursor.peek() else { throw PatchParseError(line: cursor.lineNumber, "expected a `+++` line") }
        let plus = try traditionalName(plusLine.lowerBound + 4..<contentEnd(plusLine), line: cursor.lineNumber)
        cursor.advance()

        var entry: FilePatch
        switch (minus, plus) {
        case (nil, nil):
            throw PatchParseError(line: minusNumber, "both file names are /dev/null")
        case (nil, let new?):
            entry = FilePatch(operation: .create, oldPath: nil, newPath: new, newMode: .regular)
        case (let old?, nil):
            entry = FilePatch(operation: .delete, oldPath: old, newPath: nil, oldMode: .regular)
        case (let old?, let new?):
            // As git: the shorter name wins, the old one on a tie.
            let name = new.utf8.count < old.utf8.count ? new : old
            entry = FilePatch(operation: .modify, oldPath: name, newPath: name)
        }
        try parseBody(into: &entry)
        return entry
    }

    // MARK: - bodies

    private mutating func parseBody(into entry: inout FilePatch) throws(PatchParseError) {
        guard let line = cursor.peek() else { return }
        if cursor.starts(line, with: "GIT binary patch") {
            entry.binary = .gitBinaryPatch(readBinaryBlocks())
            return
        }
        if cursor.starts(line, with: "Binary files ") {
            entry.binary = .marker
            cursor.advance()
            return
        }
        var records: [LineRecord] = [], parts: [HunkParts] = []
        swap(&records, &recordScratch)
        swap(&parts, &partScratch)
        defer {
            recordScratch = records
            partScratch = parts
        }
        records.removeAll(keepingCapacity: true)
        parts.removeAll(keepingCapacity: true)
        entryHasMissingNewline = false
        while let line = cursor.peek(), cursor.starts(line, with: "@@ -") {
            parts.append(try parseHunk(into: &records))
        }
        if !parts.isEmpty {
            // One allocation for every line of the entry, which each hunk slices, and one
            // for the hunks, of the right size.
            let shared = Array(records)
            entry.hunks.reserveCapacity(parts.count)
            for part in parts {
                entry.hunks.append(Hunk(
                    oldStart: part.oldStart, oldCount: part.oldCount, newStart: part.newStart, newCount: part.newCount,
                    section: text[part.section], body: text[part.body], records: shared[part.records],
                    counts: (part.added, part.removed)))
            }
        }
        // Every line the parser records ends with its newline unless a marker took it
        // away, so without a marker no newline can be misplaced.
        if entryHasMissingNewline { try checkNewlineMarkers(entry) }
        let n = cursor.lineNumber
        if entry.operation == .create, entry.hunks.contains(where: { $0.oldCount > 0 }) {
            throw PatchParseError(line: n - 1, "new file `\(entry.path)` depends on old contents (a hunk has old lines)")
        }
        if entry.operation == .delete, entry.hunks.contains(where: { $0.newCount > 0 }) {
            throw PatchParseError(line: n - 1, "deleted file `\(entry.path)` still has contents (a hunk has new lines)")
        }
    }

    private mutating func readBinaryBlocks() -> Bytes {
        let start = cursor.offset
        cursor.advance()
        var blocks = 0
        while blocks < 2, let line = cursor.peek(),
            cursor.starts(line, with: "literal ") || cursor.starts(line, with: "delta ")
        {
            cursor.advance()
            while let data = cursor.peek(), contentEnd(data) > data.lowerBound { cursor.advance() }
            cursor.advance()  // the blank line that ends a block
            blocks += 1
        }
        return text[start..<cursor.offset]
    }

    /// A parsed hunk, as offsets into the text and into the entry's records.
    private struct HunkParts {
        var oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
        var section: Range<Int>
        var body: Range<Int> = 0..<0
        var records: Range<Int> = 0..<0
        var added = 0, removed = 0
    }

    /// Parses one hunk, appending its lines to `records`.
    private mutating func parseHunk(into records: inout [LineRecord]) throws(PatchParseError) -> HunkParts {
        let headerNumber = cursor.lineNumber
        guard let header = cursor.peek() else { throw PatchParseError(line: headerNumber, "expected a hunk header") }
        var hunk = try hunkHeader(header.lowerBound..<contentEnd(header), line: headerNumber)
        cursor.advance()
        // Lines are recorded as offsets into the body, which stays a slice of the patch.
        // The body is walked with memchr on the raw bytes, the cursor moved once after.
        let bodyStart = cursor.offset, first = records.count, end = text.endIndex
        var offset = bodyStart, number = cursor.lineNumber
        var oldLeft = hunk.oldCount, newLeft = hunk.newCount, removed = 0
        if let base {
            while (oldLeft > 0 || newLeft > 0) && offset < end {
                let lineEnd = Self.lineEnd(base, from: offset, to: end)
                let kind: HunkLine.Kind
                var contentStart = offset + 1
                switch base[offset] {
                case UInt8(ascii: " "): kind = .context
                case UInt8(ascii: "\n"):  // an empty context line, as newer GNU diff writes it
                    kind = .context
                    contentStart = offset
                case UInt8(ascii: "-"): kind = .removed
                case UInt8(ascii: "+"): kind = .added
                case UInt8(ascii: "\\"):
                    try markNoNewline(&records, from: first, bodyStart: bodyStart, line: number)
                    offset = lineEnd
                    number += 1
                    continue
                default:
                    throw countMismatch(hunk, oldLeft: oldLeft, newLeft: newLeft, line: headerNumber, stoppedAt: number)
                }
                if lineEnd == end, base[lineEnd - 1] != UInt8(ascii: "\n") {
                    throw PatchParseError(line: number, "the patch ends in the middle of a hunk line (truncated input? a file without a final newline is marked with `\\ No newline at end of file`)")
                }
                if kind != .added {
                    guard oldLeft > 0 else { throw overflow(hunk, side: "old", line: number) }
                    oldLeft -= 1
                    if kind == .removed { removed += 1 }
                }
                if kind != .removed {
                    guard newLeft > 0 else { throw overflow(hunk, side: "new", line: number) }
                    newLeft -= 1
                }
                guard LineRecord.fits(offset: contentStart - bodyStart, length: lineEnd - contentStart) else {
                    throw PatchParseError(line: number, "hunk too large: a hunk may hold at most 4 GiB, and a line at most 1 GiB")
                }
                records.append(LineRecord(kind: kind, offset: contentStart - bodyStart, length: lineEnd - contentStart))
                offset = lineEnd
                number += 1
            }
        }
        cursor.move(to: offset, lineNumber: number)
        if oldLeft > 0 || newLeft > 0 {
            throw countMismatch(hunk, oldLeft: oldLeft, newLeft: newLeft, line: headerNumber, stoppedAt: nil)
        }
        while let line = cursor.peek(), text[line.lowerBound] == UInt8(ascii: "\\") {
            try markNoNewline(&records, from: first, bodyStart: bodyStart, line: cursor.lineNumber)
            cursor.advance()
        }
        hunk.body = bodyStart..<cursor.offset
        hunk.records = first..<records.count
        hunk.added = hunk.newCount - (hunk.oldCount - removed)
        hunk.removed = removed
        return hunk
    }

    /// The end of the line starting at `start` (just past its `\n`, or `end`).
    private static func lineEnd(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else { return end }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// "\ No newline at end of file": the hunk's last line so far loses its `\n`.
    private mutating func markNoNewline(_ records: inout [LineRecord], from first: Int, bodyStart: Int, line: Int) throws(PatchParseError) {
        guard records.count > first, let last = records.last, last.length > 0,
            text[bodyStart + last.offset + last.length - 1] == UInt8(ascii: "\n")
        else {
            throw PatchParseError(line: line, "`\\ No newline at end of file` does not follow a line of the hunk")
        }
        records[records.count - 1] = last.droppingLastByte()
        entryHasMissingNewline = true
    }

    /// A line without a final newline can only be the last line of its side, in the
    /// file's last hunk.
    private func checkNewlineMarkers(_ entry: FilePatch) throws(PatchParseError) {
        for (h, hunk) in entry.hunks.enumerated() {
            switch hunk.misplacedMissingNewline(isLastHunk: h == entry.hunks.count - 1) {
            case .middle(let side)?:
                throw PatchParseError(line: cursor.lineNumber - 1, "`\(entry.path)` hunk \(h + 1): `\\ No newline at end of file` in the middle of the \(side) text")
            case .beforeLaterHunk?:
                throw PatchParseError(line: cursor.lineNumber - 1, "`\(entry.path)` hunk \(h + 1): `\\ No newline at end of file` before a later hunk")
            case nil:
                break
            }
        }
    }

    private func countMismatch(_ hunk: HunkParts, oldLeft: Int, newLeft: Int, line: Int, stoppedAt: Int?) -> PatchParseError {
        let oldSeen = hunk.oldCount - oldLeft, newSeen = hunk.newCount - newLeft
        var message: String
        if hunk.oldCount != oldSeen && hunk.newCount != newSeen {
            message = "hunk says \(hunk.oldCount) old and \(hunk.newCount) new lines, body has \(oldSeen) and \(newSeen)"
        } else if hunk.oldCount != oldSeen {
            message = "hunk says \(hunk.oldCount) old lines, body has \(oldSeen)"
        } else {
            message = "hunk says \(hunk.newCount) new lines, body has \(newSeen)"
        }
        if let stoppedAt {
            message += " (line \(stoppedAt) is not a hunk line: it must start with ' ', '-', '+' or '\\')"
        } else {
            message += " (the patch ends first)"
        }
        return PatchParseError(line: line, message)
    }

    private func overflow(_ hunk: HunkParts, side: String, line: Int) -> PatchParseError {
        PatchParseError(line: line, "hunk body has more \(side) lines than its header's \(side == "old" ? hunk.oldCount : hunk.newCount)")
    }

    // MARK: - header fields

    private func contentEnd(_ line: Range<Int>) -> Int {
        var end = line.upperBound
        if end > line.lowerBound, text[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        return end
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }

    private func mode(_ range: Range<Int>, line: Int) throws(PatchParseError) -> FileMode {
        let field = string(range).trimmingTrailingSpace
        guard let mode = FileMode(octal: field), field.allSatisfy({ ("0"..."7").contains($0) }) else {
            throw PatchParseError(line: line, "invalid file mode `\(field)` (expected octal digits such as 100644)")
        }
        return mode
    }

    private func percentage(_ range: Range<Int>, line: Int) throws(PatchParseError) -> Int {
        let field = string(range)
        guard field.hasSuffix("%"), let value = Int(field.dropLast()), (0...100).contains(value) else {
            throw PatchParseError(line: line, "invalid similarity `\(field)` (expected a percentage such as 95%)")
        }
        return value
    }

    private func indexLine(_ range: Range<Int>, line: Int) throws(PatchParseError) -> FilePatch.Index {
        let field = string(range)
        let parts = field.split(separator: " ", omittingEmptySubsequences: true)
        let ids = parts.first?.split(separator: ".", omittingEmptySubsequences: false) ?? []
        let isHex = { (s: Substring) in !s.isEmpty && s.count <= 64 && s.allSatisfy(\.isHexDigit) }
        guard parts.count <= 2, ids.count == 3, ids[1].isEmpty, isHex(ids[0]), isHex(ids[2]) else {
            throw PatchParseError(line: line, "invalid index line `index \(field)` (expected `index OLD..NEW [MODE]`)")
        }
        var mode: FileMode?
        if parts.count == 2 {
            guard let m = FileMode(octal: parts[1]) else {
                throw PatchParseError(line: line, "invalid file mode `\(parts[1])` on the index line")
            }
            mode = m
        }
        return FilePatch.Index(oldID: String(ids[0]), newID: String(ids[2]), mode: mode)
    }

    private func hunkHeader(_ range: Range<Int>, line: Int) throws(PatchParseError) -> HunkParts {
        var i = range.lowerBound + 4  // after "@@ -"
        func number() -> Int? {
            var value = 0, digits = 0
            while i < range.upperBound, (0x30...0x39).contains(text[i]) {
                value = value * 10 + Int(text[i] - 0x30)
                digits += 1
                i += 1
                if digits > 9 { return nil }
            }
            return digits == 0 ? nil : value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < range.upperBound, text[i] == byte else { return false }
            i += 1
            return true
        }
        // Built only when thrown: a message per hunk would cost more than the parse.
        func malformed() -> PatchParseError {
            PatchParseError(line: line, "malformed hunk header `\(string(range))` (expected `@@ -OLD[,COUNT] +NEW[,COUNT] @@`)")
        }
        guard let oldStart = number() else { throw malformed() }
        var oldCount = 1, newCount = 1
        if expect(UInt8(ascii: ",")) { guard let n = number() else { throw malformed() }; oldCount = n }
        guard expect(UInt8(ascii: " ")), expect(UInt8(ascii: "+")), let newStart = number() else { throw malformed() }
        if expect(UInt8(ascii: ",")) { guard let n = number() else { throw malformed() }; newCount = n }
        guard expect(UInt8(ascii: " ")), expect(UInt8(ascii: "@")), expect(UInt8(ascii: "@")) else { throw malformed() }
        if oldStart == 0 && oldCount != 0 || newStart == 0 && newCount != 0 {
            throw PatchParseError(line: line, "hunk header `\(string(range))` starts a non-empty range at line 0")
        }
        return HunkParts(oldStart: oldStart, oldCount: oldCount, newStart: newStart, newCount: newCount, section: i..<range.upperBound)
    }
}

private extension String {
    var trimmingTrailingSpace: String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
