import AirlockCore

/// What one row of a `DiffDocument` shows.
enum DiffRow: Equatable {
    case file(Int)
    /// A hunk header, by the hunk's index in the document.
    case hunk(Int)
    /// A unified row: one line, by its index in the document.
    case line(Int)
    /// A side-by-side row: the old line on the left and the new one on the right (the
    /// same line for context), either of them missing.
    case pair(hunk: Int, old: Int?, new: Int?)
}

extension DiffDocument {
    // MARK: - rows to items

    /// The row at `row` of `layout`, or nil past the end.
    func row(_ row: Int, _ layout: DiffLayoutMode) -> DiffRow? {
        guard row >= 0, row < rowCount(layout), !sections.isEmpty else { return nil }
        let s = sectionIndex(containing: row, layout)
        let section = sections[s]
        if section.item < 0 { return .file(-1 - section.item) }
        let hunk = section.item
        let offset = row - start(of: section, layout)
        if offset == 0 { return .hunk(hunk) }
        let entry = hunks[hunk]
        if layout == .unified { return .line(entry.firstLine + offset - 1) }
        let pair = splitPairs[entry.firstSplit + offset - 1]
        return .pair(hunk: hunk, old: pair.old < 0 ? nil : Int(pair.old), new: pair.new < 0 ? nil : Int(pair.new))
    }

    private func start(of section: Section, _ layout: DiffLayoutMode) -> Int {
        layout == .unified ? section.unifiedStart : section.splitStart
    }

    /// The last section starting at or before `row`.
    private func sectionIndex(containing row: Int, _ layout: DiffLayoutMode) -> Int {
        var low = 0, high = sections.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if start(of: sections[mid], layout) <= row { low = mid } else { high = mid - 1 }
        }
        return low
    }

    // MARK: - items to rows

    func row(ofFile file: Int, _ layout: DiffLayoutMode) -> Int {
        start(of: sections[file + files[file].hunks.lowerBound], layout)
    }

    func row(ofHunk hunk: Int, _ layout: DiffLayoutMode) -> Int {
        start(of: sections[hunks[hunk].file + 1 + hunk], layout)
    }

    func row(ofLine line: Int, _ layout: DiffLayoutMode) -> Int {
        let h = hunk(ofLine: line)
        let header = row(ofHunk: h, layout)
        if layout == .unified { return header + 1 + line - hunks[h].firstLine }
        return header + 1 + Int(splitRowOfLine[line])
    }

    /// The same place in the other layout: a side-by-side row maps to its `preferred`
    /// side's line (the other when it has none).
    func convert(_ row: Int, from: DiffLayoutMode, to: DiffLayoutMode, preferred side: LineComment.Side = .new) -> Int {
        guard from != to, let item = self.row(row, from) else { return row }
        switch item {
        case .file(let f): return self.row(ofFile: f, to)
        case .hunk(let h): return self.row(ofHunk: h, to)
        case .line(let l): return self.row(ofLine: l, to)
        case .pair(_, let old, let new):
            let line = side == .old ? (old ?? new) : (new ?? old)
            return line.map { self.row(ofLine: $0, to) } ?? row
        }
    }

    func hunk(ofLine line: Int) -> Int {
        var low = 0, high = hunks.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if hunks[mid].firstLine <= line { low = mid } else { high = mid - 1 }
        }
        return low
    }

    // MARK: - line text

    /// The bytes a line shows: without its newline, and without the `\r` before it in a
    /// file whose every line ends in CRLF (the file header says CRLF instead).
    func shownBytes(ofLine line: Int) -> Bytes {
        let text = lines[line].text
        var end = text.endIndex
        if end > text.startIndex, text[end - 1] == UInt8(ascii: "\n") {
            end -= 1
            if end > text.startIndex, text[end - 1] == UInt8(ascii: "\r"),
                files[hunks[hunk(ofLine: line)].file].lineEndings.isCRLF
            {
                end -= 1
            }
        }
        return text[text.startIndex..<end]
    }

    func kind(ofLine line: Int) -> HunkLine.Kind { lines[line].kind }

    /// The language of the file the line belongs to, nil for none.
    func language(ofLine line: Int) -> SyntaxLanguage? { languages[hunks[hunk(ofLine: line)].file] }

    func oldNumber(ofLine line: Int) -> Int? { oldNumbers[line] == 0 ? nil : Int(oldNumbers[line]) }
    func newNumber(ofLine line: Int) -> Int? { newNumbers[line] == 0 ? nil : Int(newNumbers[line]) }

    /// The line a changed line pairs with for word highlights: the added line beside a
    /// removed one in the side-by-side layout, and the other way round.
    func partner(ofLine line: Int) -> Int? {
        let h = hunk(ofLine: line)
        let pair = splitPairs[hunks[h].firstSplit + Int(splitRowOfLine[line])]
        guard pair.old >= 0, pair.new >= 0, pair.old != pair.new else { return nil }
        return Int(pair.old) == line ? Int(pair.new) : Int(pair.old)
    }

    /// `@@ -10,6 +10,12 @@` and the section after it, as the patch has them.
    func hunkHeader(_ h: Int) -> (range: String, section: Bytes) {
        let hunk = hunks[h]
        func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
        return ("@@ -\(range(hunk.oldStart, hunk.oldCount)) +\(range(hunk.newStart, hunk.newCount)) @@", hunk.section)
    }
}
