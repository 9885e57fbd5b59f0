/// Rules made ready for a scan: line rules apart from file rules, and one keyword
/// automaton for all line rules.
struct LintRuleSet: Sendable {
    let lineRules: [LintRule]
    let fileRules: [LintRule]
    let automaton: KeywordAutomaton
    /// For each line rule whose keywords match case, the keywords as bytes, checked
    /// exactly after the automaton (which folds case) found one; nil for the others.
    let exactKeywords: [[[UInt8]]?]
    /// Every rule id, and the engine's own, for markers that name rules.
    let ids: Set<String>
    /// The smallest line length any long-line rule reports.
    let longLineRule: (rule: LintRule, bytes: Int)?

    init(_ rules: [LintRule]) {
        lineRules = rules.filter { $0.target == .line }
        fileRules = rules.filter { $0.target != .line }
        automaton = KeywordAutomaton(keywords: lineRules.map { $0.keywords.map { $0.lowercased() } })
        exactKeywords = lineRules.map { $0.keywordsMatchCase ? $0.keywords.map { Array($0.utf8) } : nil }
        ids = Set(rules.map(\.id) + [LintEngine.truncatedLineRule])
        longLineRule = fileRules.compactMap { rule -> (LintRule, Int)? in
            if case .longLine(let bytes) = rule.target { return (rule, bytes) }
            return nil
        }.min { $0.1 < $1.1 }
    }

    /// The built-in rules, compiled once.
    static let builtIn = LintRuleSet(LintRules.all)
}
