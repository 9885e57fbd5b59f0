import AirlockCore
import AirlockTUI
import CNcursesW
import Foundation
import Glibc

/// Why the terminal could not be started.
public struct TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
}

/// The one object that talks to ncurses: it draws `CellBuffer`s, reads keys, sets the
/// title and notifies. Use it from one thread only (ncurses is not thread-safe); call
/// `stop()` (or let it go) to give the terminal back as it was.
///
/// ```swift
/// let terminal = try Terminal(theme: ThemeCatalog().themeOrDefault(named: name).theme)
/// defer { terminal.stop() }
/// while running {
///     terminal.draw(render(state, terminal.size))
///     // Waits for a key at most 200 ms, so live data is drawn between keys.
///     if let input = terminal.nextInput(timeoutMilliseconds: 200) { handle(input) }
/// }
/// ```
public final class Terminal {
    public let capabilities: TerminalCapabilities
    public private(set) var theme: Theme

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    /// The descriptor ncurses writes to; the adapter's own sequences go there too, after
    /// ncurses has flushed.
    let outputDescriptor: Int32
    /// Set by `stop()`: ncurses' screen is gone, so every call after it does nothing.
    private(set) var stopped = false
    private var suspended = false

    var palette: StylePalette
    /// A resize that arrived while a paste was being read, reported next.
    var pendingResize = false
    /// The title the person had was saved (XTWINOPS 22) before the first one we set, to be
    /// put back (23) when we stop.
    var titleSaved = false
    /// Most characters a paste keeps; the rest is read and dropped, never taken as keys.
    public var pasteLimit = 1 << 20
    /// How `notify(title:body:)` reaches the person (the config's `cockpit.notifications`).
    public var notificationStyle = NotificationStyle.off
    /// Whether the terminal's mouse prefix (`kmous`) is SGR's `\e[<`.
    let mouseReportsAreSGR: Bool

    /// Bracketed paste: the terminal wraps pasted text in `\e[200~` … `\e[201~`.
    static let bracketedPasteOn = "\u{1b}[?2004h"
    static let bracketedPasteOff = "\u{1b}[?2004l"

    /// Starts ncurses on `input`/`output` (by default the controlling terminal, else
    /// standard input and output when they are terminals). `terminalType` overrides
    /// `TERM`; `locale` is given to `setlocale` first (`""` is the environment's).
    public init(
        theme: Theme, input: Int32? = nil, output: Int32? = nil, terminalType: String? = nil, locale: String = "",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TerminalError) {
        setlocale(LC_ALL, locale)
        let (inputDescriptor, outputDescriptor) = try Self.descriptors(input: input, output: output)
        guard let inputFile = fdopen(inputDescriptor, "r") else {
            close(inputDescriptor)
            close(outputDescriptor)
            throw TerminalError(description: "cannot open the terminal's input")
        }
        guard let outputFile = fdopen(outputDescriptor, "w") else {
            fclose(inputFile)
            close(outputDescriptor)
            throw TerminalError(description: "cannot open the terminal's output")
        }
        let type = terminalType ?? environment["TERM"] ?? "dumb"
        var originalModes = termios()
        let haveModes = tcgetattr(outputDescriptor, &originalModes) == 0
        let originalHandlers = FatalSignals.dispositions()
        guard let screen = type.withCString({ newterm($0, outputFile, inputFile) }) else {
            fclose(inputFile)
            fclose(outputFile)
            throw TerminalError(description: "ncurses cannot drive a terminal of type \(VisibleText.escape(type))")
        }
        _ = set_term(screen)
        guard let window = airlock_stdscr() else {
            endwin()
            delscreen(screen)
            fclose(inputFile)
            fclose(outputFile)
            throw TerminalError(description: "ncurses has no screen")
        }
        self.screen = screen
        self.window = window
        self.inputFile = inputFile
        self.outputFile = outputFile
        self.outputDescriptor = outputDescriptor
        self.theme = theme
        mouseReportsAreSGR = "kmous".withCString { name in
            guard let value = tigetstr(UnsafeMutablePointer(mutating: name)), airlock_is_string_capability(value) != 0 else { return false }
            return String(cString: value).hasSuffix("<")
        }

        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        Self.defineNormalModeKeys()
        _ = set_escdelay(25)
        _ = curs_set(0)
        // The cursor is hidden: ncurses need not bring it back after each update.
        _ = leaveok(window, true)
        // Lets ncurses insert and delete lines where it cannot scroll a region; on xterm
        // it scrolls a region either way (97 bytes to scroll a 120×40 list by one line).
        _ = idlok(window, true)
        if has_colors() {
            _ = start_color()
            _ = use_default_colors()
        }
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let statusLine = "hs".withCString { tigetflag($0) } > 0
        capabilities = TerminalCapabilities.decide(
            codeset: codeset, hasColours: has_colors(), colourCount: Int(airlock_colors()), terminalName: type,
            hasStatusLine: statusLine, environment: environment)
        palette = StylePalette(theme: theme, depth: capabilities.colours, pairLimit: Int(airlock_color_pairs()))

        write(Self.bracketedPasteOn)
        FatalSignals.install(descriptor: outputDescriptor, restore: Self.restoreSequence(), modes: haveModes ? originalModes : nil, replacing: originalHandlers)
    }

    deinit {
        stop()
    }

    /// Gives the terminal back: bracketed paste off, ncurses ended, modes restored.
    /// Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        _ = set_term(screen)
        if titleSaved { write("\u{1b}[23;0t") }
        write(Self.bracketedPasteOff)
        stopped = true
        endwin()
        FatalSignals.uninstall()
        delscreen(screen)
        fclose(inputFile)
        fclose(outputFile)
    }

    /// The screen's size in cells, as ncurses last learned it.
    public var size: Size {
        guard !stopped else { return Size(width: 0, height: 0) }
        return Size(width: Int(airlock_getmaxx(window)), height: Int(airlock_getmaxy(window)))
    }

    /// Draws with `theme` from now on.
    public func setTheme(_ theme: Theme) {
        self.theme = theme
        guard !stopped else { return }
        palette = StylePalette(theme: theme, depth: capabilities.colours, pairLimit: Int(airlock_color_pairs()))
        _ = redrawwin(window)
    }

    /// Gives the terminal to `body` (an editor): ncurses steps aside, and the whole screen
    /// is drawn again afterwards.
    public func suspend(_ body: () -> Void) {
        guard !stopped, !suspended else { return body() }
        suspended = true
        _ = def_prog_mode()
        write(Self.bracketedPasteOff)
        endwin()
        body()
        suspended = false
        _ = reset_prog_mode()
        write(Self.bracketedPasteOn)
        _ = redrawwin(window)
        _ = wrefresh(window)
    }

    /// Cursor keys as terminals send them outside application mode (`\e[A` where
    /// terminfo says `\eOA`), for terminals and multiplexers that ignore `smkx`.
    private static func defineNormalModeKeys() {
        let keys: [(String, Int32)] = [
            ("\u{1b}[A", KEY_UP), ("\u{1b}[B", KEY_DOWN), ("\u{1b}[C", KEY_RIGHT), ("\u{1b}[D", KEY_LEFT),
            ("\u{1b}[H", KEY_HOME), ("\u{1b}[F", KEY_END), ("\u{1b}OH", KEY_HOME), ("\u{1b}OF", KEY_END),
            ("\u{1b}[1~", KEY_HOME), ("\u{1b}[4~", KEY_END), ("\u{1b}[Z", KEY_BTAB),
        ]
        for (sequence, code) in keys where sequence.withCString({ key_defined($0) }) == 0 {
            _ = sequence.withCString { define_key($0, code) }
        }
    }

    // MARK: - Output of our own

    /// Writes bytes straight to the terminal once ncurses has flushed what it holds, for
    /// sequences that change nothing on the screen ncurses keeps track of.
    func write(_ text: String) {
        guard !stopped else { return }
        fflush(outputFile)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(outputDescriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// What a fatal signal's handler writes before the process dies: attributes off,
    /// cursor shown, keypad mode and bracketed paste off, the main screen back.
    private static func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for name in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = name.withCString({ tigetstr(UnsafeMutablePointer(mutating: $0)) }),
                airlock_is_string_capability(value) != 0
            else { continue }
            bytes += Array(String(cString: value).utf8)
        }
        return bytes + Array(bracketedPasteOff.utf8)
    }

    /// The descriptors to use, duplicated so closing the streams leaves the caller's open.
    private static func descriptors(input: Int32?, output: Int32?) throws(TerminalError) -> (Int32, Int32) {
        if let input, let output { return try duplicates(input, output) }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if tty >= 0 {
            defer { close(tty) }
            return try duplicates(tty, tty)
        }
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError(description: "not a terminal: the cockpit needs one") }
        return try duplicates(0, 1)
    }

    /// Copies of two descriptors, closed in the programs the cockpit starts (an editor).
    private static func duplicates(_ input: Int32, _ output: Int32) throws(TerminalError) -> (Int32, Int32) {
        let i = fcntl(input, F_DUPFD_CLOEXEC, 0)
        let o = fcntl(output, F_DUPFD_CLOEXEC, 0)
        guard i >= 0, o >= 0 else {
            if i >= 0 { close(i) }
            if o >= 0 { close(o) }
            throw TerminalError(description: "cannot use the terminal: \(String(cString: strerror(errno)))")
        }
        return (i, o)
    }
}
