/// The built-in rule set, compiled once.
public enum LintRules {
    /// Every built-in rule: provider secrets first (so a specific rule claims a secret
    /// before the generic assignment rule sees it), then dangerous code, then changes
    /// that deserve a second look.
    public static let all: [LintRule] = SecretRules.all + DangerousCodeRules.all + SecondLookRules.all

    /// The rule with this id, if it is built in.
    public static func rule(id: String) -> LintRule? {
        all.first { $0.id == id }
    }
}
