import AirlockCore
import Testing

@testable import AirlockTUI

/// Lines written to hurt: long, broken, full of openers that never close.
@Suite struct SyntaxHostileTests {
    static let mebibyte = 1 << 20

    /// An unclosed string, block comment or code run over a mebibyte is coloured up to
    /// the cap and no further: the lexer stopped there.
    @Test(arguments: [
        (SyntaxLanguage.swift, "\"", "a"), (.c, "/*", "x"), (.python, "'''", "q"), (.shell, "'", "\\"),
        (.markdown, "`", "z"),
    ])
    func aMebibyteLineIsReadOnlyUpToTheCap(language: SyntaxLanguage, opener: String, filler: String) {
        let line = Bytes((opener + String(repeating: filler, count: Self.mebibyte)).utf8)
        let spans = SyntaxHighlighter.spans(in: line, language: language)
        #expect(spans.allSatisfy { $0.range.upperBound <= SyntaxHighlighter.maxBytes })
        if language != .markdown {
            #expect(spans.last?.range.upperBound == SyntaxHighlighter.maxBytes)
        }
        let limit = 100
        #expect(SyntaxHighlighter.spans(in: line, language: language, limit: limit).allSatisfy { $0.range.upperBound <= limit })
    }

    /// Openers repeated past the cap, in every language: the spans stay in order, apart
    /// and within the cap.
    @Test(arguments: SyntaxLanguage.allCases)
    func repeatedOpenersGiveOrderedSpansWithinTheLine(language: SyntaxLanguage) {
        for unit in ["/*", "\"\\", "'", "`", "``x", "'''", "# ", "a: ", "0x", "'\\u{", "*/"] {
            let line = Bytes(String(repeating: unit, count: 2 * SyntaxHighlighter.maxBytes / unit.utf8.count).utf8)
            let spans = SyntaxHighlighter.spans(in: line, language: language)
            var end = 0
            for span in spans {
                #expect(span.range.lowerBound >= end && !span.range.isEmpty, "\(language) \(unit.debugDescription)")
                end = span.range.upperBound
            }
            #expect(end <= SyntaxHighlighter.maxBytes)
        }
    }

    @Test(arguments: SyntaxLanguage.allCases)
    func invalidUTF8AndControlsDoNotBreakTheLexer(language: SyntaxLanguage) {
        let line = Bytes([0xFF, 0x69, 0x66, 0x20, 0xC0, 0x80, 0x22, 0x1B, 0x5B, 0x32, 0x4A, 0x22, 0x20, 0xE2, 0x80, 0xAE, 0x27, 0xF0, 0x27])
        let spans = SyntaxHighlighter.spans(in: line, language: language)
        #expect(spans.allSatisfy { $0.range.lowerBound >= 0 && $0.range.upperBound <= line.count })
        // `if` glued to a byte past ASCII is no keyword.
        #expect(!spans.contains { $0.role == .syntaxKeyword && $0.range.contains(1) })
        #expect(SyntaxHighlighter.spans(in: Bytes(), language: language).isEmpty)
    }
}
