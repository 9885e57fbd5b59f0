/// Provider token formats and hard-coded secrets. Each pattern captures the secret in
/// group 1, which excerpts mask. Trailing `(?![…])` rather than `\b`, since several
/// alphabets end in `-`; quantifiers are bounded so that no line makes a pattern slow.
enum SecretRules {
    static let tokenEnd = #"(?![A-Za-z0-9_\-])"#

    static let all: [LintRule] = [
        LintRule(
            id: "aws-access-key-id", severity: .critical, description: "AWS access key id",
            keywords: ["akia", "asia"], pattern: #"\b((?:AKIA|ASIA)[A-Z2-7]{16})\b"#, secretGroup: 1),
        LintRule(
            id: "github-token", severity: .critical, description: "GitHub token",
            keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], pattern: #"\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})"# + tokenEnd,
            secretGroup: 1),
        LintRule(
            id: "github-fine-grained-token", severity: .critical, description: "GitHub fine-grained personal access token",
            keywords: ["github_pat_"], pattern: #"\b(github_pat_[A-Za-z0-9_]{82})"# + tokenEnd, secretGroup: 1),
        LintRule(
            id: "gitlab-token", severity: .critical, description: "GitLab personal access token",
            keywords: ["glpat-"], pattern: #"\b(glpat-[A-Za-z0-9_\-]{20})"# + tokenEnd, secretGroup: 1),
        LintRule(
            id: "slack-token", severity: .critical, description: "Slack token",
            keywords: ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"], pattern: #"\b(xox[baprs]-[0-9A-Za-z\-]{10,120})"#,
            secretGroup: 1),
        LintRule(
            id: "slack-webhook", severity: .high, description: "Slack incoming webhook URL",
            keywords: ["hooks.slack.com"], pattern: #"https://hooks\.slack\.com/services/([A-Za-z0-9+/]{20,120})"#, secretGroup: 1),
        LintRule(
            id: "stripe-secret-key", severity: .critical, description: "Stripe live secret or restricted key",
            keywords: ["sk_live_", "rk_live_"], pattern: #"\b((?:sk|rk)_live_[A-Za-z0-9]{20,120})"#, secretGroup: 1),
        LintRule(
            id: "google-api-key", severity: .high, description: "Google API key",
            keywords: ["aiza"], pattern: #"\b(AIza[0-9A-Za-z_\-]{35})"# + tokenEnd, secretGroup: 1),
        LintRule(
            id: "anthropic-api-key", severity: .critical, description: "Anthropic API key",
            keywords: ["sk-ant-"], pattern: #"\b(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\-]{32,200})"#, secretGroup: 1),
        LintRule(
            id: "openai-api-key", severity: .critical, description: "OpenAI API key",
            keywords: ["sk-proj-", "sk-svcacct-", "sk-admin-", "t3blbkfj"],
            pattern: #"\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,200}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"# + tokenEnd,
            secretGroup: 1),
        LintRule(
            id: "npm-token", severity: .critical, description: "npm access token",
            keywords: ["npm_"], pattern: #"\b(npm_[A-Za-z0-9]{36})"# + tokenEnd, secretGroup: 1),
        LintRule(
            id: "pypi-token", severity: .critical, description: "PyPI upload token",
            keywords: ["pypi-ageichlwas5vcmc"], pattern: #"\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,300})"#, secretGroup: 1),
        LintRule(
            id: "twilio-api-key", severity: .high, description: "Twilio API key",
            keywords: ["sk"], pattern: #"\b(SK[0-9a-fA-F]{32})\b"#, secretGroup: 1),
        LintRule(
            id: "sendgrid-api-key", severity: .critical, description: "SendGrid API key",
            keywords: ["sg."], pattern: #"\b(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})"# + tokenEnd, secretGroup: 1),
        LintRule(
            id: "mailgun-api-key", severity: .high, description: "Mailgun API key",
            keywords: ["key-"], pattern: #"\b(key-[0-9a-f]{32})\b"#, secretGroup: 1),
        LintRule(
            id: "heroku-api-key", severity: .high, description: "Heroku API key",
            keywords: ["heroku"],
            pattern: #"(?i)heroku[A-Za-z0-9_.\-]{0,20}["']?\s*(?::=|=>|=|:)\s*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            secretGroup: 1),
        LintRule(
            id: "heroku-api-key-v2", severity: .critical, description: "Heroku API key",
            keywords: ["hrku-"], pattern: #"\b(HRKU-[A-Za-z0-9_\-]{60})"# + tokenEnd, secretGroup: 1),
        LintRule(
            id: "digitalocean-token", severity: .critical, description: "DigitalOcean token",
            keywords: ["dop_v1_", "doo_v1_", "dor_v1_"], pattern: #"\b(do[por]_v1_[a-f0-9]{64})\b"#, secretGroup: 1),
        LintRule(
            id: "shopify-token", severity: .critical, description: "Shopify access token",
            keywords: ["shpat_", "shpca_", "shppa_", "shpss_"], pattern: #"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b"#,
            secretGroup: 1),
        LintRule(
            id: "square-token", severity: .critical, description: "Square access token or OAuth secret",
            keywords: ["eaaa", "sq0atp-", "sq0csp-"],
            pattern: #"\b(EAAA[A-Za-z0-9_\-]{60}|sq0atp-[A-Za-z0-9_\-]{22}|sq0csp-[A-Za-z0-9_\-]{43})"# + tokenEnd, secretGroup: 1),
        LintRule(
            id: "vault-token", severity: .critical, description: "HashiCorp Vault token",
            keywords: ["hvs.", "hvb."], pattern: #"\b(hv[sb]\.[A-Za-z0-9_\-]{90,200})"# + tokenEnd, secretGroup: 1),
        LintRule(
            id: "jwt", severity: .medium, description: "JSON Web Token",
            keywords: ["eyj"], pattern: #"\b(eyJ[A-Za-z0-9_\-]{10,500}+\.eyJ[A-Za-z0-9_\-]{10,4000}+\.[A-Za-z0-9_\-]{10,1000}+)"# + tokenEnd,
            secretGroup: 1),
        LintRule(
            id: "private-key", severity: .critical, description: "Private key block",
            keywords: ["private key"], pattern: #"-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----"#),
        // Names ending in a secret word, assigned a quoted literal that is not a
        // reference (`${…}`, `%(…)s`, `<…>`). A literal under 3 bits per character
        // (`changeme`, `password123`) is still a hard-coded password, but likely a
        // placeholder: reported as low rather than high.
        LintRule(
            id: "generic-secret", severity: .high, description: "Hard-coded secret",
            keywords: ["password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "auth_key", "private_key"],
            pattern: #"(?i)\b[A-Za-z0-9_.\-]{0,40}?(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|auth[_\-]?key|private[_\-]?key)["']?\s*(?::=|=>|=|:)\s*["'`](?![$%{<])([^"'`\s]{4,200})["'`]"#,
            secretGroup: 1, minimumEntropy: 3.0, lowEntropy: .report(.low)),
    ].compactMap { $0 }
}
