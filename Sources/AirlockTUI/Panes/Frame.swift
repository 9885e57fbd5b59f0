/// Boxes around panes and dialogs, with a title in the top border.
extension CellBuffer {
    mutating func box(_ rect: Rect, title: String, right: String = "", focused: Bool, glyphs: Glyphs, titleRole: StyleRole? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let border: StyleRole = focused ? .borderFocused : .border
        let g = glyphs
        for x in rect.x..<rect.maxX {
            self[x, rect.y] = Cell(g.horizontal, role: border)
            self[x, rect.maxY - 1] = Cell(g.horizontal, role: border)
        }
        for y in rect.y..<rect.maxY {
            self[rect.x, y] = Cell(g.vertical, role: border)
            self[rect.maxX - 1, y] = Cell(g.vertical, role: border)
        }
        self[rect.x, rect.y] = Cell(g.topLeft, role: border)
        self[rect.maxX - 1, rect.y] = Cell(g.topRight, role: border)
        self[rect.x, rect.maxY - 1] = Cell(g.bottomLeft, role: border)
        self[rect.maxX - 1, rect.maxY - 1] = Cell(g.bottomRight, role: border)
        let room = rect.width - 4
        guard room > 0 else { return }
        var rightText = right
        if DisplayWidth.of(rightText) > room / 2 { rightText = "" }
        let rightWidth = rightText.isEmpty ? 0 : DisplayWidth.of(rightText) + 2
        // Cut before the closing space, so a long title still ends in one: `Reset the pa… `.
        let role = titleRole ?? (focused ? .titleFocused : .title)
        let end = putCut(" \(title)", x: rect.x + 1, y: rect.y, width: room - rightWidth, role: role, glyphs: glyphs)
        put(" ", x: end, y: rect.y, limit: 1, role: role)
        if !rightText.isEmpty {
            put(" \(rightText) ", x: rect.maxX - 1 - rightWidth, y: rect.y, limit: rightWidth, role: focused ? .titleFocused : .title)
        }
    }

    /// Writes `text` cut to `width` columns, with an ellipsis when it was cut.
    @discardableResult
    mutating func putCut(_ text: String, x: Int, y: Int, width: Int, role: StyleRole = .text, selected: Bool = false, glyphs: Glyphs) -> Int {
        guard width > 0 else { return x }
        let shown = VisibleTextCut.cut(text, to: width, ellipsis: glyphs.ellipsis)
        return put(shown, x: x, y: y, limit: width, role: role, selected: selected)
    }
}

import AirlockCore

/// Cutting escaped agent text to a number of columns.
enum VisibleTextCut {
    static func cut(_ text: String, to width: Int, ellipsis: String) -> String {
        let visible = VisibleText.escape(text)
        guard DisplayWidth.of(visible) > width else { return visible }
        var out = ""
        var used = 0
        let room = width - DisplayWidth.of(ellipsis)
        for character in visible {
            let w = DisplayWidth.of(character)
            if used + w > room { break }
            out.append(character)
            used += w
        }
        return out + ellipsis
    }

    /// Splits text into lines no wider than `width`, breaking at spaces where it can.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let paragraph = VisibleText.escape(String(raw))
            var line = ""
            var used = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let w = DisplayWidth.of(word)
                if used > 0, used + 1 + w > width {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                if used > 0 {
                    line += " "
                    used += 1
                }
                var piece = Substring(word)
                while DisplayWidth.of(piece) > width - used, !piece.isEmpty {
                    var head = ""
                    var hw = 0
                    while let c = piece.first, hw + DisplayWidth.of(c) <= width - used {
                        head.append(c)
                        hw += DisplayWidth.of(c)
                        piece.removeFirst()
                    }
                    if head.isEmpty, let c = piece.first { head.append(c); piece.removeFirst() }
                    lines.append(line + head)
                    line = ""
                    used = 0
                }
                line += piece
                used += DisplayWidth.of(piece)
            }
            lines.append(line)
        }
        return lines
    }
}
