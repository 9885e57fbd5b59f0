/// Hard-coded secrets: provider token formats first (so a specific rule claims a secret
/// before a generic one sees the same bytes), then key material and the generic rules.
/// Each pattern captures the secret in group 1, which excerpts mask. Trailing `(?![…])`
/// rather than `\b`, since several alphabets end in `-`; quantifiers are bounded so that
/// no line makes a pattern slow.
enum SecretRules {
    static let tokenEnd = #"(?![A-Za-z0-9_\-])"#
    /// An assignment between a name and its value: `=`, `:`, `:=`, `=>`, quoted or not.
    static let assignment = #"["']?\s*(?::=|=>|=|:)\s*["']?"#

    static let all: [LintRule] = SourceForgeTokenRules.all + CloudTokenRules.all + ServiceTokenRules.all + keyMaterial + generic

    static let keyMaterial: [LintRule] = [
        // Before `private-key`, which would otherwise claim the same bytes less precisely.
        LintRule(
            id: "gcp-service-account-key", severity: .critical, description: "Google Cloud service-account private key (JSON)",
            keywords: ["private_key"],
            pattern: #""private_key"\s*:\s*"(-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\]{0,4000})"#, secretGroup: 1),
        LintRule(
            id: "private-key", severity: .critical, description: "Private key block",
            keywords: ["PRIVATE KEY"], pattern: #"(-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----)"#, secretGroup: 1),
        LintRule(
            id: "age-secret-key", severity: .critical, description: "age encryption secret key",
            keywords: ["AGE-SECRET-KEY-1"], pattern: #"\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b"#, secretGroup: 1),
        LintRule(
            id: "jwt", severity: .medium, description: "JSON Web Token",
            keywords: ["eyJ"], pattern: #"\b(eyJ[A-Za-z0-9_\-]{10,500}+\.eyJ[A-Za-z0-9_\-]{10,4000}+\.[A-Za-z0-9_\-]{10,1000}+)"# + tokenEnd,
            secretGroup: 1),
    ].compactMap { $0 }

    static let generic: [LintRule] = [
        // `scheme://user:password@host`, matched from the `://` (the scheme is in the
        // excerpt's context); a password under 3 bits per character
        // (`postgres://app:app@db`) is likely a local default: reported low.
        LintRule(
            id: "url-credentials", severity: .high, description: "Password written into a URL",
            keywords: ["://"],
            pattern: #"://[^:/\s@"'`]{1,64}:(?![$%{<])([^@/\s"'`]{3,128})@[A-Za-z0-9.\-\[]"#,
            secretGroup: 1, minimumEntropy: 3.0, lowEntropy: .report(.low)),
        // Names ending in a secret word, assigned a quoted literal that is not a
        // reference (`${…}`, `%(…)s`, `<…>`). A literal under 3 bits per character
        // (`changeme`, `password123`) is still a hard-coded password, but likely a
        // placeholder: reported as low rather than high.
        LintRule(
            id: "generic-secret", severity: .high, description: "Hard-coded secret",
            keywords: ["password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "auth_key", "private_key"],
            pattern: #"(?i)(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|auth[_\-]?key|private[_\-]?key)["']?\s*(?::=|=>|=|:)\s*["'`](?![$%{<])([^"'`\s]{4,200})["'`]"#,
            secretGroup: 1, minimumEntropy: 3.0, lowEntropy: .report(.low)),
    ].compactMap { $0 }
}
