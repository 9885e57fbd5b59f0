import Foundation

/// The small project the demo's agents work on: semantic-version helpers in POSIX sh
/// with tests that need nothing but `sh` (`sh tests/run.sh` prints TAP, exit status 1
/// when one fails), a README, a CI workflow and a config file — something for each
/// agent's change.
enum DemoProject {
    /// Path → contents of the project as first committed.
    static let files: [String: String] = [
        "README.md": readme,
        "lib/semver.sh": library,
        "tests/run.sh": tests,
        "config/release.conf": releaseConfig,
        ".github/workflows/ci.yml": workflow,
    ]

    /// Writes the project into `workspace` and commits it as the demo's base.
    static func commit(in workspace: URL) throws {
        for (path, text) in files { try DemoFiles.write(text, path, in: workspace) }
        try DemoFiles.quietly("git", ["init", "-q"], in: workspace)
        try DemoFiles.quietly("git", ["add", "."], in: workspace)
        try DemoFiles.quietly(
            "git", ["-c", "user.name=Demo", "-c", "user.email=demo@example.invalid", "commit", "-qm", "semver.sh: version helpers in POSIX sh"],
            in: workspace)
    }

    /// Appended to the demo workspace's `.airlock/config.toml`: its tests run on every
    /// proposal, sandboxed, and the Tests pane reads their TAP case by case. Where
    /// bubblewrap cannot start, the check ends in an error that says why (the sandbox
    /// stays on: nothing is run unsandboxed behind the reviewer's back).
    static let checksConfig = """

        # The demo's tests: tests/run.sh prints TAP, kept for Airlock to read per case.
        [[tests]]
        name = "unit"
        command = "sh tests/run.sh | tee .airlock-tests.tap"
        results = ".airlock-tests.tap"
        format = "tap"
        timeout = 30

        """

    /// Adds `checksConfig` to the config `airlock init` wrote.
    static func configureChecks(in workspace: URL) throws {
        let config = workspace.appendingPathComponent(".airlock/config.toml")
        let handle = try FileHandle(forWritingTo: config)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(checksConfig.utf8))
    }

    // MARK: - Files

    static let readme = """
        # semver.sh

        Semantic-version helpers for shell scripts: POSIX sh, no external commands.

            . lib/semver.sh
            semver_bump minor 1.4.2     # prints 1.5.0
            semver_compare 1.2.10 1.3.0 # prints -1

        Run the tests with `sh tests/run.sh`.

        """

    /// The base has a bug for the agents to find: a minor bump keeps the patch number.
    static let library = #"""
        # semver.sh: semantic-version helpers in POSIX sh, no external commands.

        # semver_split VERSION: sets major, minor and patch; fails unless VERSION is N.N.N.
        semver_split() {
            case $1 in
                "" | *[!0-9.]* | .* | *. | *..*) return 1 ;;
            esac
            old_ifs=$IFS
            IFS=.
            set -- $1
            IFS=$old_ifs
            [ $# -eq 3 ] || return 1
            major=$1 minor=$2 patch=$3
        }

        # semver_bump PART VERSION: prints VERSION with PART (major, minor or patch) raised.
        semver_bump() {
            semver_split "$2" || { echo "not a version: $2" >&2; return 2; }
            case $1 in
                major) echo "$((major + 1)).0.0" ;;
                minor) echo "$major.$((minor + 1)).$patch" ;;
                patch) echo "$major.$minor.$((patch + 1))" ;;
                *) echo "not a part: $1" >&2; return 2 ;;
            esac
        }

        # semver_compare A B: prints -1, 0 or 1 as A is lower than, equal to or higher than B.
        semver_compare() {
            semver_split "$1" || return 2
            a_major=$major a_minor=$minor a_patch=$patch
            semver_split "$2" || return 2
            for pair in "$a_major $major" "$a_minor $minor" "$a_patch $patch"; do
                set -- $pair
                if [ "$1" -lt "$2" ]; then echo -1; return 0; fi
                if [ "$1" -gt "$2" ]; then echo 1; return 0; fi
            done
            echo 0
        }

        """#

    static let tests = #"""
        #!/bin/sh
        # The project's tests: plain POSIX sh. Exit status 1 when one fails.
        case $0 in
            */*) cd "${0%/*}/.." || exit 2 ;;
            *) cd .. || exit 2 ;;
        esac
        . ./lib/semver.sh

        passed=0 failed=0
        check() { # check NAME EXPECTED ACTUAL: prints one TAP test point
            if [ "$2" = "$3" ]; then
                passed=$((passed + 1))
                echo "ok $((passed + failed)) - $1"
            else
                failed=$((failed + 1))
                printf 'not ok %s - %s\n  ---\n  message: "expected %s, got %s"\n  ...\n' "$((passed + failed))" "$1" "'$2'" "'$3'"
            fi
        }

        check "bump patch" 1.2.4 "$(semver_bump patch 1.2.3)"
        check "bump major resets the rest" 2.0.0 "$(semver_bump major 1.2.3)"
        check "compare lower" -1 "$(semver_compare 1.2.3 1.10.0)"
        check "compare equal" 0 "$(semver_compare 1.2.3 1.2.3)"
        check "compare higher" 1 "$(semver_compare 2.0.0 1.9.9)"
        check "compare patch numbers of two digits" -1 "$(semver_compare 1.2.10 1.3.0)"
        check "split a version" yes "$(semver_split 1.2.3 && echo yes)"
        check "refuse two parts" no "$(semver_split 1.2 || echo no)"
        check "refuse letters" no "$(semver_split 1.2.x || echo no)"

        echo "# $passed passed, $failed failed"
        echo "1..$((passed + failed))"
        [ "$failed" -eq 0 ]

        """#

    static let releaseConfig = """
        # Where release archives are uploaded.
        bucket = semver-sh-releases
        region = eu-west-1

        """

    static let workflow = """
        name: ci
        on: [push]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: sh tests/run.sh

        """
}
