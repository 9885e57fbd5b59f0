import AirlockCore

/// Where things go in the diff pane at one size, shared by the view state (to keep the
/// cursor in view) and the renderer (to draw).
///
/// The pane's first line is its header; the rows follow. A unified line row is
/// `S OOO NNN + text` (selection mark, old and new numbers, marker); side by side, each
/// half is `S NNN + text` with the old file on the left.
struct DiffLayout {
    /// Below this width side by side falls back to unified, and the header says so.
    static let sideBySideMinWidth = 100

    let document: DiffDocument
    let comments: DiffComments
    let mode: DiffLayoutMode
    let wrap: Bool
    let size: Size

    init(document: DiffDocument, comments: DiffComments, requested: DiffLayoutMode, wrap: Bool, size: Size) {
        self.document = document
        self.comments = comments
        mode = Self.mode(requested, width: size.width)
        self.wrap = wrap
        self.size = size
    }

    static func mode(_ requested: DiffLayoutMode, width: Int) -> DiffLayoutMode {
        requested == .sideBySide && width < sideBySideMinWidth ? .unified : requested
    }

    var rowCount: Int { document.rowCount(mode) }
    /// Screen lines for rows, under the header.
    var bodyHeight: Int { max(0, size.height - 1) }
    var numberWidth: Int { document.numberWidth }

    // MARK: - columns

    /// Columns before a unified line's text: mark, two numbers, marker, with spaces.
    var unifiedGutter: Int { 2 + 2 * (numberWidth + 1) + 2 }
    var unifiedTextWidth: Int { max(1, size.width - unifiedGutter) }

    /// Each half's width side by side, the separator between them not counted.
    var halfWidth: Int { (size.width - 1) / 2 }
    /// Columns before a half's text: mark, number, marker, with spaces.
    var halfGutter: Int { 2 + numberWidth + 1 + 2 }
    var halfTextWidth: Int { max(1, halfWidth - halfGutter) }

    // MARK: - heights

    /// How many screen lines `row` takes: its wrapped text and its comments.
    func height(of row: Int) -> Int {
        guard let item = document.row(row, mode) else { return 1 }
        let cap = max(1, bodyHeight)
        switch item {
        case .file, .hunk:
            return 1
        case .line(let line):
            let text = wrap ? shown(line, columns: unifiedTextWidth * cap).lineCount(columns: unifiedTextWidth, maxLines: cap) : 1
            return text + commentTexts(line: line).count
        case .pair(_, let old, let new):
            var text = 1
            if wrap {
                for line in [old, new].compactMap({ $0 }) {
                    text = max(text, shown(line, columns: halfTextWidth * cap).lineCount(columns: halfTextWidth, maxLines: cap))
                }
            }
            let notes = (old.map { commentTexts(line: $0, side: .old) } ?? []) + (new.map { commentTexts(line: $0, side: .new) } ?? [])
            return text + notes.count
        }
    }

    /// A line's text without highlights, as far as `columns` columns.
    func shown(_ line: Int, columns: Int) -> ShownText {
        ShownText(document.shownBytes(ofLine: line), base: .diffContext, columns: columns)
    }

    /// The comments under a line: on its new number, or its old one for a removed line;
    /// side by side, on the side asked for.
    func commentTexts(line: Int, side: LineComment.Side? = nil) -> [String] {
        guard !comments.isEmpty else { return [] }
        let path = document.files[document.hunks[document.hunk(ofLine: line)].file].path
        let kind = document.kind(ofLine: line)
        let side = side ?? (kind == .removed ? .old : .new)
        if side == .old, kind == .context, mode == .sideBySide { return [] }  // drawn once, with the new side
        return comments.on(path: path, side: side, line: side == .old ? document.oldNumber(ofLine: line) : document.newNumber(ofLine: line))
    }
}
