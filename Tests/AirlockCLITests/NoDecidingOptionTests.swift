import ArgumentParser
import Foundation
import Testing
@testable import airlock

/// No command, flag or environment variable approves (DESIGN, invariant 2): no command's
/// help, at any depth, offers an option that decides.
@Suite("no option decides")
struct NoDecidingOptionTests {
    /// Words an option that decides (or skips the reviewer) would carry in its name.
    static let decidingWords = ["approve", "reject", "decide", "decision", "verdict", "accept", "yes", "confirm", "assume", "auto", "non-interactive", "batch"]

    /// Every command path below `airlock`, depth first: `["patch"]`, `["patch", "apply"]`, …
    static func commandPaths(_ command: any ParsableCommand.Type = Airlock.self, prefix: [String] = []) -> [[String]] {
        command.configuration.subcommands.flatMap { sub -> [[String]] in
            let path = prefix + [sub._commandName]
            return [path] + commandPaths(sub, prefix: path)
        }
    }

    /// The options a help text lists: `--name` and single-letter `-x` words.
    static func options(in help: String) -> Set<String> {
        var found: Set<String> = []
        for word in help.split(whereSeparator: { " ,=<>[]()|\n".contains($0) }) {
            if word.hasPrefix("--"), word.count > 2 {
                found.insert(String(word))
            } else if word.hasPrefix("-"), word.count == 2, word.last?.isLetter == true {
                found.insert(String(word))
            }
        }
        return found
    }

    /// Options whose names carry such a word but that decide nothing, each with the reason.
    static let reviewedOptions: [String: String] = [
        "--on-reject": "airlock run: a command the runner starts after a reviewer rejected a proposal, to tell the agent",
    ]

    /// The options in `help` that would decide.
    static func decidingOptions(in help: String) -> [String] {
        options(in: help).filter { option in
            reviewedOptions[option] == nil && (option == "-y" || decidingWords.contains { option.lowercased().contains($0) })
        }.sorted()
    }

    @Test func theCheckFindsDecidingOptions() {
        let help = """
            USAGE: airlock review [--auto-approve] [-y] [--workspace <workspace>]
            OPTIONS:
              --yes, --assume-yes     Answer yes.
              --reject=<reason>       Reject.
              -h, --help              Show help information.
            """
        #expect(Self.decidingOptions(in: help) == ["--assume-yes", "--auto-approve", "--reject", "--yes", "-y"])
        #expect(Self.options(in: help).isSuperset(of: ["--workspace", "-h", "--help"]))
    }

    @Test func everyCommandIsCovered() {
        let paths = Self.commandPaths().map { $0.joined(separator: " ") }
        for expected in ["review", "propose", "apply", "withdraw", "wait", "patch", "patch apply", "patch check", "patch stat", "patch demo"] {
            #expect(paths.contains(expected), "\(expected) is missing from \(paths)")
        }
    }

    @Test(arguments: [[]] + commandPaths())
    func helpOffersNoDecidingOption(_ path: [String]) throws {
        let directory = try CLIHarness.temporaryDirectory()
        for arguments in [["help"] + path, path + ["--help"]] {
            let help = try CLIHarness.run(arguments, in: directory)
            #expect(help.status == 0, "airlock \(arguments.joined(separator: " ")): \(help.stderr)")
            let usage = "USAGE: " + (["airlock"] + path).joined(separator: " ")
            #expect(help.stdout.contains(usage), "airlock \(arguments.joined(separator: " ")) printed no help for itself: \(help.stdout)")
            let options = Self.options(in: help.stdout)
            #expect(options.contains("--help") || options.contains("-h"), "\(options)")
            let deciding = Self.decidingOptions(in: help.stdout)
            #expect(deciding.isEmpty, "airlock \(arguments.joined(separator: " ")) offers \(deciding)")
        }
    }
}
