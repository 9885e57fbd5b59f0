extension SyntaxGrammar {
    /// The grammar of `language`; Markdown has its own lexer and none.
    static func of(_ language: SyntaxLanguage) -> SyntaxGrammar? {
        switch language {
        case .swift: swift
        case .python: python
        case .go: go
        case .rust: rust
        case .javaScript: javaScript
        case .c: c
        case .shell: shell
        case .yaml: yaml
        case .json: json
        case .markdown: nil
        }
    }

    private static let slashes: [[UInt8]] = [Array("//".utf8)]
    private static let slashStar = (open: Array("/*".utf8), close: Array("*/".utf8))
    private static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backtick = UInt8(ascii: "`")

    static let swift = SyntaxGrammar(
        lineComments: slashes, blockComment: slashStar, quotes: [quote], tripleQuotes: true, sigils: Array("@#".utf8),
        capitalisedAreTypes: true,
        keywords: KeywordSet("""
            actor as associatedtype async await break case catch class continue default defer deinit do else enum \
            extension fallthrough false fileprivate for func guard if import in init inout internal is let nil \
            nonisolated open operator private protocol public repeat rethrows return self Self some any static struct \
            subscript super switch throw throws true try typealias var where while consume borrowing consuming sending
            """)).prepared()

    static let python = SyntaxGrammar(
        lineComments: [Array("#".utf8)], quotes: [quote, apostrophe], tripleQuotes: true, sigils: Array("@".utf8),
        capitalisedAreTypes: true,
        keywords: KeywordSet("""
            False None True and as assert async await break class continue def del elif else except finally for from \
            global if import in is lambda match case nonlocal not or pass raise return try while with yield self
            """),
        types: KeywordSet("int float str bytes bool list dict set tuple object complex frozenset")).prepared()

    static let go = SyntaxGrammar(
        lineComments: slashes, blockComment: slashStar, quotes: [quote], rawQuotes: [backtick], shortCharacterQuotes: true,
        keywords: KeywordSet("""
            break case chan const continue default defer else fallthrough for func go goto if import interface map \
            package range return select struct switch type var nil true false iota
            """),
        types: KeywordSet("""
            bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 \
            uint16 uint32 uint64 uintptr any
            """)).prepared()

    static let rust = SyntaxGrammar(
        lineComments: slashes, blockComment: slashStar, quotes: [quote], shortCharacterQuotes: true,
        capitalisedAreTypes: true,
        keywords: KeywordSet("""
            as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod \
            move mut pub ref return self Self static struct super trait true type unsafe use where while
            """),
        types: KeywordSet("bool char str i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64")).prepared()

    static let javaScript = SyntaxGrammar(
        lineComments: slashes, blockComment: slashStar, quotes: [quote, apostrophe, backtick], sigils: Array("@".utf8),
        capitalisedAreTypes: true,
        keywords: KeywordSet("""
            abstract as async await break case catch class const continue debugger declare default delete do else enum \
            export extends false finally for from function get if implements import in instanceof interface let new \
            null of private protected public readonly return set static super switch this throw true try type typeof \
            undefined var void while with yield
            """),
        types: KeywordSet("any boolean never number object string symbol unknown bigint")).prepared()

    static let c = SyntaxGrammar(
        lineComments: slashes, blockComment: slashStar, quotes: [quote], shortCharacterQuotes: true, sigils: Array("#".utf8),
        keywords: KeywordSet("""
            auto break case catch class const constexpr continue default delete do else enum extern false for goto if \
            inline namespace new nullptr private protected public register return sizeof static static_cast struct \
            switch template this throw true try typedef typename union using virtual volatile while NULL
            """),
        types: KeywordSet("""
            bool char double float int long short signed unsigned void size_t ssize_t int8_t int16_t int32_t int64_t \
            uint8_t uint16_t uint32_t uint64_t FILE
            """)).prepared()

    static let shell = SyntaxGrammar(
        lineComments: [Array("#".utf8)], quotes: [quote], rawQuotes: [apostrophe, backtick], commentNeedsBlankBefore: true,
        keywords: KeywordSet("""
            if then else elif fi for while until do done case esac in function return local export readonly unset \
            shift exit set trap source eval exec break continue \
            FROM RUN CMD COPY ADD ENV ARG WORKDIR ENTRYPOINT EXPOSE USER VOLUME LABEL HEALTHCHECK SHELL ONBUILD STOPSIGNAL
            """)).prepared()

    static let yaml = SyntaxGrammar(
        lineComments: [Array("#".utf8)], quotes: [quote], rawQuotes: [apostrophe], commentNeedsBlankBefore: true,
        quoteNeedsBoundary: true, keyedWords: true,
        keywords: KeywordSet("true false True False TRUE FALSE null Null NULL yes no on off")).prepared()

    static let json = SyntaxGrammar(
        lineComments: slashes, blockComment: slashStar, quotes: [quote], keyedStrings: true,
        keywords: KeywordSet("true false null")).prepared()
}
