extension LinterJSON {
    /// The value as JSON text with object keys sorted by their UTF-8 bytes: the same value
    /// always gives the same bytes. Whole numbers are written without a fraction, and every
/// character `VisibleText` would escape (C1 controls, bidi overrides, zero-width
/// characters) is written as a `\u` escape: the same string to a JSON reader, and no
/// surprise to a terminal that the export is printed on.
    func canonicalBytes() -> [UInt8] {
        var out: [UInt8] = []
        append(to: &out)
        return out
    }

    private func append(to out: inout [UInt8]) {
        switch self {
        case .null:
            out += Array("null".utf8)
        case .bool(let value):
            out += Array((value ? "true" : "false").utf8)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 {
                CanonicalJSON.appendInteger(Int64(value), to: &out)
            } else if value.isFinite {
                out += Array(String(value).utf8)
            } else {
                out += Array("null".utf8)
            }
        case .string(let text):
            Self.appendTerminalSafe(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.append(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                CanonicalJSON.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                members[key, default: .null].append(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

extension LinterJSON {
    private static func appendTerminalSafe(_ text: String, to out: inout [UInt8]) {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x7F && VisibleText.needsEscape($0, keepTabs: true) }) else {
            CanonicalJSON.appendString(text, to: &out)
            return
        }
        out.append(UInt8(ascii: "\""))
        var run = ""
        var quoted: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.value >= 0x7F, VisibleText.needsEscape(scalar, keepTabs: true) else {
                run.unicodeScalars.append(scalar)
                continue
            }
            // The run before it, escaped as CanonicalJSON escapes, without its quotes.
            quoted.removeAll(keepingCapacity: true)
            CanonicalJSON.appendString(run, to: &quoted)
            out += quoted.dropFirst().dropLast()
            run = ""
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            }
        }
        quoted.removeAll(keepingCapacity: true)
        CanonicalJSON.appendString(run, to: &quoted)
        out += quoted.dropFirst().dropLast()
        out.append(UInt8(ascii: "\""))
    }
}
