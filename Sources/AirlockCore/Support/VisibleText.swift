/// Agent-provided text made safe for a terminal: control characters, escape sequences,
/// bidirectional overrides and characters that hide or pass for others (zero-width and
/// default-ignorable code points, Hangul fillers, the blank braille pattern, spaces other
/// than U+0020, variation selectors, strike-through and enclosing combining marks) become
/// visible placeholders, so nothing an agent wrote can move the cursor, recolour the
/// screen, reorder what a reviewer reads or hide a character in plain sight. Accented
/// letters, CJK and emoji stay as they are, except that an emoji's presentation selector
/// U+FE0F shows as `\u{fe0f}`: it is a variation selector like the others, and telling
/// the harmless one from the hostile ones is not worth the risk.
public enum VisibleText {
    /// `\e[31m` becomes `\x1b[31m`; tabs stay when `keepTabs` is set; newlines become `\n`;
    /// other escaped code points show as `\u{202e}`.
    public static func escape(_ text: String, keepTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepTabs: keepTabs) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepTabs: keepTabs) {
                out += placeholder(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Bytes that may not be UTF-8: invalid sequences show as `\xNN` too.
    public static func escape(bytes: some Collection<UInt8>, keepTabs: Bool = false) -> String {
        let all = Array(bytes)
        if let text = String(validating: all, as: UTF8.self) { return escape(text, keepTabs: keepTabs) }
        var out = ""
        var offset = 0
        while offset < all.count {
            let length = validSequenceLength(all, at: offset)
            if length == 0 {
                out += hex(all[offset])
                offset += 1
            } else {
                out += escape(String(decoding: all[offset..<(offset + length)], as: UTF8.self), keepTabs: keepTabs)
                offset += length
            }
        }
        return out
    }

    /// Appends stored text, escaped as `escape(bytes:)` escapes it, and returns how many
    /// characters it shows, for aligning columns. Printable ASCII, nearly all of a listing,
    /// is copied as it is.
    @discardableResult
    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], keepTabs: Bool = false) -> Int {
        if bytes.allSatisfy({ (0x20...0x7E).contains($0) }) {
            out.append(contentsOf: bytes)
            return bytes.count
        }
        let text = escape(bytes: bytes, keepTabs: keepTabs)
        out.append(contentsOf: text.utf8)
        return text.count
    }

    /// Length of the well-formed UTF-8 sequence at `offset`, or 0.
    private static func validSequenceLength(_ bytes: [UInt8], at offset: Int) -> Int {
        let lead = bytes[offset]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard offset + length <= bytes.count else { return 0 }
        return String(validating: bytes[offset..<(offset + length)], as: UTF8.self) == nil ? 0 : length
    }

    /// Controls (C0, DEL, C1), format characters (bidirectional overrides, zero-width
    /// joiners, BOM), line and paragraph separators, private-use and unassigned code
    /// points, and `HiddenScalars`: anything that moves the cursor, reorders text or hides
    /// a character.
    static func needsEscape(_ scalar: Unicode.Scalar, keepTabs: Bool) -> Bool {
        if scalar == "\t" { return !keepTabs }
        // Printable ASCII, nearly all of a listing, needs no Unicode table lookup.
        if (0x20...0x7E).contains(scalar.value) { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .enclosingMark, .privateUse, .surrogate, .unassigned:
            return true
        default:
            return scalar == "\u{FFFD}"  // a replaced invalid byte must not pass for text
                || HiddenScalars.contains(scalar)
        }
    }

    private static func placeholder(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        // C0, DEL and C1 as the byte they are; U+00A0 and above as code points, so that
        // U+00AD is not read as the invalid byte 0xAD.
        case 0...0x9F: return hex(UInt8(scalar.value))
        default: return "\\u{\(String(scalar.value, radix: 16))}"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }
}
