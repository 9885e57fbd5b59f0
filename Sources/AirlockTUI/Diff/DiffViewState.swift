import AirlockCore

/// What the diff pane remembers between frames: layout, wrapping, scroll position, cursor
/// and search. A value: the cockpit's `update` changes it and its `render` reads it.
///
/// Rows are counted in the layout in use (`layout`), which is `mode` unless the pane is
/// too narrow for side by side. Every method that moves takes the document (and the
/// comments, which make rows taller) and keeps the cursor in view, looking only at about
/// a screenful of rows.
public struct DiffViewState: Sendable, Equatable {
    /// The layout asked for; `layout` is the one in use.
    public private(set) var mode: DiffLayoutMode = .unified
    public private(set) var layout: DiffLayoutMode = .unified
    public private(set) var wrap = false
    /// The first row shown.
    public private(set) var top = 0
    public private(set) var cursor = 0
    /// The pane's size, header line included.
    public private(set) var size = Size(width: 80, height: 24)
    /// Side by side, which line of a row holding two the cursor means (comments, `v`).
    public var preferredSide: LineComment.Side = .new
    public internal(set) var search: DiffSearch?

    public init(size: Size = Size(width: 80, height: 24)) {
        self.size = size
        layout = DiffLayout.mode(mode, width: size.width)
    }

    /// The header's words for the layout: `side by side`, `unified`, or why side by side
    /// was asked for and not given.
    public var layoutDescription: String {
        switch (mode, layout) {
        case (.sideBySide, .sideBySide): "side by side"
        case (.sideBySide, _): "unified (side by side needs \(DiffLayout.sideBySideMinWidth) columns)"
        default: "unified"
        }
    }

    func geometry(_ document: DiffDocument, _ comments: DiffComments) -> DiffLayout {
        DiffLayout(document: document, comments: comments, requested: mode, wrap: wrap, size: size)
    }

    // MARK: - layout

    public mutating func resize(to size: Size, in document: DiffDocument, comments: DiffComments = .none) {
        self.size = size
        relayout(document, comments)
    }

    public mutating func setMode(_ mode: DiffLayoutMode, in document: DiffDocument, comments: DiffComments = .none) {
        self.mode = mode
        relayout(document, comments)
    }

    public mutating func toggleWrap(in document: DiffDocument, comments: DiffComments = .none) {
        wrap.toggle()
        reveal(document, comments)
    }

    /// Maps the cursor into the layout now in use and keeps it in view.
    private mutating func relayout(_ document: DiffDocument, _ comments: DiffComments) {
        let now = DiffLayout.mode(mode, width: size.width)
        if now != layout {
            cursor = document.convert(cursor, from: layout, to: now, preferred: preferredSide)
            top = document.convert(top, from: layout, to: now, preferred: preferredSide)
            layout = now
        }
        reveal(document, comments)
    }

    // MARK: - moving

    public mutating func moveCursor(by delta: Int, in document: DiffDocument, comments: DiffComments = .none) {
        moveCursor(to: cursor + delta, document, comments)
    }

    public mutating func pageDown(in document: DiffDocument, comments: DiffComments = .none) {
        let page = max(1, size.height - 2)
        top = min(max(0, document.rowCount(layout) - (size.height - 1)), top + page)
        moveCursor(to: cursor + page, document, comments)
    }

    public mutating func pageUp(in document: DiffDocument, comments: DiffComments = .none) {
        let page = max(1, size.height - 2)
        top = max(0, top - page)
        moveCursor(to: cursor - page, document, comments)
    }

    public mutating func moveToTop(in document: DiffDocument, comments: DiffComments = .none) {
        moveCursor(to: 0, document, comments)
    }

    public mutating func moveToBottom(in document: DiffDocument, comments: DiffComments = .none) {
        moveCursor(to: document.rowCount(layout) - 1, document, comments)
    }

    /// To the next file's header; stays put on the last file.
    public mutating func nextFile(in document: DiffDocument, comments: DiffComments = .none) {
        guard let file = fileAtCursor(document), file + 1 < document.files.count else { return }
        moveCursor(to: document.row(ofFile: file + 1, layout), document, comments)
    }

    /// To this file's header, or the previous file's when already there.
    public mutating func previousFile(in document: DiffDocument, comments: DiffComments = .none) {
        guard let file = fileAtCursor(document) else { return }
        let header = document.row(ofFile: file, layout)
        if cursor > header {
            moveCursor(to: header, document, comments)
        } else if file > 0 {
            moveCursor(to: document.row(ofFile: file - 1, layout), document, comments)
        }
    }

    /// To the next hunk's header, in this file or a later one.
    public mutating func nextHunk(in document: DiffDocument, comments: DiffComments = .none) {
        guard let item = document.row(cursor, layout) else { return }
        let next: Int
        switch item {
        case .file(let f): next = document.files[f].hunks.lowerBound
        case .hunk(let h), .pair(let h, _, _): next = h + 1
        case .line(let l): next = document.hunk(ofLine: l) + 1
        }
        guard next < document.hunks.count else { return }
        moveCursor(to: document.row(ofHunk: next, layout), document, comments)
    }

    /// To this hunk's header, or the previous hunk's when already there.
    public mutating func previousHunk(in document: DiffDocument, comments: DiffComments = .none) {
        guard let item = document.row(cursor, layout) else { return }
        let previous: Int
        switch item {
        case .file(let f): previous = document.files[f].hunks.lowerBound - 1
        case .hunk(let h): previous = h - 1
        case .pair(let h, _, _): previous = h
        case .line(let l): previous = document.hunk(ofLine: l)
        }
        guard previous >= 0 else { return }
        moveCursor(to: document.row(ofHunk: previous, layout), document, comments)
    }

    mutating func moveCursor(to row: Int, _ document: DiffDocument, _ comments: DiffComments) {
        cursor = max(0, min(row, document.rowCount(layout) - 1))
        reveal(document, comments)
    }

    private func fileAtCursor(_ document: DiffDocument) -> Int? {
        switch document.row(cursor, layout) {
        case .file(let f): f
        case .hunk(let h), .pair(let h, _, _): document.hunks[h].file
        case .line(let l): document.hunks[document.hunk(ofLine: l)].file
        case nil: nil
        }
    }

    /// Scrolls as little as needed for the cursor row to show whole (its first lines when
    /// it is taller than the pane), measuring at most a screenful of rows.
    private mutating func reveal(_ document: DiffDocument, _ comments: DiffComments) {
        let count = document.rowCount(layout)
        cursor = max(0, min(cursor, count - 1))
        top = max(0, min(top, count - 1))
        if cursor < top {
            top = cursor
            return
        }
        let geometry = geometry(document, comments)
        let height = max(1, geometry.bodyHeight)
        var used = 0, row = cursor
        while row >= top {
            used += geometry.height(of: row)
            if used > height { break }
            row -= 1
        }
        if row >= top { top = min(cursor, row + 1) }
    }
}
