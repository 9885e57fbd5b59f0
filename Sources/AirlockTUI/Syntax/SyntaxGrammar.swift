/// What a lexer needs to know of a language to colour one line: its comments, quotes,
/// keywords and type names.
struct SyntaxGrammar: Sendable {
    var lineComments: [[UInt8]] = []
    var blockComment: (open: [UInt8], close: [UInt8])?
    /// Quotes whose strings take backslash escapes.
    var quotes: [UInt8] = []
    /// Quotes whose strings take none (shell's `'`, Go's raw strings).
    var rawQuotes: [UInt8] = []
    /// `"""` and `'''` strings, closed on the same line or at its end.
    var tripleQuotes = false
    /// `'` opens a character literal only when it closes within a few bytes (Rust's
    /// lifetimes and labels are `'a`).
    var shortCharacterQuotes = false
    /// `#` opens a comment only at the line's start or after a blank (`$#` in shell).
    var commentNeedsBlankBefore = false
    /// A quote opens a string only where a value starts (YAML's `it's` is plain text).
    var quoteNeedsBoundary = false
    /// A string followed by `:` is a key, shown as a type (JSON).
    var keyedStrings = false
    /// A word followed by `:` where a line's content starts is a key (YAML).
    var keyedWords = false
    /// Prefixes that make the following word a keyword (`@MainActor`, `#include`).
    var sigils: [UInt8] = []
    /// A word starting with a capital letter is a type name.
    var capitalisedAreTypes = false
    var keywords = KeywordSet("")
    var types = KeywordSet("")

    /// Per byte: whether a token may start with it; the lexer steps over the others.
    /// Filled by `prepared()`.
    private(set) var starters: [Bool] = []

    /// The grammar with its `starters` table.
    func prepared() -> SyntaxGrammar {
        var grammar = self
        var table = [Bool](repeating: false, count: 256)
        for b in 0..<256 where ByteClass.isWord(UInt8(b)) { table[b] = true }
        for b in quotes + rawQuotes + sigils + lineComments.compactMap(\.first) { table[Int(b)] = true }
        if let open = blockComment?.open.first { table[Int(open)] = true }
        if shortCharacterQuotes { table[0x27] = true }
        grammar.starters = table
        return grammar
    }
}

/// A set of ASCII words looked up straight from a line's bytes, without making a string.
struct KeywordSet: Sendable {
    /// Words by their first byte.
    private var buckets: [[[UInt8]]] = Array(repeating: [], count: 128)

    init(_ words: String) {
        for word in words.split(separator: " ") {
            let bytes = Array(word.utf8)
            guard let first = bytes.first, first < 128 else { continue }
            buckets[Int(first)].append(bytes)
        }
    }

    func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first, buffer[first] < 128 else { return false }
        for word in buckets[Int(buffer[first])] where word.count == range.count {
            var same = true
            for k in 1..<max(1, word.count) where word[k] != buffer[range.lowerBound + k] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }
}
