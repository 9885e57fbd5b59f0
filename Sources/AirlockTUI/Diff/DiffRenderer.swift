import AirlockCore

/// Draws the diff pane: a header line (files, totals, layout, search), then the rows from
/// the state's top row until the pane is full. Only visible rows are read: a frame costs
/// the same for a 10-line diff as for a 100,000-line one.
public enum DiffRenderer {
    /// Draws into `rect` of `buffer`. `selection` (nil for none) shows as a mark on every
    /// file, hunk and changed line; `unicode` false keeps every mark ASCII; the cursor row
    /// is drawn selected when `focused`. `syntax` colours the code of files in a language
    /// `SyntaxLanguage` knows; a cockpit without colour should turn it off, since a cell has
    /// one role and a plain token would lose its line's added or removed look.
    public static func render(
        document: DiffDocument, state: DiffViewState, selection: HunkSelection?, comments: DiffComments = .none,
        into buffer: inout CellBuffer, rect: Rect, unicode: Bool, focused: Bool, syntax: Bool = true
    ) {
        guard rect.width > 0, rect.height > 0 else { return }
        buffer.fill(rect, role: .diffContext)
        let painter = DiffPainter(
            document: document, state: state,
            layout: DiffLayout(document: document, comments: comments, requested: state.mode, wrap: state.wrap,
                               size: Size(width: rect.width, height: rect.height)),
            selection: selection.map(SelectionMarks.init), glyphs: .of(unicode: unicode), rect: rect, syntax: syntax)
        painter.header(&buffer)
        var y = rect.y + 1, row = state.top
        while y < rect.maxY, row < painter.layout.rowCount {
            let used = painter.draw(row: row, y: y, lines: rect.maxY - y, &buffer)
            if focused, row == state.cursor {
                // Highlighted as far as the row has text, as tig does: moving the cursor
                // then re-sends the text of two rows, not two rows of blanks.
                for line in y..<(y + used) { buffer.select(row: line, from: rect.x, width: buffer.extent(row: line, in: rect) - rect.x) }
            }
            y += used
            row += 1
        }
    }
}

/// What a selection says of each file, hunk and line, answered without walking it whole.
struct SelectionMarks {
    enum Chosen { case all, part, nothing }
    let selection: HunkSelection

    func file(_ f: Int, _ document: DiffDocument) -> Chosen {
        if selection.files.contains(f) { return .all }
        let range = document.files[f].hunks
        if !range.isEmpty, range.allSatisfy({ hunk($0, document) == .all }) { return .all }
        return range.contains { hunk($0, document) != .nothing } ? .part : .nothing
    }

    func hunk(_ h: Int, _ document: DiffDocument) -> Chosen {
        let entry = document.hunks[h], ref = HunkSelection.HunkRef(file: entry.file, hunk: entry.index)
        if selection.files.contains(entry.file) || selection.hunks.contains(ref) { return .all }
        return selection.lines[ref]?.isEmpty == false ? .part : .nothing
    }

    func line(_ l: Int, _ document: DiffDocument) -> Bool {
        let h = document.hunk(ofLine: l), entry = document.hunks[h]
        let ref = HunkSelection.HunkRef(file: entry.file, hunk: entry.index)
        if selection.files.contains(entry.file) || selection.hunks.contains(ref) { return true }
        return selection.lines[ref]?.contains(l - entry.firstLine) ?? false
    }
}

/// One frame's drawing, with what every row needs at hand.
struct DiffPainter {
    let document: DiffDocument
    let state: DiffViewState
    let layout: DiffLayout
    let selection: SelectionMarks?
    let glyphs: DiffGlyphs
    let rect: Rect
    let syntax: Bool

    // MARK: - header

    func header(_ buffer: inout CellBuffer) {
        let y = rect.y
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .dim)
        var x = rect.x
        let files = document.files.count
        x = buffer.put("\(files) file\(files == 1 ? "" : "s")  ", x: x, y: y, limit: rect.maxX - x, role: .dim)
        x = buffer.put("+\(document.added)", x: x, y: y, limit: rect.maxX - x, role: .diffAdded)
        x = buffer.put(" \(glyphs.minus)\(document.removed)", x: x, y: y, limit: rect.maxX - x, role: .diffRemoved)
        var words = [state.layoutDescription]
        if state.wrap { words.append("wrap") }
        x = buffer.put(glyphs.dot + words.joined(separator: glyphs.dot), x: x, y: y, limit: rect.maxX - x, role: .dim)
        if let search = state.search {
            x = buffer.put(glyphs.dot + "/", x: x, y: y, limit: rect.maxX - x, role: .dim)
            x = buffer.put(search.query, x: x, y: y, limit: rect.maxX - x, role: .searchMatch)
            let status: String
            switch search.status {
            case .searching: status = " searching"
            case .found(let wrapped): status = wrapped ? " (wrapped)" : ""
            case .notFound: status = " not found"
            }
            x = buffer.put(status, x: x, y: y, limit: rect.maxX - x, role: .dim)
        }
        let position = " \(min(state.cursor + 1, layout.rowCount))/\(layout.rowCount)"
        if x + position.count <= rect.maxX {
            buffer.put(position, x: rect.maxX - position.count, y: y, role: .dim)
        }
    }

    // MARK: - rows

    /// Draws `row` from line `y`, in at most `lines` lines; returns how many it used.
    func draw(row: Int, y: Int, lines: Int, _ buffer: inout CellBuffer) -> Int {
        switch document.row(row, layout.mode) {
        case .file(let f):
            fileHeader(f, y: y, &buffer)
            return 1
        case .hunk(let h):
            hunkHeader(h, y: y, &buffer)
            return 1
        case .line(let l):
            return unifiedLine(l, y: y, lines: lines, &buffer)
        case .pair(_, let old, let new):
            return pair(old: old, new: new, y: y, lines: lines, &buffer)
        case nil:
            return 1
        }
    }

    func mark(_ chosen: SelectionMarks.Chosen?) -> (String, StyleRole) {
        switch chosen {
        case .all: (glyphs.chosen, .diffChosen)
        case .part: (glyphs.partlyChosen, .diffChosen)
        case .nothing: (glyphs.notChosen, .diffNotChosen)
        case nil: (" ", .diffContext)
        }
    }

    private func fileHeader(_ f: Int, y: Int, _ buffer: inout CellBuffer) {
        let file = document.files[f]
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .diffFileHeader)
        let (symbol, role) = mark(selection?.file(f, document))
        var x = buffer.put(symbol, x: rect.x, y: y, limit: 1, role: role) + 1
        var badges: [String] = []
        switch file.operation {
        case .modify: badges.append("modified")
        case .create: badges.append("created")
        case .delete: badges.append("deleted")
        case .rename: badges.append("renamed" + (file.similarity.map { " \($0)%" } ?? ""))
        case .copy: badges.append("copied" + (file.similarity.map { " \($0)%" } ?? ""))
        }
        if let old = file.oldMode, let new = file.newMode, old != new {
            badges.append("mode \(old)\(glyphs.modeArrow)\(new)")
        } else if file.operation == .create, let new = file.newMode, new != .regular {
            badges.append("mode \(new)")
        }
        if file.isBinary { badges.append("binary") }
        if file.lineEndings.isCRLF { badges.append("CRLF") }
        if file.lineEndings.isMixed { badges.append("mixed endings") }
        if file.lineEndings.missingFinalNewline { badges.append("no newline at end") }
        let counts = "+\(file.added) \(glyphs.minus)\(file.removed)"
        let tail = 2 + counts.count + badges.reduce(0) { $0 + 2 + $1.count }
        // The path gives way to the badges, down to 12 columns.
        let pathRoom = max(12, rect.maxX - x - tail)
        let pathEnd = min(rect.maxX, x + pathRoom)
        if let old = file.oldPath {
            x = buffer.put(old, x: x, y: y, limit: pathEnd - x, role: .diffFileHeader)
            x = buffer.put(glyphs.renamedTo, x: x, y: y, limit: pathEnd - x, role: .diffFileHeader)
        }
        x = buffer.put(file.path, x: x, y: y, limit: pathEnd - x, role: .diffFileHeader)
        x = buffer.put("  +\(file.added)", x: x, y: y, limit: rect.maxX - x, role: .diffAdded)
        x = buffer.put(" \(glyphs.minus)\(file.removed)", x: x, y: y, limit: rect.maxX - x, role: .diffRemoved)
        for badge in badges {
            x += 2
            x = buffer.put(badge, x: x, y: y, limit: rect.maxX - x, role: .badge)
        }
    }

    private func hunkHeader(_ h: Int, y: Int, _ buffer: inout CellBuffer) {
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .diffHunkHeader)
        let (symbol, role) = mark(selection?.hunk(h, document))
        var x = buffer.put(symbol, x: rect.x, y: y, limit: 1, role: role) + 1
        let (range, section) = document.hunkHeader(h)
        x = buffer.put(range, x: x, y: y, limit: rect.maxX - x, role: .diffHunkHeader)
        let shown = ShownText(section, base: .diffHunkHeader, columns: rect.maxX - x)
        for piece in shown.pieces { x = buffer.put(piece.text, x: x, y: y, limit: rect.maxX - x, role: piece.role) }
    }
}
