import AirlockCore
import AirlockTUI
import CNcursesW
import Testing

@testable import AirlockTerminal

/// Every test that starts ncurses: ncurses and the locale belong to the whole process, so
/// the suites nested here run one test at a time.
@Suite("ncurses", .serialized)
enum NcursesTests {}

extension NcursesTests {
    /// The adapter drawing on real ncurses over a pseudo-terminal.
    @Suite("Terminal drawing")
    struct TerminalTests {
        // MARK: - Drawing

        @Test func cellsReachTheScreenWithTheirText() throws {
            try withTerminal { terminal, _ in
                var buffer = CellBuffer(width: 40, height: 8)
                buffer.put("plain ascii", x: 0, y: 0)
                buffer.put("漢字 wide", x: 2, y: 1)
                buffer.put("cafe\u{301} e\u{301}\u{323}", x: 0, y: 2)
                terminal.draw(buffer)
                #expect(terminal.size == Size(width: 40, height: 8))
                #expect(terminal.heldRow(0) == "plain ascii")
                #expect(terminal.heldRow(1) == "  漢字 wide")
                #expect(terminal.heldCell(x: 2, y: 1).text == "漢")
                #expect(terminal.heldCell(x: 4, y: 1).text == "字")
                #expect(terminal.heldCell(x: 7, y: 1).text == "w")
                #expect(terminal.heldCell(x: 3, y: 2).text == "e\u{301}")
                #expect(terminal.heldCell(x: 5, y: 2).text == "e\u{301}\u{323}")
                #expect(terminal.heldCell(x: 6, y: 2).text == " ")
            }
        }

        @Test func rolesAndSelectionGiveAttributesAndColourPairs() throws {
            try withTerminal { terminal, _ in
                var buffer = CellBuffer(width: 40, height: 8)
                buffer.put("added", x: 0, y: 0, role: .diffAdded)
                buffer.put("error", x: 0, y: 1, role: .error)
                buffer.put("chosen", x: 0, y: 2, role: .diffAdded, selected: true)
                terminal.draw(buffer)
                let added = terminal.heldCell(x: 0, y: 0)
                let error = terminal.heldCell(x: 0, y: 1)
                let chosen = terminal.heldCell(x: 0, y: 2)
                let plain = terminal.heldCell(x: 0, y: 3)
                #expect(terminal.capabilities.colours == .palette256)
                #expect(added.pair != 0 && error.pair != 0 && chosen.pair != 0)
                #expect(Set([added.pair, error.pair, chosen.pair]).count == 3)
                #expect(plain.pair == 0 && plain.attributes == airlock_a_normal())
                #expect(error.attributes & airlock_a_bold() != 0)
                // The default theme's selection is bold on a blue background.
                #expect(chosen.attributes & airlock_a_bold() != 0 && added.attributes & airlock_a_bold() == 0)
                var foreground: Int16 = 0, background: Int16 = 0
                _ = pair_content(chosen.pair, &foreground, &background)
                #expect(foreground == 2 && background == 24)
                _ = pair_content(added.pair, &foreground, &background)
                #expect(foreground == 2 && background == -1)
            }
        }

        @Test func onEightColoursThemeColoursAreReduced() throws {
            try withTerminal(type: "xterm") { terminal, _ in
                #expect(terminal.capabilities.colours == .eight)
                var buffer = CellBuffer(width: 40, height: 8)
                buffer.put("chosen", x: 0, y: 0, role: .diffAdded, selected: true)
                buffer.put("dim", x: 0, y: 1, role: .dim)
                terminal.draw(buffer)
                var foreground: Int16 = 0, background: Int16 = 0
                _ = pair_content(terminal.heldCell(x: 0, y: 0).pair, &foreground, &background)
                // Green on the selection's #264f78, which is nearest blue.
                #expect(foreground == 2 && background == 4)
                // Bright black would be black on black: the default colour, dimmed.
                #expect(terminal.heldCell(x: 0, y: 1) == HeldCell(text: "d", attributes: airlock_a_dim(), pair: 0))
            }
        }

        @Test(arguments: [("vt100", [String: String]()), ("xterm-256color", ["NO_COLOR": "1"])])
        func withoutColourRolesKeepTheirAttributes(type: String, environment: [String: String]) throws {
            try withTerminal(type: type, environment: environment) { terminal, _ in
                #expect(terminal.capabilities.colours == .none)
                var buffer = CellBuffer(width: 40, height: 8)
                buffer.put("failed", x: 0, y: 0, role: .failed)
                buffer.put("added", x: 0, y: 1, role: .diffAdded)
                buffer.put("row", x: 0, y: 2, selected: true)
                terminal.draw(buffer)
                #expect(terminal.heldCell(x: 0, y: 0) == HeldCell(text: "f", attributes: airlock_a_bold() | airlock_a_reverse(), pair: 0))
                #expect(terminal.heldCell(x: 0, y: 1) == HeldCell(text: "a", attributes: airlock_a_bold(), pair: 0))
                #expect(terminal.heldCell(x: 0, y: 2) == HeldCell(text: "r", attributes: airlock_a_reverse(), pair: 0))
            }
        }

        @Test func withoutUTF8OnlyASCIIReachesTheScreen() throws {
            try withTerminal(locale: "C") { terminal, _ in
                #expect(!terminal.capabilities.unicode)
                var buffer = CellBuffer(width: 40, height: 8)
                buffer.put("ok é ✓", x: 0, y: 0)
                terminal.draw(buffer)
                #expect(terminal.heldRow(0) == "ok ? ?")
            }
        }

        @Test func hostileCellsNeverReachTheTerminalRaw() throws {
            try withTerminal { terminal, pty in
                var buffer = CellBuffer(width: 40, height: 8)
                // Straight into cells, past `put`'s escaping: the adapter must defend itself.
                let hostile = "\u{1b}]52;c;cHduZWQ=\u{07}\u{1b}[2J\u{9b}6n\u{9d}0;t\u{9c}\u{7f}\u{202e}\u{0}"
                for (x, character) in hostile.enumerated() { buffer[x, 0] = CellBuffer.Cell(character) }
                // A tag character (format, zero width) joins the letter's cluster but is not a mark.
                buffer[0, 1] = CellBuffer.Cell(Character(String("a\u{E0041}\u{301}")))
                terminal.draw(buffer)
                let sent = pty.sent()
                let text = String(decoding: sent, as: UTF8.self)
                #expect(!sent.contains(0x07))
                #expect(!text.contains("\u{1b}]"))
                #expect(text.contains("?]52;c;cHduZWQ=??[2J?6n?0;t"))
                #expect(!text.contains("\u{9b}") && !text.contains("\u{9d}") && !text.contains("\u{9c}") && !text.contains("\u{202e}"))
                #expect(!sent.contains(0x00) && !sent.contains(0x7F))
                #expect(terminal.heldCell(x: 0, y: 0).text == "?")
                #expect(terminal.heldCell(x: 1, y: 0).text == "]")
                #expect(terminal.heldCell(x: 0, y: 1).text == "a\u{301}")
                #expect(!text.unicodeScalars.contains("\u{E0041}"))
            }
        }

        @Test func aWideCharacterInANarrowCellIsReplaced() throws {
            try withTerminal { terminal, _ in
                var buffer = CellBuffer(width: 40, height: 8)
                buffer[0, 0] = CellBuffer.Cell("漢", width: 1)
                buffer[1, 0] = CellBuffer.Cell("x")
                buffer[39, 1] = CellBuffer.Cell("字", width: 2)
                terminal.draw(buffer)
                #expect(terminal.heldRow(0) == "?x")
                #expect(terminal.heldCell(x: 39, y: 1).text == "?")
            }
        }

        // MARK: - Bytes on the wire

        @Test func drawingTheSameBufferAgainSendsNothingAndMovingTheSelectionLittle() throws {
            try withTerminal(width: 120, height: 40) { terminal, pty in
                let first = Self.list(top: 0, selected: 5)
                terminal.draw(first)
                let firstPaint = pty.sent().count
                terminal.draw(first)
                let again = pty.sent().count
                terminal.draw(Self.list(top: 0, selected: 6))
                let selectionMove = pty.sent().count
                terminal.draw(Self.list(top: 1, selected: 6))
                let scroll = pty.sent().count
                // Measured: 3,121, 0, 196 and 97 bytes.
                #expect(firstPaint > 2500)
                #expect(again <= 8)
                #expect(selectionMove < 400)
                #expect(scroll < firstPaint / 2)
            }
        }

        /// A full-screen list of 200 items with a header and a status bar, like a queue pane.
        static func list(top: Int, selected: Int) -> CellBuffer {
            var buffer = CellBuffer(width: 120, height: 40)
            buffer.put(" Queue · 200 waiting", x: 0, y: 0, role: .titleFocused)
            for row in 1..<39 {
                let item = top + row - 1
                buffer.put(
                    "#\(item + 100)  coder-\(item % 7)  proposal number \(item) touches src/module\(item % 13).swift  +\(item * 3 % 97) -\(item % 11)",
                    x: 1, y: row, role: item % 5 == 0 ? .stateWaiting : .text)
                if item == selected { buffer.select(row: row, from: 0, width: 120) }
            }
            buffer.put(" a approve  r reject  / search  q quit", x: 0, y: 39, role: .statusBar)
            return buffer
        }
    }
}
