/// Tokens of code forges, package registries and their CI: GitHub, GitLab, npm, PyPI,
/// RubyGems, Docker Hub, Atlassian.
enum SourceForgeTokenRules {
    static let end = SecretRules.tokenEnd

    static let all: [LintRule] = [
        LintRule(
            id: "github-token", severity: .critical, description: "GitHub token",
            keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], pattern: #"\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})"# + end,
            secretGroup: 1),
        LintRule(
            id: "github-fine-grained-token", severity: .critical, description: "GitHub fine-grained personal access token",
            keywords: ["github_pat_"], pattern: #"\b(github_pat_[A-Za-z0-9_]{82})"# + end, secretGroup: 1),
        LintRule(
            id: "gitlab-token", severity: .critical, description: "GitLab personal access token",
            keywords: ["glpat-"], pattern: #"\b(glpat-[A-Za-z0-9_\-]{20})"# + end, secretGroup: 1),
        LintRule(
            id: "gitlab-ci-token", severity: .critical, description: "GitLab pipeline trigger, runner or deploy token",
            keywords: ["glptt-", "glrt-", "gldt-", "GR1348941"],
            pattern: #"\b(glptt-[0-9a-f]{40}|glrt-[A-Za-z0-9_\-]{20}|gldt-[A-Za-z0-9_\-]{20}|GR1348941[A-Za-z0-9_\-]{20})"# + end,
            secretGroup: 1),
        LintRule(
            id: "npm-token", severity: .critical, description: "npm access token",
            keywords: ["npm_"], pattern: #"\b(npm_[A-Za-z0-9]{36})"# + end, secretGroup: 1),
        LintRule(
            id: "pypi-token", severity: .critical, description: "PyPI upload token",
            keywords: ["pypi-AgEIcHlwaS5vcmc"], pattern: #"\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,300})"#, secretGroup: 1),
        LintRule(
            id: "rubygems-api-key", severity: .critical, description: "RubyGems API key",
            keywords: ["rubygems_"], pattern: #"\b(rubygems_[a-f0-9]{48})\b"#, secretGroup: 1),
        LintRule(
            id: "docker-hub-token", severity: .critical, description: "Docker Hub personal access token",
            keywords: ["dckr_pat_"], pattern: #"\b(dckr_pat_[A-Za-z0-9_\-]{27})"# + end, secretGroup: 1),
        LintRule(
            id: "atlassian-api-token", severity: .high, description: "Atlassian API token",
            keywords: ["ATATT3"], pattern: #"\b(ATATT3[A-Za-z0-9_\-=]{180,300})"# + end, secretGroup: 1),
    ].compactMap { $0 }
}
