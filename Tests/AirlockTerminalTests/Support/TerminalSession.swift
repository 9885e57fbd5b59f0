import AirlockTUI
import CNcursesW
#if canImport(Glibc)
import Glibc
#endif

@testable import AirlockTerminal

/// A `Terminal` on a fresh pseudo-terminal under a UTF-8 locale, given back (and the
/// process's locale with it) when the body ends. ncurses and the locale are process-wide:
/// only tests of a `.serialized` suite use it.
func withTerminal(
    width: Int = 40, height: Int = 8, type: String = "xterm-256color", locale: String = "C.UTF-8", theme: Theme = .default,
    environment: [String: String] = [:], _ body: (Terminal, PseudoTerminalPair) throws -> Void
) throws {
    let previousLocale = setlocale(LC_ALL, nil).map { String(cString: $0) } ?? "C"
    defer { setlocale(LC_ALL, previousLocale) }
    let pty = try PseudoTerminalPair(width: width, height: height)
    let terminal = try Terminal(theme: theme, input: pty.slave, output: pty.slave, terminalType: type, locale: locale, environment: environment)
    defer { terminal.stop() }
    _ = pty.sent()
    try body(terminal, pty)
}

/// One cell as ncurses holds it.
struct HeldCell: Equatable {
    var text: String
    var attributes: attr_t
    var pair: Int16
}

extension Terminal {
    func heldCell(x: Int, y: Int) -> HeldCell {
        var cell = cchar_t()
        _ = mvwin_wch(window, Int32(y), Int32(x), &cell)
        var characters = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        _ = getcchar(&cell, &characters, &attributes, &pair, nil)
        let scalars = characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return HeldCell(text: String(String.UnicodeScalarView(scalars)), attributes: attributes & airlock_a_attributes() & ~airlock_a_color(), pair: pair)
    }

    /// Row `y` as ncurses holds it, read with `mvwinnwstr`, trailing blanks removed.
    func heldRow(_ y: Int) -> String {
        var characters = [wchar_t](repeating: 0, count: size.width * 6 + 1)
        let count = mvwinnwstr(window, Int32(y), 0, &characters, Int32(characters.count - 1))
        guard count != ERR else { return "" }
        let scalars = characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        var row = String(String.UnicodeScalarView(scalars))
        while row.last == " " { row.removeLast() }
        return row
    }
}
