import Testing
@testable import AirlockCore

@Suite("PathGlob")
struct PathGlobTests {
    static let table: [(pattern: String, path: String, expected: Bool)] = [
        // A name without a slash matches at any depth.
        ("*.lock", "Cargo.lock", true),
        ("*.lock", "a/b/yarn.lock", true),
        ("*.lock", "Cargo.lock.bak", false),
        ("*.lock", "lock", false),
        ("*.lock", ".lock", true),
        ("*.lock", "a.lock/inner.txt", false),
        (".env*", ".env", true),
        (".env*", "config/.env.local", true),
        (".env*", "config/env", false),
        (".env*", "a.env", false),
        ("Makefile", "Makefile", true),
        ("Makefile", "sub/dir/Makefile", true),
        ("Makefile", "Makefile.am", false),
        ("Makefile", "makefile", false),
        // A slash anchors at the root.
        (".gitlab-ci.yml", ".gitlab-ci.yml", true),
        (".gitlab-ci.yml", "nested/.gitlab-ci.yml", true),
        ("/.gitlab-ci.yml", "nested/.gitlab-ci.yml", false),
        ("/.gitlab-ci.yml", ".gitlab-ci.yml", true),
        ("docs/*.md", "docs/readme.md", true),
        ("docs/*.md", "src/docs/readme.md", false),
        ("docs/*.md", "docs/sub/readme.md", false),
        (".github/workflows/**", ".github/workflows/ci.yml", true),
        (".github/workflows/**", ".github/workflows/nested/deep/x.yml", true),
        (".github/workflows/**", ".github/workflows", true),
        (".github/workflows/**", ".github/workflowsX/ci.yml", false),
        (".github/workflows/**", "sub/.github/workflows/ci.yml", false),
        (".github/workflows/**", ".github/dependabot.yml", false),
        // A trailing slash: the directory and everything under it, at any depth.
        ("secrets/", "secrets/key.pem", true),
        ("secrets/", "secrets/a/b/c", true),
        ("secrets/", "app/secrets/key.pem", true),
        ("secrets/", "secrets", true),
        ("secrets/", "secrets.txt", false),
        ("secrets/", "mysecrets/key", false),
        ("/secrets/", "app/secrets/key.pem", false),
        ("config/secrets/", "config/secrets/a", true),
        ("config/secrets/", "x/config/secrets/a", false),
        // `**` as whole components.
        ("**/foo", "foo", true),
        ("**/foo", "a/b/foo", true),
        ("**/foo", "a/b/foo/c", false),
        ("**/foo", "a/bfoo", false),
        ("a/**/b", "a/b", true),
        ("a/**/b", "a/x/b", true),
        ("a/**/b", "a/x/y/z/b", true),
        ("a/**/b", "a/x/y/z/bb", false),
        ("a/**/b", "b", false),
        ("a/**", "a/x", true),
        ("a/**", "a/x/y", true),
        ("a/**", "ab/x", false),
        ("**", "anything/at/all", true),
        ("a/**/**/b", "a/b", true),
        ("a/**/x/**/b", "a/1/x/2/3/b", true),
        ("a/**/x/**/b", "a/1/2/3/b", false),
        ("a**b", "axyb", true),
        ("a**b", "ax/yb", false),
        // `*` and `?` never cross `/`.
        ("src/*", "src/a", true),
        ("src/*", "src/a/b", false),
        ("src/*.swift", "src/a/b.swift", false),
        ("a?c", "abc", true),
        ("a?c", "a/c", false),
        ("a?c", "ac", false),
        ("a*c", "a/c", false),
        ("*", "any/thing", true),
        ("*", "x", true),
        ("?", "é", true),
        ("caf?", "café", true),
        ("caf?", "cafe\u{301}", false),
        ("café", "cafe\u{301}", false),
        ("café", "café", true),
        // Classes.
        ("[abc].txt", "b.txt", true),
        ("[abc].txt", "d.txt", false),
        ("file[0-9]", "file7", true),
        ("file[0-9]", "filex", false),
        ("file[!0-9]", "filex", true),
        ("file[!0-9]", "file7", false),
        ("file[^0-9]", "filex", true),
        ("[]x]", "]", true),
        ("[]x]", "x", true),
        ("[!]]", "]", false),
        ("[!]]", "a", true),
        ("[a-]", "-", true),
        ("[é-ë]", "ê", true),
        ("[é-ë]", "e", false),
        ("[ab]", "/", false),
        // Escapes.
        ("\\*.txt", "*.txt", true),
        ("\\*.txt", "a.txt", false),
        ("\\!important", "!important", true),
        ("a\\[b]", "a[b]", true),
        // Dotfiles are not special.
        ("*", ".hidden", true),
        ("*.yml", ".github/workflows/.hidden.yml", true),
    ]

    @Test("matches", arguments: table)
    func matches(pattern: String, path: String, expected: Bool) throws {
        let glob = try PathGlob(pattern)
        #expect(glob.matches(path) == expected, "\(pattern) vs \(path)")
    }

    static let invalid: [(pattern: String, fragment: String)] = [
        ("", "empty"),
        ("/", "needs a name"),
        ("//", "needs a name"),
        ("a//b", "empty path component (`//`) at column 3"),
        ("[abc", "`[` at column 1 is never closed"),
        ("src/[ab", "`[` at column 5 is never closed"),
        ("[a/b]", "never closed in its component"),
        ("[]", "never closed"),
        ("[!]", "never closed"),
        ("[z-a]", "range `z-a`"),
        ("abc\\", "escapes nothing"),
        ("!foo", "negation"),
        ("a/../b", "`..`"),
        ("./a", "`.`"),
    ]

    @Test("refuses", arguments: invalid)
    func refuses(pattern: String, fragment: String) {
        #expect(throws: PathGlobError.self) { try PathGlob(pattern) }
        do {
            _ = try PathGlob(pattern)
        } catch {
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(error.pattern == pattern)
        }
    }

    @Test func errorNamesThePattern() {
        do {
            _ = try PathGlob("src/[ab")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "glob \"src/[ab\": `[` at column 5 is never closed (write `\\[` for a literal `[`)")
        }
    }

    @Test func controlCharactersInAPatternAreShownEscaped() {
        do {
            _ = try PathGlob("\u{1B}[31m[")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("\\x1b"))
            #expect(!error.description.unicodeScalars.contains { $0.value == 0x1B })
        }
    }

    @Test func keepsThePatternAsWritten() throws {
        let glob = try PathGlob(".github/workflows/**")
        #expect(glob.pattern == ".github/workflows/**")
        #expect(glob.description == ".github/workflows/**")
        #expect(try PathGlob("*.lock") == PathGlob("*.lock"))
    }

    // MARK: - Cost

    /// Patterns that make a backtracking matcher exponential finish at once here.
    @Test(.timeLimit(.minutes(1)))
    func pathologicalPatternsStayLinear() throws {
        let deepPath = Array(repeating: "a", count: 200).joined(separator: "/")
        let globstars = try PathGlob(Array(repeating: "**", count: 100).joined(separator: "/") + "/b")
        #expect(!globstars.matches(deepPath))
        #expect(globstars.matches(deepPath + "/b"))

        let interleaved = try PathGlob(Array(repeating: "**/a", count: 60).joined(separator: "/") + "/b")
        #expect(!interleaved.matches(deepPath))
        #expect(interleaved.matches(deepPath + "/b"))

        let name = String(repeating: "a", count: 5_000)
        let stars = try PathGlob(String(repeating: "a*", count: 200) + "b")
        #expect(!stars.matches(name))
        #expect(stars.matches(name + "b"))

        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<10 { _ = globstars.matches(deepPath); _ = stars.matches(name) }
        }
        #expect(elapsed < .seconds(5), "\(elapsed)")
    }
}
