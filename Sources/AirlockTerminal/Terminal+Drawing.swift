import AirlockTUI
import CNcursesW

extension Terminal {
    /// Draws `buffer`: every cell goes into ncurses' picture of the screen with its style,
    /// and one update sends only the cells that changed.
    public func draw(_ buffer: CellBuffer) {
        guard !stopped else { return }
        let size = self.size
        // A buffer rendered for another size (a resize raced the render): clear what it
        // does not cover.
        if buffer.width != size.width || buffer.height != size.height { _ = werase(window) }
        let unicode = capabilities.unicode
        var cell = cchar_t()
        var characters = [wchar_t](repeating: 0, count: Glyph.capacity)
        for y in 0..<min(buffer.height, size.height) {
            // Whether the cell to the left drew a character ncurses holds as two wide.
            var coveredByLeft = false
            for x in 0..<min(buffer.width, size.width) {
                let source = buffer[x, y]
                let wasCovered = coveredByLeft
                coveredByLeft = false
                var width: Int
                if source.width == 0 {
                    if wasCovered { continue }
                    width = Glyph.blank(into: &characters)
                } else {
                    width = Glyph.write(source.character, unicode: unicode, into: &characters)
                    // Two columns where the buffer has one, or past the right edge, would
                    // shift or cut what follows.
                    if width > 2 || (width == 2 && (source.width != 2 || x + 1 >= size.width)) {
                        width = Glyph.replacement(into: &characters)
                    }
                }
                let style = palette.style(source.role, selected: source.selected)
                _ = setcchar(&cell, characters, style.attributes, style.pair, nil)
                // The bottom-right cell answers ERR (the cursor cannot move past it) but
                // is stored all the same.
                _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
                coveredByLeft = width == 2
            }
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    /// Forgets what the terminal shows and sends the whole screen again on the next draw
    /// (after something else wrote to it).
    public func redrawAll() {
        guard !stopped else { return }
        _ = clearok(airlock_curscr(), true)
    }
}
