import AirlockCore

/// A piece of a line with its role; a line of a pane is a list of them.
struct Segment: Equatable {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole = .text) {
        self.text = text
        self.role = role
    }
}

extension CellBuffer {
    /// Writes the segments one after another, escaped, and cuts the one that reaches
    /// `width` with an ellipsis; returns the column after the last one written.
    @discardableResult
    mutating func put(_ segments: [Segment], x: Int, y: Int, width: Int, selected: Bool = false, glyphs: Glyphs) -> Int {
        let end = x + width
        var column = x
        for segment in segments {
            let room = end - column
            guard room > 0 else { break }
            if DisplayWidth.of(VisibleText.escape(segment.text)) <= room {
                column = put(segment.text, x: column, y: y, limit: room, role: segment.role, selected: selected)
            } else {
                column = putCut(segment.text, x: column, y: y, width: room, role: segment.role, selected: selected, glyphs: glyphs)
                break
            }
        }
        return column
    }
}
