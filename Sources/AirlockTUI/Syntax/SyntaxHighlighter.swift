import AirlockCore

/// Colours one line of code by its words alone: keywords, strings, comments, numbers and
/// type names, as spans of byte offsets.
///
/// A diff shows fragments, so each line is read on its own: a block comment or a string
/// that spans lines is coloured only on the line that opens it (and, for `/* … */`, on a
/// line that closes one or continues it with ` * `). Only the first `maxBytes` of a line
/// are read, and every step moves forward, so a hostile line costs at most that much.
public enum SyntaxHighlighter {
    /// One coloured stretch of a line, in bytes from the line's start.
    public struct Span: Equatable, Sendable {
        public var range: Range<Int>
        public var role: StyleRole
    }

    /// More than a frame's widest line; beyond it a line stays plain.
    public static let maxBytes = 4096

    /// The spans of `bytes` read as `language`, within the first `limit` bytes (at most
    /// `maxBytes`), in order and apart.
    public static func spans(in bytes: Bytes, language: SyntaxLanguage, limit: Int = maxBytes) -> [Span] {
        bytes.withUnsafeBufferPointer { buffer in
            let end = min(buffer.count, max(0, min(limit, maxBytes)))
            let line = UnsafeBufferPointer(rebasing: buffer[0..<end])
            guard let grammar = SyntaxGrammar.of(language) else { return MarkdownLexer.spans(line) }
            var lexer = CodeLexer(line: line, grammar: grammar)
            lexer.run()
            return lexer.spans
        }
    }
}

/// Byte classes the lexers share.
enum ByteClass {
    static func isWordStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }

    /// Bytes past ASCII join words, so a keyword inside `naïveif` is not one.
    static func isWord(_ b: UInt8) -> Bool {
        isWordStart(b) || isDigit(b) || b >= 0x80
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
}
