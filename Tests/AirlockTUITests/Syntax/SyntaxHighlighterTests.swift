import AirlockCore
import Testing

@testable import AirlockTUI

/// Each line's roles as one letter a byte: `k`eyword, `s`tring, `c`omment, `n`umber,
/// `t`ype, `.` none; the expected letters are written under the line they colour.
func paint(_ line: String, _ language: SyntaxLanguage) -> String {
    let bytes = Bytes(line.utf8)
    var marks = Array(repeating: Character("."), count: bytes.count)
    for span in SyntaxHighlighter.spans(in: bytes, language: language) {
        let letter: Character = switch span.role {
        case .syntaxKeyword: "k"
        case .syntaxString: "s"
        case .syntaxComment: "c"
        case .syntaxNumber: "n"
        case .syntaxType: "t"
        default: "?"
        }
        for i in span.range { marks[i] = letter }
    }
    return String(marks)
}

func expectPaint(_ language: SyntaxLanguage, _ line: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(line.utf8.count == expected.count, "the expectation is \(expected.count) long for \(line.utf8.count) bytes", sourceLocation: sourceLocation)
    let got = paint(line, language)
    #expect(got == expected, "\n  line \(line)\n  got  \(got)\n  want \(expected)", sourceLocation: sourceLocation)
}

@Suite struct SyntaxHighlighterTests {
    @Test func swift() {
        expectPaint(.swift,
            #"let s = "a\"b" // note 42"#,
            #"kkk.....ssssss.cccccccccc"#)
        expectPaint(.swift,
            #"guard count >= 0x1F else { return Self.empty }"#,
            #"kkkkk..........nnnn.kkkk...kkkkkk.kkkk........"#)
        expectPaint(.swift,
            #"struct Fetch: Sendable {"#,
            #"kkkkkk.ttttt..tttttttt.."#)
        expectPaint(.swift,
            #"@MainActor func run() async throws {"#,
            #"kkkkkkkkkk.kkkk.......kkkkk.kkkkkk.."#)
        expectPaint(.swift,
            #"for i in 1..<3 {}"#,
            #"kkk...kk.n...n..."#)
        expectPaint(.swift,
            #"let doc = """ text""" + x1"#,
            #"kkk.......sssssssssss....."#)
    }

    @Test func python() {
        expectPaint(.python,
            #"def f(x): return 'it\'s' # done"#,
            #"kkk.......kkkkkk.sssssss.cccccc"#)
        expectPaint(.python,
            #"x = """doc""" + 1.5e-3"#,
            #"....sssssssss...nnnnnn"#)
        expectPaint(.python,
            #"@cached class Point(int): pass"#,
            #"kkkkkkk.kkkkk.ttttt.ttt...kkkk"#)
    }

    @Test func go() {
        expectPaint(.go,
            #"x := `raw\` + 'a' // c"#,
            #".....ssssss...sss.cccc"#)
        expectPaint(.go,
            #"func f(n int) error { return nil }"#,
            #"kkkk.....ttt..ttttt...kkkkkk.kkk.."#)
    }

    @Test func rustLifetimesAreNotCharacters() {
        expectPaint(.rust,
            #"fn get<'a>(s: &'a str) -> u8 { b'x' as u8 }"#,
            #"kk................ttt.....tt....sss.kk.tt.."#)
        expectPaint(.rust,
            #"let c = '\u{1F600}'; let d = 'é';"#,
            #"kkk.....sssssssssss..kkk.....ssss."#)
    }

    @Test func javaScriptAndTypeScript() {
        expectPaint(.javaScript,
            #"const t = `x${y}`; // ok"#,
            #"kkkkk.....sssssss..ccccc"#)
        expectPaint(.javaScript,
            #"if (a === 'b\'c') return null"#,
            #"kk........ssssss..kkkkkk.kkkk"#)
        // A glob in a string is not the end of a block comment.
        expectPaint(.javaScript,
            #"include: ["**/*.ts"], // all"#,
            #"..........sssssssss...cccccc"#)
    }

    @Test func cAndItsBlockComments() {
        expectPaint(.c,
            #"#include <stdio.h> /* io */ int n = 'x';"#,
            #"kkkkkkkk...........cccccccc.ttt.....sss."#)
        expectPaint(.c,
            #" * still a comment"#,
            #".ccccccccccccccccc"#)
        expectPaint(.c,
            #"   done */ return 0;"#,
            #"cccccccccc.kkkkkk.n."#)
        expectPaint(.c,
            #"*p = 1;"#,
            #".....n."#)
        expectPaint(.c,
            #"/* open to the end"#,
            #"cccccccccccccccccc"#)
    }

    @Test func shell() throws {
        expectPaint(.shell,
            #"echo "a \"b\" $x" '$y' # c"#,
            #".....ssssssssssss.ssss.ccc"#)
        expectPaint(.shell,
            #"if [ $# -gt 0 ]; then"#,
            #"kk..........n....kkkk"#)
        expectPaint(try #require(SyntaxLanguage(path: "build/Dockerfile")),
            #"FROM swift:6.1 AS build"#,
            #"kkkk.......nnn........."#)
    }

    @Test func yaml() {
        expectPaint(.yaml,
            #"  - name: "x # y" # real"#,
            #"....tttt..sssssss.cccccc"#)
        expectPaint(.yaml,
            #"enabled: true  # it's on"#,
            #"ttttttt..kkkk..ccccccccc"#)
        expectPaint(.yaml,
            #"text: it's 3 o'clock"#,
            #"tttt.......n........"#)
        expectPaint(.yaml, "---", "kkk")
    }

    @Test func json() {
        expectPaint(.json,
            #"  "name": "a\"b", "n": -1.5e3, "ok": true"#,
            #"..tttttt..ssssss..ttt...nnnnn..tttt..kkkk"#)
    }

    @Test func markdown() {
        expectPaint(.markdown, "## Title `x`", "kkkkkkkkkkkk")
        expectPaint(.markdown,
            "- use `swift build` now",
            "k.....sssssssssssss....")
        expectPaint(.markdown, "```swift", "cccccccc")
        expectPaint(.markdown, "> quote", "ccccccc")
        expectPaint(.markdown, "1. item", "kk.....")
        expectPaint(.markdown,
            "plain ``a`b`` text ` open",
            "......sssssss............")
        expectPaint(.markdown, "#hashtag", "........")
    }

    @Test func languagesFromPaths() {
        #expect(SyntaxLanguage(path: "Sources/App/main.swift") == .swift)
        #expect(SyntaxLanguage(path: "web/App.TSX") == .javaScript)
        #expect(SyntaxLanguage(path: "Makefile") == .shell)
        #expect(SyntaxLanguage(path: ".github/workflows/ci.yml") == .yaml)
        #expect(SyntaxLanguage(path: "include/x.hpp") == .c)
        #expect(SyntaxLanguage(path: "notes.txt") == nil)
        #expect(SyntaxLanguage(path: "README") == nil)
        #expect(SyntaxLanguage(path: "main.swift.orig") == nil)
        #expect(SyntaxLanguage(path: "pkg.swift/LICENSE") == nil)
        #expect(SyntaxLanguage(path: "") == nil)
    }
}
