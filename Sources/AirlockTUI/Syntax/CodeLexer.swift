/// The lexer for every language but Markdown: one pass over a line, left to right.
struct CodeLexer {
    let line: UnsafeBufferPointer<UInt8>
    let grammar: SyntaxGrammar
    private(set) var spans: [SyntaxHighlighter.Span] = []
    private var i = 0

    init(line: UnsafeBufferPointer<UInt8>, grammar: SyntaxGrammar) {
        self.line = line
        self.grammar = grammar
    }

    mutating func run() {
        continuedBlockComment()
        if grammar.keyedWords { yamlKey() }
        while i < line.count {
            let b = line[i]
            guard grammar.starters[Int(b)] else {
                i += 1
                continue
            }
            if startsLineComment(at: i) {
                add(i..<line.count, .syntaxComment)
                return
            }
            if let block = grammar.blockComment, matches(block.open, at: i) {
                let close = find(block.close, from: i + block.open.count)
                let end = close.map { $0 + block.close.count } ?? line.count
                add(i..<end, .syntaxComment)
                i = end
                continue
            }
            if grammar.tripleQuotes, b == 0x22 || b == 0x27, i + 2 < line.count, line[i + 1] == b, line[i + 2] == b {
                let close = find([b, b, b], from: i + 3)
                let end = close.map { $0 + 3 } ?? line.count
                add(i..<end, .syntaxString)
                i = end
                continue
            }
            if grammar.quotes.contains(b) || grammar.rawQuotes.contains(b), opensString(at: i) {
                string(quote: b, escapes: !grammar.rawQuotes.contains(b))
                continue
            }
            if b == 0x27, grammar.shortCharacterQuotes, let end = characterLiteralEnd(from: i) {
                add(i..<end, .syntaxString)
                i = end
                continue
            }
            if ByteClass.isDigit(b), i == 0 || !ByteClass.isWord(line[i - 1]) {
                number()
                continue
            }
            if ByteClass.isWordStart(b) || (grammar.sigils.contains(b) && i + 1 < line.count && ByteClass.isWordStart(line[i + 1])) {
                word(sigil: !ByteClass.isWordStart(b))
                continue
            }
            if ByteClass.isWord(b) {
                // The rest of a word that started past ASCII.
                while i < line.count, ByteClass.isWord(line[i]) { i += 1 }
                continue
            }
            i += 1
        }
    }

    // MARK: - pieces

    private mutating func add(_ range: Range<Int>, _ role: StyleRole) {
        guard !range.isEmpty else { return }
        spans.append(SyntaxHighlighter.Span(range: range, role: role))
    }

    /// A string from the quote at `i` to its closing quote, or to the line's end.
    private mutating func string(quote: UInt8, escapes: Bool) {
        let start = i
        var k = i + 1
        while k < line.count, line[k] != quote {
            k += escapes && line[k] == 0x5C ? 2 : 1
        }
        let end = min(line.count, k + 1)
        i = end
        if grammar.keyedStrings {
            var next = end
            while next < line.count, ByteClass.isBlank(line[next]) { next += 1 }
            if next < line.count, line[next] == 0x3A {
                add(start..<end, .syntaxType)
                return
            }
        }
        add(start..<end, .syntaxString)
    }

    /// Digits with what a literal may hold (`0x1F`, `1_000`, `2.5e-3`, `10u8`); a dot
    /// joins only when a digit follows, so `1..<3` is two numbers.
    private mutating func number() {
        let start = i
        while i < line.count {
            let b = line[i]
            if ByteClass.isWord(b) {
                i += 1
            } else if b == 0x2E, i + 1 < line.count, ByteClass.isDigit(line[i + 1]) {
                i += 1
            } else if b == 0x2D || b == 0x2B, line[i - 1] | 0x20 == 0x65, i + 1 < line.count, ByteClass.isDigit(line[i + 1]),
                line[start] != 0x30 || start + 1 >= line.count || line[start + 1] | 0x20 != 0x78
            {
                i += 1
            } else {
                break
            }
        }
        add(start..<i, .syntaxNumber)
    }

    private mutating func word(sigil: Bool) {
        let start = i
        i += 1
        while i < line.count, ByteClass.isWord(line[i]) { i += 1 }
        if sigil {
            add(start..<i, .syntaxKeyword)
        } else if grammar.keywords.contains(line, start..<i) {
            add(start..<i, .syntaxKeyword)
        } else if grammar.types.contains(line, start..<i) || (grammar.capitalisedAreTypes && ByteClass.isUpper(line[start])) {
            add(start..<i, .syntaxType)
        }
    }

    // MARK: - questions

    private func matches(_ token: [UInt8], at k: Int) -> Bool {
        guard k + token.count <= line.count else { return false }
        for (n, byte) in token.enumerated() where line[k + n] != byte { return false }
        return true
    }

    /// Where `token` next starts from `k`, or nil.
    private func find(_ token: [UInt8], from k: Int) -> Int? {
        var k = k
        while k + token.count <= line.count {
            if matches(token, at: k) { return k }
            k += 1
        }
        return nil
    }

    private func startsLineComment(at k: Int) -> Bool {
        for token in grammar.lineComments where matches(token, at: k) {
            return !grammar.commentNeedsBlankBefore || k == 0 || ByteClass.isBlank(line[k - 1])
        }
        return false
    }

    private func opensString(at k: Int) -> Bool {
        guard grammar.quoteNeedsBoundary, k > 0 else { return true }
        return ByteClass.isBlank(line[k - 1]) || [0x5B, 0x7B, 0x2C, 0x3A].contains(line[k - 1])
    }

    /// The end of a character literal: one character or an escape (`'a'`, `'é'`, `'\n'`,
    /// `'\u{1F600}'`) between quotes, so Rust's lifetime `'a` stays a word.
    private func characterLiteralEnd(from k: Int) -> Int? {
        guard k + 2 < line.count else { return nil }
        if line[k + 1] == 0x5C {
            var n = k + 3
            while n < line.count, n - k <= 12 {
                if line[n] == 0x27 { return n + 1 }
                n += 1
            }
            return nil
        }
        let lead = line[k + 1]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        let close = k + 1 + length
        return close < line.count && line[close] == 0x27 && lead != 0x27 ? close + 1 : nil
    }

    /// A line inside a `/* … */` comment opened above: one that starts ` * ` or holds
    /// the close before any open is comment up to the close.
    private mutating func continuedBlockComment() {
        guard let block = grammar.blockComment else { return }
        var first = 0
        while first < line.count, ByteClass.isBlank(line[first]) { first += 1 }
        guard first < line.count else { return }
        // A quote before the close makes it text, as in the glob `"**/*.ts"`.
        if let close = find(block.close, from: 0), find(block.open, from: 0).map({ $0 > close }) ?? true,
            !line[0..<close].contains(where: { grammar.quotes.contains($0) || grammar.rawQuotes.contains($0) })
        {
            i = close + block.close.count
            add(0..<i, .syntaxComment)
            return
        }
        let star = line[first] == 0x2A && (first + 1 == line.count || ByteClass.isBlank(line[first + 1]))
        if star, !matches(block.close, at: first) {
            i = line.count
            add(first..<line.count, .syntaxComment)
        }
    }

    /// A YAML key: after the indentation and any `- `, a plain word up to `: ` or the
    /// line's end; a document marker `---` is a keyword.
    private mutating func yamlKey() {
        var k = 0
        while k < line.count, ByteClass.isBlank(line[k]) { k += 1 }
        if k == 0, matches(Array("---".utf8), at: 0) || matches(Array("...".utf8), at: 0) {
            add(0..<3, .syntaxKeyword)
            i = 3
            return
        }
        while k + 1 < line.count, line[k] == 0x2D, ByteClass.isBlank(line[k + 1]) {
            k += 2
            while k < line.count, ByteClass.isBlank(line[k]) { k += 1 }
        }
        guard k < line.count, !grammar.quotes.contains(line[k]), !grammar.rawQuotes.contains(line[k]), line[k] != 0x23 else { return }
        var n = k
        while n < line.count, line[n] != 0x3A, line[n] != 0x23 || !ByteClass.isBlank(line[n - 1]) { n += 1 }
        guard n < line.count, line[n] == 0x3A, n + 1 == line.count || ByteClass.isBlank(line[n + 1]), n > k else { return }
        add(k..<n, .syntaxType)
        i = n + 1
    }
}
