import Testing
import AirlockCore

@Suite("Marks on paths that are not plain ASCII")
struct PathMarkTests {
    @Test func asciiPathsCarryNoMark() {
        #expect(PathMark.suffix(for: "src/main.swift") == "")
        #expect(PathMark.suffix(for: "a b/c-d_e.txt") == "")
    }

    @Test func aLookAlikeLetterFromAnotherScriptIsNamed() {
        #expect(PathMark.suffix(for: "p\u{430}th.txt") == " [mixed scripts: Latin+Cyrillic]")
        #expect(PathMark.suffix(for: "src/c\u{43E}nfig.yml") == " [mixed scripts: Latin+Cyrillic]")
        #expect(PathMark.suffix(for: "\u{3BF}k/ok.txt") == " [mixed scripts: Greek+Latin]")
        #expect(PathMark.suffix(for: "\u{13AA}dmin.txt") == " [mixed scripts: Cherokee+Latin]")
        #expect(PathMark.suffix(for: "\u{440}\u{443}\u{441}/\u{3B1}.txt") == " [mixed scripts: Cyrillic+Greek+Latin]")
    }

    @Test func oneScriptOrLatinWithCJKIsOnlyNonASCII() {
        #expect(PathMark.suffix(for: "docs/caf\u{E9}.md") == " [non-ASCII]")
        #expect(PathMark.suffix(for: "\u{440}\u{443}\u{441}\u{441}\u{43A}\u{438}\u{439}") == " [non-ASCII]")
        #expect(PathMark.suffix(for: "docs/\u{8A2D}\u{8A08}\u{306E}\u{30E1}\u{30E2}.md") == " [non-ASCII]")
        // A fullwidth letter is Latin, but not ASCII.
        #expect(PathMark.suffix(for: "con\u{FF46}ig.txt") == " [non-ASCII]")
        #expect(PathMark.suffix(for: "a\u{200B}b") == " [non-ASCII]")
        #expect(PathMark.suffix(for: "bell\u{7}") == "", "an ASCII control shows escaped, not marked")
    }

    @Test func scriptsOfLetters() {
        #expect(WritingScript.of("a") == .latin)
        #expect(WritingScript.of("7") == nil)
        #expect(WritingScript.of("\u{430}") == .cyrillic)
        #expect(WritingScript.of("\u{3B1}") == .greek)
        #expect(WritingScript.of("\u{5D0}") == .hebrew)
        #expect(WritingScript.of("\u{627}") == .arabic)
        #expect(WritingScript.of("\u{301}") == nil)
        #expect(WritingScript.of("\u{4E2D}") == .cjk)
    }
}
