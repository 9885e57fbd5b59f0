/// Markdown, line by line: headings, block quotes and code fences as a whole line, list
/// markers, and inline code. A fenced block's inside is not followed across lines.
enum MarkdownLexer {
    static func spans(_ line: UnsafeBufferPointer<UInt8>) -> [SyntaxHighlighter.Span] {
        var spans: [SyntaxHighlighter.Span] = []
        var k = 0
        while k < line.count, k < 4, line[k] == 0x20 { k += 1 }
        guard k < line.count, k < 4 else { return [] }
        let first = line[k]
        switch first {
        case 0x23:
            var level = k
            while level < line.count, line[level] == 0x23 { level += 1 }
            if level - k <= 6, level == line.count || ByteClass.isBlank(line[level]) {
                return [SyntaxHighlighter.Span(range: k..<line.count, role: .syntaxKeyword)]
            }
        case 0x60, 0x7E:
            if k + 3 <= line.count, line[k + 1] == first, line[k + 2] == first {
                return [SyntaxHighlighter.Span(range: k..<line.count, role: .syntaxComment)]
            }
        case 0x3E:
            return [SyntaxHighlighter.Span(range: k..<line.count, role: .syntaxComment)]
        case 0x2D, 0x2A, 0x2B:
            if k + 1 < line.count, ByteClass.isBlank(line[k + 1]) {
                spans.append(SyntaxHighlighter.Span(range: k..<(k + 1), role: .syntaxKeyword))
                k += 1
            }
        default:
            var n = k
            while n < line.count, n - k < 9, ByteClass.isDigit(line[n]) { n += 1 }
            if n > k, n + 1 < line.count, line[n] == 0x2E || line[n] == 0x29, ByteClass.isBlank(line[n + 1]) {
                spans.append(SyntaxHighlighter.Span(range: k..<(n + 1), role: .syntaxKeyword))
                k = n + 1
            }
        }
        inlineCode(line, from: k, into: &spans)
        return spans
    }

    /// `` `code` `` spans: a run of backticks closed by a run of the same length.
    private static func inlineCode(_ line: UnsafeBufferPointer<UInt8>, from start: Int, into spans: inout [SyntaxHighlighter.Span]) {
        var k = start
        while k < line.count {
            guard line[k] == 0x60 else {
                k += 1
                continue
            }
            var open = k
            while open < line.count, line[open] == 0x60 { open += 1 }
            let ticks = open - k
            // Each unclosed length costs a scan to the line's end: longer runs are text.
            guard ticks <= 16 else {
                k = open
                continue
            }
            var n = open, close: Int?
            while n < line.count {
                guard line[n] == 0x60 else {
                    n += 1
                    continue
                }
                var run = n
                while run < line.count, line[run] == 0x60 { run += 1 }
                if run - n == ticks {
                    close = run
                    break
                }
                n = run
            }
            guard let close else {
                // An unclosed run is text; later runs of another length may still pair.
                k = open
                continue
            }
            spans.append(SyntaxHighlighter.Span(range: k..<close, role: .syntaxString))
            k = close
        }
    }
}
