/// The last few KiB an agent printed, with terminal escape sequences and control
/// characters taken out, as the cockpit's agents pane shows it. A carriage return starts
/// the line again, so a progress bar leaves its last state, not every frame.
public struct OutputTail: Sendable {
    public let limit: Int
    private var bytes: [UInt8] = []
    private var state = Escape.none
    /// A carriage return not yet followed by anything: before a newline it is the end of
    /// the line (a terminal's CRLF), before text it rewrites the line.
    private var pendingReturn = false
    /// Set by every change; the reporter clears it.
    public private(set) var changed = false

    private enum Escape { case none, escape, csi, string, stringEscape }

    public init(limit: Int = 4096) {
        self.limit = limit
    }

    public mutating func append(_ chunk: some Sequence<UInt8>) {
        for byte in chunk { take(byte) }
        if bytes.count > limit {
            var cut = bytes.count - limit
            // Not in the middle of a UTF-8 sequence.
            while cut < bytes.count && bytes[cut] & 0xC0 == 0x80 { cut += 1 }
            bytes.removeFirst(cut)
        }
    }

    /// The tail as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func markReported() {
        changed = false
    }

    private mutating func clearLine() {
        if let start = bytes.lastIndex(of: UInt8(ascii: "\n")) {
            bytes.removeSubrange((start + 1)...)
        } else {
            bytes.removeAll()
        }
        changed = true
    }

    private mutating func take(_ byte: UInt8) {
        switch state {
        case .escape:
            switch byte {
            case UInt8(ascii: "["): state = .csi
            case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "X"): state = .string
            case 0x20...0x2F: break  // intermediate bytes of a two-byte escape (ESC ( B)
            default: state = .none
            }
        case .csi:
            if (0x40...0x7E).contains(byte) { state = .none }
        case .string:
            if byte == 0x07 { state = .none } else if byte == 0x1B { state = .stringEscape }
        case .stringEscape:
            state = byte == UInt8(ascii: "\\") ? .none : .string
        case .none:
            if pendingReturn && byte != UInt8(ascii: "\r") {
                pendingReturn = false
                if byte != UInt8(ascii: "\n") { clearLine() }
            }
            switch byte {
            case 0x1B: state = .escape
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                bytes.append(byte)
                changed = true
            case UInt8(ascii: "\r"):
                pendingReturn = true
            case 0x08:
                if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.removeLast() }
            case 0..<0x20, 0x7F:
                break
            default:
                bytes.append(byte)
                changed = true
            }
        }
    }
}
