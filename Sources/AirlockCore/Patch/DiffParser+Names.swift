import Foundation

/// The file names of diff headers: `diff --git` lines, `---`/`+++` lines and traditional
/// names with timestamps, C-quoted or not, with `-p N` stripping.
extension DiffParser {
    /// The name on a `diff --git a/X b/X` line, known only when both sides agree.
    func gitHeaderName(_ range: Range<Int>) -> String? {
        if range.isEmpty { return nil }
        if text[range.lowerBound] == 0x22 {
            guard let (first, next) = GitPathQuoting.unquote(text, from: range.lowerBound, to: range.upperBound),
                next < range.upperBound, text[next] == UInt8(ascii: " "),
                let a = try? stripped(first, strip: strip, line: 0)
            else { return nil }
            let rest = next + 1..<range.upperBound
            let secondBytes: [UInt8]
            if rest.lowerBound < rest.upperBound, text[rest.lowerBound] == 0x22 {
                guard let (second, end) = GitPathQuoting.unquote(text, from: rest.lowerBound, to: rest.upperBound),
                    end == rest.upperBound
                else { return nil }
                secondBytes = second
            } else {
                secondBytes = Array(text[rest])
            }
            guard let b = try? stripped(secondBytes, strip: strip, line: 0), a == b else { return nil }
            return a
        }
        // Unquoted: find the space where both halves name the same path.
        for split in range where text[split] == UInt8(ascii: " ") {
            let a = Array(text[range.lowerBound..<split])
            let restStart = split + 1
            guard restStart < range.upperBound else { break }
            if text[restStart] == 0x22 {
                guard let (second, end) = GitPathQuoting.unquote(text, from: restStart, to: range.upperBound),
                    end == range.upperBound,
                    let x = try? stripped(a, strip: strip, line: 0),
                    let y = try? stripped(second, strip: strip, line: 0), x == y
                else { continue }
                return x
            }
            let b = Array(text[restStart..<range.upperBound])
            if let x = try? stripped(a, strip: strip, line: 0), let y = try? stripped(b, strip: strip, line: 0), x == y {
                return x
            }
        }
        return nil
    }

    /// A name on a `---`/`+++` line of a git diff: nil for /dev/null.
    func fileHeaderName(_ range: Range<Int>, line: Int) throws(PatchParseError) -> String? {
        if range.isEmpty { throw PatchParseError(line: line, "missing file name") }
        if text[range.lowerBound] == 0x22 {
            guard let (bytes, _) = GitPathQuoting.unquote(text, from: range.lowerBound, to: range.upperBound) else {
                throw PatchParseError(line: line, "badly quoted file name `\(string(range))`")
            }
            return try stripped(bytes, strip: strip, line: line)
        }
        var end = range.upperBound
        if let tab = text[range].firstIndex(of: 0x09) { end = tab }
        let bytes = Array(text[range.lowerBound..<end])
        if bytes == Array("/dev/null".utf8) { return nil }
        return try stripped(bytes, strip: strip, line: line)
    }

    /// A name on a `---`/`+++` line of a plain unified diff: may carry a timestamp; the
    /// Unix epoch as timestamp marks a missing file, as `diff -N` writes it.
    func traditionalName(_ range: Range<Int>, line: Int) throws(PatchParseError) -> String? {
        if range.isEmpty { throw PatchParseError(line: line, "missing file name") }
        if text[range.lowerBound] == 0x22 { return try fileHeaderName(range, line: line) }
        var nameEnd = range.upperBound
        var timestamp: Substring?
        if let tab = text[range].firstIndex(of: 0x09) {
            nameEnd = tab
            timestamp = Substring(string(tab + 1..<range.upperBound))
        } else if let found = Timestamp.find(in: string(range)) {
            nameEnd = range.lowerBound + found.nameLength
            timestamp = found.timestamp
        }
        let bytes = Array(text[range.lowerBound..<nameEnd])
        if bytes == Array("/dev/null".utf8) { return nil }
        if let timestamp, Timestamp.isEpoch(timestamp) { return nil }
        return try stripped(bytes, strip: strip, line: line)
    }

    func name(_ range: Range<Int>, strip: Int, line: Int) throws(PatchParseError) -> String {
        if range.lowerBound < range.upperBound, text[range.lowerBound] == 0x22 {
            guard let (bytes, _) = GitPathQuoting.unquote(text, from: range.lowerBound, to: range.upperBound) else {
                throw PatchParseError(line: line, "badly quoted file name `\(string(range))`")
            }
            return try stripped(bytes, strip: strip, line: line)
        }
        return try stripped(Array(text[range]), strip: strip, line: line)
    }

    func stripped(_ bytes: [UInt8], strip: Int, line: Int) throws(PatchParseError) -> String {
        var start = 0
        for _ in 0..<strip {
            guard let slash = bytes[start...].firstIndex(of: UInt8(ascii: "/")) else {
                throw PatchParseError(line: line, "cannot strip \(strip) leading component\(strip == 1 ? "" : "s") from `\(String(decoding: bytes, as: UTF8.self))` (-p \(strip))")
            }
            start = slash + 1
            while start < bytes.count, bytes[start] == UInt8(ascii: "/") { start += 1 }
        }
        guard let name = String(validating: bytes[start...], as: UTF8.self) else {
            throw PatchParseError(line: line, "file name is not valid UTF-8")
        }
        guard !name.isEmpty else { throw PatchParseError(line: line, "empty file name") }
        // A leading slash could not survive rendering (git drops repeated slashes after
        // `a/`), and no workspace path is absolute anyway.
        guard !name.hasPrefix("/") else {
            throw PatchParseError(line: line, "absolute path `\(name)`: patch paths must be relative to the workspace")
        }
        return name
    }
}
