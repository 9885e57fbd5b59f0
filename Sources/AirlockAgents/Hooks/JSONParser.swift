/// Why some text is not the JSON expected, with the line it went wrong on.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
}

/// A strict JSON reader (RFC 8259) into `OrderedJSON`: no comments, no trailing commas,
/// strings that are valid UTF-8 with no lone surrogates, and a bound on nesting, so
/// hostile input fails with a line number instead of exhausting the stack.
public struct JSONParser {
    /// Deeper nesting than any settings file or hook event has.
    public static let maxDepth = 256

    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> OrderedJSON {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.offset == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> OrderedJSON {
        guard depth < Self.maxDepth else { throw error("nested more than \(Self.maxDepth) levels deep") }
        guard offset < bytes.count else { throw error("unexpected end of the text: expected a value") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected character \(shown(bytes[offset])): expected a value")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> OrderedJSON {
        offset += 1
        var members: [(key: String, value: OrderedJSON)] = []
        skipSpace()
        if peek(UInt8(ascii: "}")) { offset += 1; return .object(members) }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a key in double quotes") }
            let key = try string()
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after the key \(OrderedJSON.quoted(key))") }
            offset += 1
            skipSpace()
            members.append((key, try value(depth: depth + 1)))
            skipSpace()
            if peek(UInt8(ascii: ",")) { offset += 1; continue }
            if peek(UInt8(ascii: "}")) { offset += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> OrderedJSON {
        offset += 1
        var elements: [OrderedJSON] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) { offset += 1; return .array(elements) }
        while true {
            skipSpace()
            elements.append(try value(depth: depth + 1))
            skipSpace()
            if peek(UInt8(ascii: ",")) { offset += 1; continue }
            if peek(UInt8(ascii: "]")) { offset += 1; return .array(elements) }
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - offset >= expected.count, bytes[offset..<(offset + expected.count)].elementsEqual(expected) else {
            throw error("unexpected text: expected a value")
        }
        offset += expected.count
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = offset
        if peek(UInt8(ascii: "-")) { offset += 1 }
        let integer = offset
        let count = digits()
        guard count > 0 else { throw error("a number needs digits") }
        if count > 1, bytes[integer] == UInt8(ascii: "0") { throw error("a number may not start with 0") }
        if peek(UInt8(ascii: ".")) {
            offset += 1
            guard digits() > 0 else { throw error("expected digits after '.'") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            offset += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { offset += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func digits() -> Int {
        let start = offset
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
        return offset - start
    }

    // MARK: - Strings

    private mutating func string() throws(JSONSyntaxError) -> String {
        offset += 1
        var out: [UInt8] = []
        var run = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[run..<offset])
                offset += 1
                guard let text = String(validating: out, as: UTF8.self) else { throw error("a string is not valid UTF-8") }
                return text
            }
            if byte < 0x20 { throw error("a control character (\(shown(byte))) inside a string must be escaped") }
            if byte == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[run..<offset])
                try escape(into: &out)
                run = offset
                continue
            }
            offset += 1
        }
        throw error("a string is not closed")
    }

    private mutating func escape(into out: inout [UInt8]) throws(JSONSyntaxError) {
        offset += 1
        guard offset < bytes.count else { throw error("a string is not closed") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard peek(UInt8(ascii: "\\")), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                    throw error("a lone surrogate \\u\(String(scalar, radix: 16)) in a string")
                }
                offset += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("a lone surrogate \\u\(String(scalar, radix: 16)) in a string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("a lone surrogate \\u\(String(scalar, radix: 16)) in a string")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("\\u escape is not a character") }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error("unknown escape \\\(shown(byte)) in a string")
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw error("\\u needs four hex digits") }
        var value: UInt32 = 0
        for byte in bytes[offset..<(offset + 4)] {
            guard let digit = Self.hexValue(byte) else { throw error("\\u needs four hex digits") }
            value = value << 4 | digit
        }
        offset += 4
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: - Helpers

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            offset += 1
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        offset < bytes.count && bytes[offset] == byte
    }

    private func shown(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16)
    }

    private func error(_ message: String) -> JSONSyntaxError {
        // Lines inside strings are counted too: a string's newlines are escaped, so the
        // only raw newlines are between tokens, which `skipSpace` counted.
        JSONSyntaxError(line: line, message: message)
    }
}
