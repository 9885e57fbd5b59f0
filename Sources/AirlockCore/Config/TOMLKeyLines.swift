/// The line on which each key, table header and array element of a TOML document starts,
/// found by scanning its text: TOMLKit's values carry no source positions. Meant for text
/// TOMLKit has already accepted; on anything else it still terminates, with fewer entries.
public struct TOMLKeyLines: Sendable {
    /// Paths are key components; an array element is the component `[n]`.
    private var lines: [[String]: Int]

    public init(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        scanner.document()
        lines = scanner.found
    }

    /// The line of `path`, or of its longest prefix that has one (the keys of an inline
    /// table share their table's line when they were not found themselves).
    public func line(of path: [String]) -> Int? {
        var path = path[...]
        while !path.isEmpty {
            if let line = lines[Array(path)] { return line }
            path = path.dropLast()
        }
        return nil
    }

    public static func element(_ index: Int) -> String { "[\(index)]" }
}

// MARK: - Scanning

private struct Scanner {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var found: [[String]: Int] = [:]
    /// How many `[[name]]` headers each array of tables has had so far.
    var elements: [[String]: Int] = [:]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() {
        var table: [String] = []
        while true {
            skipTrivia(newlines: true)
            guard let byte = peek() else { return }
            let start = index
            if byte == Self.openBracket {
                let headerLine = line
                let isArrayOfTables = peek(1) == Self.openBracket
                advance(isArrayOfTables ? 2 : 1)
                table = key()
                record(table, headerLine)
                if isArrayOfTables {
                    // `[[tests]]` opens element n of the array `tests`: its keys are `tests.[n].key`.
                    let index = elements[table, default: 0]
                    elements[table] = index + 1
                    table.append(TOMLKeyLines.element(index))
                    record(table, headerLine)
                }
            } else {
                keyValue(in: table)
            }
            skipLine()
            if index == start { advance() }
        }
    }

    private mutating func keyValue(in prefix: [String]) {
        let keyLine = line
        let path = prefix + key()
        record(path, keyLine)
        skipTrivia(newlines: false)
        if peek() == Self.equals { advance() }
        skipTrivia(newlines: false)
        value(at: path)
    }

    /// A dotted key: bare, "basic" and 'literal' parts.
    private mutating func key() -> [String] {
        var parts: [String] = []
        while true {
            skipTrivia(newlines: false)
            guard let byte = peek() else { break }
            switch byte {
            case Self.doubleQuote: parts.append(basicString())
            case Self.singleQuote: parts.append(literalString())
            default:
                let start = index
                while let b = peek(), Self.isBare(b) { advance() }
                guard index > start else { return parts }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipTrivia(newlines: false)
            guard peek() == Self.dot else { break }
            advance()
        }
        return parts
    }

    private mutating func value(at path: [String]) {
        guard let byte = peek() else { return }
        switch byte {
        case Self.doubleQuote, Self.singleQuote:
            skipString()
        case Self.openBracket:
            advance()
            var element = 0
            while true {
                skipTrivia(newlines: true)
                guard let next = peek(), next != Self.closeBracket else { break }
                let start = index
                let elementPath = path + [TOMLKeyLines.element(element)]
                record(elementPath, line)
                value(at: elementPath)
                skipTrivia(newlines: true)
                if peek() == Self.comma { advance() }
                element += 1
                if index == start { advance() }
            }
            advance()
        case Self.openBrace:
            advance()
            while true {
                skipTrivia(newlines: true)
                guard let next = peek(), next != Self.closeBrace else { break }
                let start = index
                keyValue(in: path)
                skipTrivia(newlines: true)
                if peek() == Self.comma { advance() }
                if index == start { advance() }
            }
            advance()
        default:
            // Numbers, booleans, dates (which may hold a space): up to a delimiter.
            while let b = peek(), !Self.endsScalar(b) { advance() }
        }
    }

    // MARK: - Strings

    private mutating func basicString() -> String {
        advance()
        var out: [UInt8] = []
        while let byte = peek(), byte != Self.doubleQuote, byte != Self.newline {
            advance()
            guard byte == Self.backslash, let escaped = peek() else { out.append(byte); continue }
            advance()
            switch escaped {
            case UInt8(ascii: "n"): out.append(Self.newline)
            case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "e"): out.append(0x1B)
            case UInt8(ascii: "u"): out += unicodeEscape(digits: 4)
            case UInt8(ascii: "U"): out += unicodeEscape(digits: 8)
            default: out.append(escaped)
            }
        }
        advance()
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func unicodeEscape(digits: Int) -> [UInt8] {
        let end = min(index + digits, bytes.count)
        let hex = String(decoding: bytes[index..<end], as: UTF8.self)
        advance(end - index)
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { return [] }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func literalString() -> String {
        advance()
        let start = index
        while let byte = peek(), byte != Self.singleQuote, byte != Self.newline { advance() }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        advance()
        return text
    }

    /// Any string value, multi-line ones included.
    private mutating func skipString() {
        guard let quote = peek() else { return }
        if peek(1) == quote, peek(2) == quote {
            advance(3)
            while index < bytes.count {
                if quote == Self.doubleQuote, peek() == Self.backslash { advance(2); continue }
                if peek() == quote, peek(1) == quote, peek(2) == quote {
                    advance(3)
                    // Up to two more quotes may close the content itself (`""""" `).
                    while peek() == quote { advance() }
                    return
                }
                advance()
            }
        } else if quote == Self.doubleQuote {
            _ = basicString()
        } else {
            _ = literalString()
        }
    }

    // MARK: - Bytes

    private mutating func skipTrivia(newlines: Bool) {
        while let byte = peek() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                advance()
            } else if newlines && (byte == Self.newline || byte == UInt8(ascii: "\r")) {
                advance()
            } else if byte == UInt8(ascii: "#") {
                while let b = peek(), b != Self.newline { advance() }
            } else {
                return
            }
        }
    }

    /// The rest of a line after a header or key/value: closing brackets, a comment.
    private mutating func skipLine() {
        while let byte = peek(), byte != Self.newline { advance() }
    }

    private mutating func record(_ path: [String], _ line: Int) {
        if found[path] == nil { found[path] = line }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            if bytes[index] == Self.newline { line += 1 }
            index += 1
        }
    }

    private static func isBare(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        byte == comma || byte == closeBracket || byte == closeBrace || byte == UInt8(ascii: "#")
            || byte == newline || byte == UInt8(ascii: "\r")
    }

    private static let newline = UInt8(ascii: "\n")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let singleQuote = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let equals = UInt8(ascii: "=")
    private static let comma = UInt8(ascii: ",")
    private static let dot = UInt8(ascii: ".")
}
