import AirlockCore
import ArgumentParser

/// `airlock lint rules`: the built-in rules as data.
struct LintRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the built-in lint rules: id, severity, description, keywords and files.",
        discussion: """
            Line rules run their pattern on added lines holding one of their keywords; file rules look at \
            whole files (mode, path, binary content, line length). An empty file list means every file.
            """
    )

    @Flag(help: "Print the rules as JSON, with their targets and patterns.")
    var json = false

    func run() throws {
        try Self.print(LintRules.all, json: json)
    }

    static func print(_ rules: [LintRule], json: Bool) throws {
        emit(json ? try JSONOutput.encode(rules.map(RuleListing.init)) : listing(rules))
    }

    /// One line per rule: id, severity, description, then keywords and files when it has them.
    static func listing(_ rules: [LintRule]) -> String {
        let width = rules.map(\.id.count).max() ?? 0
        return rules.map { rule in
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            var line = "\(id)  \(severity)  \(rule.description)"
            if !rule.keywords.isEmpty { line += "  keywords: \(rule.keywords.joined(separator: " "))" }
            if !rule.fileGlobs.isEmpty { line += "  files: \(rule.fileGlobs.joined(separator: " "))" }
            return line + "\n"
        }.joined()
    }

    struct RuleListing: Codable {
        var id: String
        var severity: LintSeverity
        var description: String
        /// `line` or `file`.
        var target: String
        var keywords: [String]
        var files: [String]
        /// The regular expression (ICU syntax) of a line rule; null for file rules.
        var pattern: String?

        init(_ rule: LintRule) {
            id = rule.id
            severity = rule.severity
            description = rule.description
            target = rule.target.kind
            keywords = rule.keywords
            files = rule.fileGlobs
            pattern = rule.patternSource
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(severity, forKey: .severity)
            try container.encode(description, forKey: .description)
            try container.encode(target, forKey: .target)
            try container.encode(keywords, forKey: .keywords)
            try container.encode(files, forKey: .files)
            try container.encode(pattern, forKey: .pattern)
        }
    }
}
