import AirlockTUI
import CNcursesW
import Glibc

extension Terminal {
    /// How long the rest of an escape sequence may take to arrive once it has begun.
    static let sequenceGapMilliseconds: Int32 = 50
    /// How long a paste may pause before it is taken as ended without its closing marker.
    static let pasteGapMilliseconds: Int32 = 1000

    /// The next key, paste or resize, waiting at most `timeoutMilliseconds` (negative:
    /// forever); nil when nothing came. Escape sequences ncurses does not know are read
    /// to their end and dropped, so none is ever misread as keys.
    public func nextInput(timeoutMilliseconds: Int) -> TerminalInput? {
        guard !stopped else { return nil }
        if pendingResize {
            pendingResize = false
            return .resize(size)
        }
        let deadline = timeoutMilliseconds < 0 ? nil : Self.now() + timeoutMilliseconds
        while true {
            let wait = deadline.map { max(0, $0 - Self.now()) } ?? -1
            // ERR before the deadline is a byte sequence the locale cannot decode, skipped.
            if let read = read(timeoutMilliseconds: Int32(clamping: wait)) {
                if let input = decode(read) { return input }
            } else if deadline == nil {
                return nil
            }
            if let deadline, Self.now() >= deadline { return nil }
        }
    }

    /// Drops whatever was typed and not yet read (before a dialog that a stray key must
    /// not answer).
    public func discardTypeAhead() {
        guard !stopped else { return }
        _ = flushinp()
        pendingResize = false
    }

    // MARK: - Decoding

    enum Read: Equatable {
        case code(Int32)
        case character(UInt32)
    }

    private func decode(_ read: Read) -> TerminalInput? {
        switch read {
        case .code(KEY_RESIZE):
            return .resize(size)
        case .code(KEY_MOUSE):
            // Mouse reporting is never turned on, but a report left by another program
            // must not turn into keys.
            skipMouseReport()
            return nil
        case .code(let code):
            return KeyCodes.key(code: code).map { .key($0) }
        case .character(0x1B):
            return escapeSequence()
        case .character(let value):
            // Outside a UTF-8 locale a character past ASCII is a stray byte of one.
            guard capabilities.unicode || value < 0x80 else { return nil }
            return KeyCodes.key(character: value).map { .key($0) }
        }
    }

    /// After an ESC ncurses did not turn into a key: Esc alone, or the rest of a sequence
    /// it does not know (read and dropped), or the start of a paste.
    private func escapeSequence() -> TerminalInput? {
        // ncurses has waited ESCDELAY already: what belongs to the sequence is here.
        guard let next = read(timeoutMilliseconds: 0) else { return .key(.escape) }
        switch next {
        case .character(0x5B):  // [ CSI
            let body = controlSequenceBody()
            return body == "200~" ? paste() : nil
        case .character(0x4F):  // O SS3: one more character names the key
            _ = read(timeoutMilliseconds: Self.sequenceGapMilliseconds)
            return nil
        case .character(0x5D), .character(0x50), .character(0x5F), .character(0x5E), .character(0x58):  // ] P _ ^ X
            skipControlString()
            return nil
        case .character(0x1B):
            // Esc pressed twice: the first is a key, the second starts over.
            _ = unget_wch(wchar_t(0x1B))
            return .key(.escape)
        default:
            // Alt with a key, or Esc typed just before one: there is no Alt in `Key`,
            // and taking it as Esc and then the key could run a command not meant.
            return nil
        }
    }

    /// The parameters and final byte of a CSI sequence (`200~`), at most 64 characters.
    private func controlSequenceBody() -> String {
        var body = ""
        while body.count < 64, let read = read(timeoutMilliseconds: Self.sequenceGapMilliseconds) {
            guard case .character(let value) = read, let scalar = Unicode.Scalar(value) else { return body }
            body.unicodeScalars.append(scalar)
            if (0x40...0x7E).contains(value) { return body }
        }
        return body
    }

    /// An OSC, DCS, APC, PM or SOS string: up to BEL or ESC \ (bounded).
    private func skipControlString() {
        var previous: UInt32 = 0
        for _ in 0..<4096 {
            guard let read = read(timeoutMilliseconds: Self.sequenceGapMilliseconds), case .character(let value) = read else { return }
            if value == 0x07 || value == 0x9C || (previous == 0x1B && value == 0x5C) { return }
            previous = value
        }
    }

    /// The rest of a mouse report after the prefix ncurses matched: `0;12;5M` when the
    /// terminal's `kmous` is the SGR `\e[<`, else three bytes.
    private func skipMouseReport() {
        guard mouseReportsAreSGR else {
            for _ in 0..<3 { _ = read(timeoutMilliseconds: Self.sequenceGapMilliseconds) }
            return
        }
        for _ in 0..<32 {
            guard let read = read(timeoutMilliseconds: Self.sequenceGapMilliseconds), case .character(let value) = read else { return }
            if value == 0x4D || value == 0x6D { return }  // M m
        }
    }

    /// Text between `\e[200~` and `\e[201~`, read with the keypad off so that escape
    /// sequences in it stay text instead of turning into keys.
    private func paste() -> TerminalInput {
        _ = keypad(window, false)
        defer { _ = keypad(window, true) }
        let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var scalars: [Unicode.Scalar] = []
        var tail: [UInt32] = []
        while let read = read(timeoutMilliseconds: Self.pasteGapMilliseconds) {
            guard case .character(let value) = read else {
                if read == .code(KEY_RESIZE) { pendingResize = true }
                continue
            }
            tail.append(value)
            if tail.count > end.count { tail.removeFirst() }
            if tail == end {
                // The marker's first characters went into the text: take them out.
                let start = end.dropLast().compactMap(Unicode.Scalar.init)
                if scalars.suffix(start.count).elementsEqual(start) { scalars.removeLast(start.count) }
                break
            }
            if scalars.count < pasteLimit, let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        var text = String(String.UnicodeScalarView(scalars))
        // Terminals send a pasted line break as CR.
        text = text.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
        return .paste(String(text.map { $0 == "\r" ? "\n" : $0 }))
    }

    // MARK: - Reading

    /// One `wget_wch`, waiting at most `timeoutMilliseconds` (negative: forever).
    func read(timeoutMilliseconds: Int32) -> Read? {
        wtimeout(window, timeoutMilliseconds)
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case KEY_CODE_YES: return .code(Int32(bitPattern: value))
        case OK: return .character(UInt32(value))
        default: return nil
        }
    }

    private static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec * 1000 + time.tv_nsec / 1_000_000
    }
}
