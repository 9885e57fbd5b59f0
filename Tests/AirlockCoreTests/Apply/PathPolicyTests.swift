import Testing
@testable import AirlockCore

@Suite("Path policy")
struct PathPolicyTests {
    /// Paths a patch may never name, and a fragment of the rule each one breaks.
    static let refused: [(path: String, fragment: String)] = [
        ("", "empty path"),
        ("/etc/passwd", "absolute path"),
        ("//server/share/x", "UNC"),
        ("C:/Windows/x", "drive-letter"),
        ("c:x", "drive-letter"),
        ("../x", "`..` component"),
        ("a/../../x", "`..` component"),
        ("a/..", "`..` component"),
        ("./a", "`.` component"),
        ("a/./b", "`.` component"),
        ("a//b", "empty component"),
        ("a/", "empty component"),
        ("a\u{0}b", "NUL"),
        ("a\nb", "newline"),
        ("a\rb", "carriage return"),
        ("a\\b", "backslash"),
        ("a\u{1B}[31mb", "control character"),
        ("a\u{7F}b", "control character"),
        (".git", "`.git`"),
        (".git/config", "`.git`"),
        (".GIT/hooks/pre-commit", "`.git`"),
        ("sub/.Git/config", "`.git`"),
        ("git~1/config", "8.3 short name"),
        ("GIT~1/hooks/x", "8.3 short name"),
        (".git./config", "NTFS"),
        (".git ./config", "NTFS"),
        (".git.. . /config", "NTFS"),
        (".git::$INDEX_ALLOCATION/config", "NTFS"),
        (".git:$DATA", "NTFS"),
        (".g\u{200C}it/config", "HFS+"),
        (".gi\u{200D}t/config", "HFS+"),
        ("\u{FEFF}.git/config", "HFS+"),
        (".G\u{202E}IT/config", "HFS+"),
        (".\u{206A}git", "HFS+"),
        (".airlock/config.toml", "Airlock's own state"),
        (".AIRLOCK/store.sqlite", "Airlock's own state"),
        (".airlock./x", "Airlock's own state"),
        (".airlock-journal/transaction.json", "Airlock's own state"),
        ("sub/.airlock/x", "Airlock's own state"),
        ("a/b/.Airlock/config.toml", "Airlock's own state"),
        ("ws/.airlock-journal/transaction.json", "Airlock's own state"),
        ("src/.airlock-stage-0123-1", "reserved for Airlock's staged files"),
        (String(repeating: "a", count: 256), "longer than a file name"),
    ]

    @Test("refuses", arguments: refused)
    func refuses(path: String, fragment: String) {
        #expect(throws: ApplyProblem.self) { try PathPolicy.check(path) }
        do {
            _ = try PathPolicy.check(path)
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.path == path)
            // Whatever the path holds, the message shows it without raw control characters.
            #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        }
    }

    @Test("accepts ordinary paths, including near misses of the rules")
    func accepts() throws {
        let paths = [
            "README.md", "src/main.swift", "a/b/c/d.txt", ".github/workflows/ci.yml", ".gitignore",
            ".gitmodules", ".gitx", "x.git", "git", "git~", "git~x", "a..b", "...",
            ".airlockx/y", "caf\u{E9}/\u{1F600}.txt", "with space/and:colon", String(repeating: "a", count: 255),
        ]
        for path in paths {
            let checked = try PathPolicy.check(path)
            #expect(checked.description == path)
        }
    }

    @Test("keeps the components in order")
    func components() throws {
        #expect(try PathPolicy.check("a/b/c.txt").components == ["a", "b", "c.txt"])
    }

    @Test("refuses git's dotfiles as symlinks, in any spelling, but not as files")
    func symlinkedDotfiles() throws {
        for path in [".gitmodules", "sub/.GITMODULES", ".gitmodules.", "gitmod~1", ".gitattributes", ".gitignore", ".mailmap"] {
            #expect(throws: ApplyProblem.self) { try PathPolicy.check(path, mode: .symlink) }
            do {
                _ = try PathPolicy.check(path, mode: .symlink)
            } catch {
                #expect(error.message.contains("may not be a symlink"), "\(error.message)")
            }
            _ = try PathPolicy.check(path, mode: .regular)
        }
        _ = try PathPolicy.check("docs/link", mode: .symlink)
    }

    @Test("shows invisible characters in messages")
    func escapes() {
        do {
            _ = try PathPolicy.check(".g\u{200C}it/config")
            Issue.record("not refused")
        } catch {
            #expect(error.message.contains(#"`.g\u{200c}it/config`"#), "\(error.message)")
        }
    }
}
