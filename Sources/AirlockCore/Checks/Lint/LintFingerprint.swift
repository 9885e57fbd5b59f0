import Crypto

/// A finding's identity that survives the line moving: `path:rule:hash`, where the hash
/// is the first 16 hex digits of SHA-256 over the rule, the path and the line's content
/// with surrounding white space trimmed. File rules hash no content.
///
/// The path is shown through `VisibleText.escape`, so a fingerprint is safe to print and
/// to copy into `.airlock/lint-ignore`; the hash covers the raw path, so two paths that
/// escape alike still differ.
enum LintFingerprint {
    static let hashLength = 16

    static func make(rule: String, path: String, content: UnsafeBufferPointer<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(rule.utf8))
        hasher.update(data: [0])
        hasher.update(data: Array(path.utf8))
        hasher.update(data: [0])
        hasher.update(bufferPointer: UnsafeRawBufferPointer(trimmed(content)))
        let hex = hasher.finalize().prefix(hashLength / 2).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
        return "\(VisibleText.escape(path)):\(rule):\(hex)"
    }

    static func make(rule: String, path: String, content: [UInt8] = []) -> String {
        content.withUnsafeBufferPointer { make(rule: rule, path: path, content: $0) }
    }

    private static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C }
        var start = 0, end = line.count
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: line[start..<end])
    }
}
