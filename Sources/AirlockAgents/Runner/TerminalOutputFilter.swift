/// What of an agent's output may reach the user's terminal as it is. An interactive agent
/// needs its colours, cursor moves and titles, so those pass; what would let it act on the
/// user's machine through the terminal does not: OSC 52 (writing, or asking for, the
/// clipboard — a command pasted later) and device control, application program command,
/// privacy message and start-of-string strings (DCS, APC, PM, SOS), with which a terminal
/// can be made to answer into the agent's input or load what it is sent.
///
/// A stream filter: a sequence split across reads is recognised whole. Strings end at ST
/// (`ESC \`), BEL, CAN or SUB; a dropped one is dropped up to there, however long.
struct TerminalOutputFilter {
    private enum State {
        case ground
        /// After ESC.
        case escape
        /// After `ESC ]`, reading the OSC's number.
        case oscNumber([UInt8])
        /// Inside an OSC that passes.
        case oscPassing
        /// Inside a string that is dropped.
        case dropping
        /// ESC inside an OSC or a dropped string: ST if `\` follows.
        case stringEscape(dropping: Bool)
    }

    private var state = State.ground

    private static let esc: UInt8 = 0x1B, bel: UInt8 = 0x07, can: UInt8 = 0x18, sub: UInt8 = 0x1A
    private static let droppedIntroducers: Set<UInt8> = [UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "X")]

    /// The bytes of `chunk` that may go to the terminal.
    mutating func pass(_ chunk: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chunk.count)
        for byte in chunk {
            switch state {
            case .ground:
                if byte == Self.esc { state = .escape } else { out.append(byte) }
            case .escape:
                if byte == UInt8(ascii: "]") {
                    state = .oscNumber([])
                } else if Self.droppedIntroducers.contains(byte) {
                    state = .dropping
                } else if byte == Self.esc {
                    out.append(Self.esc)
                } else {
                    out += [Self.esc, byte]
                    state = .ground
                }
            case .oscNumber(var number):
                if (0x30...0x39).contains(byte) && number.count < 8 {
                    number.append(byte)
                    state = .oscNumber(number)
                } else if number == Array("52".utf8) {
                    state = .dropping
                    if ends(byte) { state = .ground }
                } else {
                    out += [Self.esc, UInt8(ascii: "]")] + number
                    state = .oscPassing
                    passInString(byte, into: &out)
                }
            case .oscPassing:
                passInString(byte, into: &out)
            case .dropping:
                if byte == Self.esc { state = .stringEscape(dropping: true) } else if ends(byte) { state = .ground }
            case .stringEscape(let dropping):
                if !dropping { out += [Self.esc, byte] }
                if byte == UInt8(ascii: "\\") {
                    state = .ground
                } else if byte == Self.esc {
                    state = .stringEscape(dropping: dropping)
                    if !dropping { out.removeLast() }
                } else if ends(byte) {
                    state = .ground
                } else {
                    state = dropping ? .dropping : .oscPassing
                }
            }
        }
        return out
    }

    private func ends(_ byte: UInt8) -> Bool {
        byte == Self.bel || byte == Self.can || byte == Self.sub
    }

    private mutating func passInString(_ byte: UInt8, into out: inout [UInt8]) {
        if byte == Self.esc {
            state = .stringEscape(dropping: false)
            return
        }
        out.append(byte)
        if ends(byte) { state = .ground }
    }
}
