/// git's C-style quoting of path names: `"a/caf\303\251 \"x\".txt"`.
enum GitPathQuoting {
    /// Whether git quotes this name (with `core.quotePath` on, as by default).
    static func needsQuoting(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }
    }

    /// The name as git writes it: unchanged, or quoted with C escapes and octal bytes.
    static func quote(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard needsQuoting(bytes) else { return name }
        var out: [UInt8] = [0x22]
        for byte in bytes {
            switch byte {
            case 0x07: out += Array(#"\a"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0B: out += Array(#"\v"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case let b where b < 0x20 || b >= 0x7F:
                out.append(0x5C)
                out.append(0x30 + (b >> 6))
                out.append(0x30 + ((b >> 3) & 7))
                out.append(0x30 + (b & 7))
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads a quoted name starting at `start` (which must be `"`); returns the unescaped
    /// bytes and the offset just past the closing quote, or nil if it is not well formed.
    static func unquote(_ text: Bytes, from start: Int, to end: Int) -> (bytes: [UInt8], next: Int)? {
        guard start < end, text[start] == 0x22 else { return nil }
        var out: [UInt8] = []
        var i = start + 1
        while i < end {
            let c = text[i]
            if c == 0x22 { return (out, i + 1) }
            if c == 0x0A { return nil }
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < end else { return nil }
            let e = text[i]
            switch e {
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "r"): out.append(0x0D)
            case 0x22, 0x5C: out.append(e)
            case UInt8(ascii: "0")...UInt8(ascii: "3"):
                guard i + 2 < end else { return nil }
                let d1 = text[i + 1], d2 = text[i + 2]
                guard (0x30...0x37).contains(d1), (0x30...0x37).contains(d2) else { return nil }
                out.append(((e - 0x30) << 6) | ((d1 - 0x30) << 3) | (d2 - 0x30))
                i += 2
            default: return nil
            }
            i += 1
        }
        return nil
    }
}
