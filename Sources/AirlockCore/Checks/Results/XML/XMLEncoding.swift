/// The encodings the XML reader accepts, brought to UTF-8 before it reads a byte.
enum XMLEncoding {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The input as UTF-8: unchanged when it is UTF-8 or ASCII, transcoded when its
    /// declaration says ISO-8859-1, refused for UTF-16 and any other declared encoding.
    static func utf8(_ input: [UInt8]) throws(XMLReader.Failure) -> [UInt8] {
        if input.starts(with: [0xFE, 0xFF]) || input.starts(with: [0xFF, 0xFE])
            || input.starts(with: [0x3C, 0x00]) || input.starts(with: [0x00, 0x3C]) {
            throw XMLReader.Failure(offset: 0, reason: "the file is UTF-16; Airlock reads UTF-8 result files", line: 1, column: 1)
        }
        guard let encoding = declaredEncoding(input) else { return input }
        switch encoding.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii":
            return input
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
            // Each byte is the code point of the same number.
            var text = ""
            text.unicodeScalars.append(contentsOf: input.map { Unicode.Scalar($0) })
            return Array(text.utf8)
        default:
            throw XMLReader.Failure(offset: 0, reason: "the encoding \(encoding) is not supported; Airlock reads UTF-8 result files", line: 1, column: 1)
        }
    }

    /// The `encoding` of a leading `<?xml …?>` declaration.
    private static func declaredEncoding(_ input: [UInt8]) -> String? {
        let start = input.starts(with: byteOrderMark) ? 3 : 0
        guard XMLReader.bytes(input, at: start, match: "<?xml") else { return nil }
        let window = input[start..<min(input.count, start + 512)]
        guard let end = window.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: input[start..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}
