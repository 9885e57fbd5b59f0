/// A small, strict XML reader for result files, written here rather than linking libxml2.
///
/// It reads elements, attributes, text, CDATA, comments, processing instructions, the five
/// predefined entities and numeric character references, in UTF-8 (a BOM is fine) or
/// ISO-8859-1 when the declaration says so. It expands no other entity: a DOCTYPE that
/// declares entities is refused (no billion laughs), a DOCTYPE without them is skipped
/// unread (no external fetches). Nesting is capped, and the work is linear in the input.
struct XMLReader {
    /// How deep elements may nest; result files need five or six levels.
    static let maximumDepth = 256

    /// Why the input is not well-formed, and where that was seen (`line` and `column` are
    /// 1-based and filled in by `parse`).
    struct Failure: Error, Equatable {
        var offset: Int
        var reason: String
        var line = 0
        var column = 0
    }

    private let bytes: [UInt8]
    private let lines: LineIndex
    private var index = 0

    private init(_ bytes: [UInt8], lines: LineIndex) {
        self.bytes = bytes
        self.lines = lines
    }

    /// Parses a whole document.
    static func parse(_ input: [UInt8]) throws(Failure) -> XMLTree {
        let bytes = try XMLEncoding.utf8(input)
        let lines = LineIndex(bytes)
        var reader = XMLReader(bytes, lines: lines)
        do {
            let root = try reader.document()
            return XMLTree(root: root, lines: lines)
        } catch {
            var located = error
            (located.line, located.column) = lines.location(of: error.offset)
            throw located
        }
    }

    // MARK: - Document

    private mutating func document() throws(Failure) -> XMLTree.Element {
        if bytes.starts(with: XMLEncoding.byteOrderMark) { index = 3 }
        var sawDoctype = false
        while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw Failure(offset: index, reason: bytes.allSatisfy(Self.isWhitespace) ? "the file is empty" : "there is no root element")
            }
            if starts(with: "<?") {
                try skipInstruction()
            } else if starts(with: "<!--") {
                try skipComment()
            } else if starts(with: "<!DOCTYPE") {
                guard !sawDoctype else { throw Failure(offset: index, reason: "a second DOCTYPE") }
                sawDoctype = true
                try skipDoctype()
            } else if bytes[index] == UInt8(ascii: "<") {
                break
            } else {
                throw Failure(offset: index, reason: "text before the root element: this is not XML")
            }
        }
        let root = try elements()
        while true {
            skipWhitespace()
            guard index < bytes.count else { return root }
            if starts(with: "<?") {
                try skipInstruction()
            } else if starts(with: "<!--") {
                try skipComment()
            } else {
                throw Failure(offset: index, reason: "content after the root element </\(root.name)>")
            }
        }
    }

    /// An open element: what it has gathered until its end tag.
    private struct Open {
        var element: XMLTree.Element
        var text: [UInt8] = []
    }

    /// The root element and everything inside it, read with an explicit stack (no recursion).
    private mutating func elements() throws(Failure) -> XMLTree.Element {
        var stack: [Open] = []
        while true {
            guard index < bytes.count else {
                guard let innermost = stack.last else { throw Failure(offset: index, reason: "the file ends before the root element") }
                throw Failure(offset: index, reason: "the file ends inside <\(innermost.element.name)> (opened at line \(lines.line(of: innermost.element.offset))): it is truncated")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if starts(with: "</") {
                    let start = index
                    index += 2
                    let name = try readName()
                    skipWhitespace()
                    try expect(">", "`>` to end </\(name)>")
                    guard var closed = stack.popLast() else { throw Failure(offset: start, reason: "</\(name)> closes nothing") }
                    guard closed.element.name == name else {
                        throw Failure(offset: start, reason: "</\(name)> closes <\(closed.element.name)> (opened at line \(lines.line(of: closed.element.offset)))")
                    }
                    closed.element.text = String(decoding: closed.text, as: UTF8.self)
                    guard !stack.isEmpty else { return closed.element }
                    stack[stack.count - 1].element.children.append(closed.element)
                } else if starts(with: "<!--") {
                    try skipComment()
                } else if starts(with: "<![CDATA[") {
                    let start = index
                    index += 9
                    guard let end = find("]]>") else { throw Failure(offset: start, reason: "a CDATA section that never ends") }
                    if !stack.isEmpty { appendText(bytes[index..<end], to: &stack[stack.count - 1].text) }
                    index = end + 3
                } else if starts(with: "<?") {
                    try skipInstruction()
                } else if starts(with: "<!") {
                    throw Failure(offset: index, reason: "a declaration inside the document")
                } else {
                    guard stack.count < Self.maximumDepth else {
                        throw Failure(offset: index, reason: "elements nested deeper than \(Self.maximumDepth)")
                    }
                    let (element, isEmpty) = try startTag()
                    if isEmpty {
                        guard !stack.isEmpty else { return element }
                        stack[stack.count - 1].element.children.append(element)
                    } else {
                        stack.append(Open(element: element))
                    }
                }
            } else if stack.isEmpty {
                throw Failure(offset: index, reason: "text outside the root element")
            } else if byte == UInt8(ascii: "&") {
                let scalar = try reference()
                stack[stack.count - 1].text.append(contentsOf: String(scalar).utf8)
            } else {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<"), bytes[index] != UInt8(ascii: "&") { index += 1 }
                appendText(bytes[start..<index], to: &stack[stack.count - 1].text)
            }
        }
    }

    /// Appends character data with line ends normalised as XML says: `\r\n` and a lone `\r` become `\n`.
    private func appendText(_ run: ArraySlice<UInt8>, to text: inout [UInt8]) {
        guard run.contains(UInt8(ascii: "\r")) else {
            text.append(contentsOf: run)
            return
        }
        var previousWasReturn = false
        for byte in run {
            if byte == UInt8(ascii: "\r") {
                text.append(UInt8(ascii: "\n"))
                previousWasReturn = true
            } else {
                if !(byte == UInt8(ascii: "\n") && previousWasReturn) { text.append(byte) }
                previousWasReturn = false
            }
        }
    }

    // MARK: - Tags

    /// `<name attr="value" …>` or `<name …/>`; `index` is on the `<`.
    private mutating func startTag() throws(Failure) -> (XMLTree.Element, isEmpty: Bool) {
        let start = index
        index += 1
        let name = try readName()
        var attributes: [String: String] = [:]
        while true {
            let hadSpace = skipWhitespace()
            guard index < bytes.count else { throw Failure(offset: start, reason: "the file ends inside the tag <\(name)>") }
            if starts(with: "/>") {
                index += 2
                return (XMLTree.Element(name: name, attributes: attributes, children: [], text: "", offset: start), true)
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                return (XMLTree.Element(name: name, attributes: attributes, children: [], text: "", offset: start), false)
            }
            guard hadSpace else { throw Failure(offset: index, reason: "expected a space, `>` or `/>` in <\(name)>") }
            let attributeOffset = index
            let attribute = try readName()
            skipWhitespace()
            try expect("=", "`=` after the attribute \(attribute)")
            skipWhitespace()
            let value = try attributeValue()
            guard attributes.updateValue(value, forKey: attribute) == nil else {
                throw Failure(offset: attributeOffset, reason: "the attribute \(attribute) appears twice in <\(name)>")
            }
        }
    }

    /// A quoted attribute value with references resolved and white space normalised.
    private mutating func attributeValue() throws(Failure) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
            throw Failure(offset: index, reason: "an attribute value must be quoted")
        }
        let quote = bytes[index]
        let start = index
        index += 1
        var value: [UInt8] = []
        while true {
            guard index < bytes.count else { throw Failure(offset: start, reason: "an attribute value that never ends") }
            let byte = bytes[index]
            switch byte {
            case quote:
                index += 1
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "<"):
                throw Failure(offset: index, reason: "`<` inside an attribute value")
            case UInt8(ascii: "&"):
                value.append(contentsOf: String(try reference()).utf8)
            case UInt8(ascii: "\r"):
                // \r\n is one line end, hence one space.
                value.append(UInt8(ascii: " "))
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                value.append(UInt8(ascii: " "))
                index += 1
            default:
                value.append(byte)
                index += 1
            }
        }
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#N;` or `&#xH;`; `index` is on the `&`.
    private mutating func reference() throws(Failure) -> Character {
        let start = index
        // The longest valid reference is `&#x10FFFF;` or `&#1114111;` (10 bytes).
        let limit = min(bytes.count, index + 12)
        guard let semicolon = bytes[index..<limit].firstIndex(of: UInt8(ascii: ";")) else {
            throw Failure(offset: start, reason: "`&` that starts no reference (write &amp;)")
        }
        let body = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
        index = semicolon + 1
        switch body {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard body.hasPrefix("#") else {
            throw Failure(offset: start, reason: "the entity &\(body); is not one of XML's five: Airlock expands no other entity")
        }
        let digits = body.utf8.dropFirst()
        let hexadecimal = digits.first == UInt8(ascii: "x")
        let number = hexadecimal ? digits.dropFirst() : digits
        let value = number.isEmpty ? nil : number.reduce(UInt32?(0)) { total, byte in
            guard let total, let digit = Self.digitValue(byte, hexadecimal: hexadecimal), total <= 0x10FFFF else { return nil }
            return total * (hexadecimal ? 16 : 10) + digit
        }
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else {
            throw Failure(offset: start, reason: "&\(body); is not a character")
        }
        return Character(scalar)
    }

    // MARK: - Skipped constructs

    private mutating func skipComment() throws(Failure) {
        let start = index
        index += 4
        guard let end = find("-->") else { throw Failure(offset: start, reason: "a comment that never ends") }
        index = end + 3
    }

    private mutating func skipInstruction() throws(Failure) {
        let start = index
        index += 2
        guard let end = find("?>") else { throw Failure(offset: start, reason: "a processing instruction that never ends") }
        index = end + 2
    }

    /// Skips `<!DOCTYPE …>`, refusing an internal subset that declares entities.
    private mutating func skipDoctype() throws(Failure) {
        let start = index
        index += 9
        var quote: UInt8?
        var subsetStart: Int?
        while index < bytes.count {
            let byte = bytes[index]
            // Checked whatever the quoting: a stray quote in a comment must not hide a declaration.
            if subsetStart != nil && starts(with: "<!ENTITY") {
                throw Failure(offset: index, reason: "the DOCTYPE declares entities; Airlock expands none (a file like this can grow a billion times when expanded)")
            }
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") && subsetStart == nil {
                subsetStart = index
            } else if byte == UInt8(ascii: ">") && (subsetStart == nil || bytes[..<index].last(where: { !Self.isWhitespace($0) }) == UInt8(ascii: "]")) {
                index += 1
                return
            }
            index += 1
        }
        throw Failure(offset: start, reason: "a DOCTYPE that never ends")
    }

    // MARK: - Bytes

    private static func digitValue(_ byte: UInt8, hexadecimal: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hexadecimal: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hexadecimal: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            !first
        default:
            false
        }
    }

    private mutating func readName() throws(Failure) -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index], first: index == start) { index += 1 }
        guard index > start else {
            throw Failure(offset: start, reason: index < bytes.count ? "expected a name" : "the file ends where a name was expected")
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = index
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
        return index > start
    }

    private func starts(with literal: StaticString) -> Bool {
        Self.bytes(bytes, at: index, match: literal)
    }

    static func bytes(_ bytes: [UInt8], at start: Int, match literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard start >= 0, bytes.count - start >= count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    private mutating func expect(_ literal: StaticString, _ what: String) throws(Failure) {
        guard starts(with: literal) else {
            throw Failure(offset: index, reason: index < bytes.count ? "expected \(what)" : "the file ends where \(what) was expected")
        }
        index += literal.utf8CodeUnitCount
    }

    /// The offset of the next `terminator` at or after `index`, or nil.
    private func find(_ terminator: StaticString) -> Int? {
        let first = terminator.utf8Start[0]
        var position = index
        while position < bytes.count {
            guard let candidate = bytes[position...].firstIndex(of: first) else { return nil }
            if Self.bytes(bytes, at: candidate, match: terminator) { return candidate }
            position = candidate + 1
        }
        return nil
    }
}
