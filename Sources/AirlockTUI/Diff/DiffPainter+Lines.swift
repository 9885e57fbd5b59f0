import AirlockCore

extension DiffPainter {
    // MARK: - unified

    /// A unified line, its wrapped continuation and its comments.
    func unifiedLine(_ l: Int, y: Int, lines: Int, _ buffer: inout CellBuffer) -> Int {
        let kind = document.kind(ofLine: l)
        let role = Self.role(kind)
        let width = layout.unifiedTextWidth
        let text = shownText(l, role: role, words: wordChanges(l), columns: width, lines: lines)
        let textLines = text.lines(columns: width, wrap: layout.wrap, maxLines: lines)
        let number = layout.numberWidth
        for (k, pieces) in textLines.enumerated() {
            let line = y + k
            buffer.fill(Rect(x: rect.x, y: line, width: rect.width, height: 1), role: role)
            if k == 0 {
                if kind != .context {
                    let (symbol, markRole) = mark(selection.map { $0.line(l, document) ? .all : .nothing })
                    buffer.put(symbol, x: rect.x, y: line, limit: 1, role: markRole)
                }
                var x = rect.x + 2
                x = putNumber(document.oldNumber(ofLine: l), x: x, y: line, width: number, &buffer) + 1
                x = putNumber(document.newNumber(ofLine: l), x: x, y: line, width: number, &buffer) + 1
                buffer.put(Self.marker(kind), x: x, y: line, limit: 1, role: role)
            }
            draw(pieces, x: rect.x + layout.unifiedGutter, y: line, maxX: rect.maxX, &buffer)
        }
        if !layout.wrap, text.isCut { putCut(x: rect.maxX - 1, y: y, role: role, &buffer) }
        var used = textLines.count
        for comment in layout.commentTexts(line: l) where used < lines {
            drawComment(comment, x: rect.x + layout.unifiedGutter - 2, y: y + used, &buffer)
            used += 1
        }
        return used
    }

    // MARK: - side by side

    /// A side-by-side row: the old line on the left, the new one on the right.
    func pair(old: Int?, new: Int?, y: Int, lines: Int, _ buffer: inout CellBuffer) -> Int {
        let half = layout.halfWidth
        let words: (old: [Range<Int>], new: [Range<Int>])? = if let old, let new, old != new {
            WordDiff.changes(old: document.shownBytes(ofLine: old), new: document.shownBytes(ofLine: new))
        } else { nil }
        let leftLines = side(old, side: .old, words: words?.old, x: rect.x, width: half, y: y, lines: lines, &buffer)
        let rightX = rect.x + half + 1
        let rightLines = side(new, side: .new, words: words?.new, x: rightX, width: rect.maxX - rightX, y: y, lines: lines, &buffer)
        var used = max(leftLines, rightLines)
        // The shorter side's band continues, blank, down to the taller one's last line.
        for line in (y + 1)..<max(y + 1, y + used) {
            if line >= y + leftLines { buffer.fill(Rect(x: rect.x, y: line, width: half, height: 1), role: old.map { Self.role(document.kind(ofLine: $0)) } ?? .diffContext) }
            if line >= y + rightLines { buffer.fill(Rect(x: rightX, y: line, width: rect.maxX - rightX, height: 1), role: new.map { Self.role(document.kind(ofLine: $0)) } ?? .diffContext) }
        }
        for line in y..<(y + used) { buffer.put(glyphs.separator, x: rect.x + half, y: line, limit: 1, role: .border) }
        let notes = (old.map { layout.commentTexts(line: $0, side: .old) } ?? []) + (new.map { layout.commentTexts(line: $0, side: .new) } ?? [])
        for comment in notes where used < lines {
            drawComment(comment, x: rect.x + 2, y: y + used, &buffer)
            used += 1
        }
        return used
    }

    /// One half of a side-by-side row; returns the lines it used.
    private func side(
        _ l: Int?, side: LineComment.Side, words: [Range<Int>]?, x: Int, width: Int, y: Int, lines: Int,
        _ buffer: inout CellBuffer
    ) -> Int {
        guard let l else {
            buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: .diffContext)
            return 1
        }
        let kind = document.kind(ofLine: l)
        let role = Self.role(kind)
        let textWidth = max(1, width - layout.halfGutter)
        let text = shownText(l, role: role, words: words.map { (kind, $0) }, columns: textWidth, lines: lines)
        let textLines = text.lines(columns: textWidth, wrap: layout.wrap, maxLines: lines)
        for (k, pieces) in textLines.enumerated() {
            let line = y + k
            buffer.fill(Rect(x: x, y: line, width: width, height: 1), role: role)
            if k == 0 {
                if kind != .context {
                    let (symbol, markRole) = mark(selection.map { $0.line(l, document) ? .all : .nothing })
                    buffer.put(symbol, x: x, y: line, limit: 1, role: markRole)
                }
                let number = side == .old ? document.oldNumber(ofLine: l) : document.newNumber(ofLine: l)
                let after = putNumber(number, x: x + 2, y: line, width: layout.numberWidth, &buffer) + 1
                buffer.put(Self.marker(kind), x: after, y: line, limit: 1, role: role)
            }
            draw(pieces, x: x + layout.halfGutter, y: line, maxX: x + width, &buffer)
        }
        if !layout.wrap, text.isCut { putCut(x: x + width - 1, y: y, role: role, &buffer) }
        return textLines.count
    }

    // MARK: - text

    /// The changed spans of a removed or added line against the line it pairs with.
    private func wordChanges(_ l: Int) -> (HunkLine.Kind, [Range<Int>])? {
        let kind = document.kind(ofLine: l)
        guard kind != .context, let partner = document.partner(ofLine: l) else { return nil }
        let mine = document.shownBytes(ofLine: l), theirs = document.shownBytes(ofLine: partner)
        guard let changes = kind == .removed ? WordDiff.changes(old: mine, new: theirs) : WordDiff.changes(old: theirs, new: mine) else { return nil }
        return (kind, kind == .removed ? changes.old : changes.new)
    }

    /// A line's text with its syntax colours, word highlights and search matches (each
    /// over the one before), read as far as the lines it may fill. The marker and the
    /// gutter keep the line's own role.
    private func shownText(_ l: Int, role: StyleRole, words: (HunkLine.Kind, [Range<Int>])?, columns: Int, lines: Int) -> ShownText {
        let bytes = document.shownBytes(ofLine: l)
        let columnsRead = layout.wrap ? columns * max(1, lines) : columns
        let readable = min(bytes.count, columnsRead * 16 + 64)
        let matches = state.search?.ranges(in: bytes, limit: readable) ?? []
        let tokens = syntax ? document.language(ofLine: l).map { SyntaxHighlighter.spans(in: bytes, language: $0, limit: readable) } ?? [] : []
        guard words != nil || !matches.isEmpty || !tokens.isEmpty else { return ShownText(bytes, base: role, columns: columnsRead) }
        var roles = [StyleRole](repeating: role, count: readable)
        for token in tokens { for i in token.range where i < readable { roles[i] = token.role } }
        if let (kind, spans) = words {
            let word: StyleRole = kind == .removed ? .diffWordRemoved : .diffWordAdded
            for span in spans { for i in span where i < readable { roles[i] = word } }
        }
        for match in matches { for i in match where i < readable { roles[i] = .searchMatch } }
        return ShownText(bytes, base: role, roles: roles, columns: columnsRead)
    }

    private func draw(_ pieces: [ShownText.Piece], x start: Int, y: Int, maxX: Int, _ buffer: inout CellBuffer) {
        var x = start
        for piece in pieces where x < maxX {
            x = Self.putPrintable(piece, x: x, y: y, maxX: maxX, &buffer)
                ?? buffer.put(piece.text, x: x, y: y, limit: maxX - x, role: piece.role)
        }
    }

    /// Writes a piece of printable ASCII a cell a byte, sparing `put`'s walk over
    /// characters (syntax colours cut a line into several pieces); nil, having written
    /// nothing, for any other text, which `put` escapes and measures.
    private static func putPrintable(_ piece: ShownText.Piece, x: Int, y: Int, maxX: Int, _ buffer: inout CellBuffer) -> Int? {
        let text = piece.text.utf8
        guard piece.isASCII, text.allSatisfy({ (0x20...0x7E).contains($0) }), y >= 0, y < buffer.height else { return nil }
        var column = x
        for byte in text {
            guard column < min(maxX, buffer.width) else { break }
            buffer[column, y] = CellBuffer.Cell(Character(Unicode.Scalar(byte)), role: piece.role)
            column += 1
        }
        return column
    }

    private func drawComment(_ text: String, x: Int, y: Int, _ buffer: inout CellBuffer) {
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .comment)
        let after = buffer.put(glyphs.comment, x: x, y: y, limit: rect.maxX - x, role: .comment)
        buffer.put(text, x: after, y: y, limit: rect.maxX - after, role: .comment)
    }

    private func putNumber(_ number: Int?, x: Int, y: Int, width: Int, _ buffer: inout CellBuffer) -> Int {
        let digits = number.map(String.init) ?? ""
        let padded = String(repeating: " ", count: max(0, width - digits.count)) + digits
        buffer.put(padded, x: x, y: y, limit: width, role: .lineNumber)
        return x + width
    }

    private func putCut(x: Int, y: Int, role: StyleRole, _ buffer: inout CellBuffer) {
        // A wide character cut in half by the mark would leave half a glyph.
        if x > 0, buffer[x - 1, y].width == 2 { buffer[x - 1, y] = CellBuffer.Cell(" ", role: role) }
        buffer.put(glyphs.cut, x: x, y: y, limit: 1, role: .dim)
    }

    static func role(_ kind: HunkLine.Kind) -> StyleRole {
        switch kind {
        case .context: .diffContext
        case .added: .diffAdded
        case .removed: .diffRemoved
        }
    }

    static func marker(_ kind: HunkLine.Kind) -> String {
        switch kind {
        case .context: " "
        case .added: "+"
        case .removed: "-"
        }
    }
}
