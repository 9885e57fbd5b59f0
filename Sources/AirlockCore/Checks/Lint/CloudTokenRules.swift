/// Credentials of cloud and infrastructure providers: AWS, Google Cloud, Azure, Alibaba,
/// DigitalOcean, Heroku, Cloudflare, Databricks, HashiCorp, Doppler, Pulumi, Tailscale,
/// PlanetScale.
enum CloudTokenRules {
    static let end = SecretRules.tokenEnd
    static let assignment = SecretRules.assignment

    static let all: [LintRule] = [
        LintRule(
            id: "aws-access-key-id", severity: .critical, description: "AWS access key id",
            keywords: ["AKIA", "ASIA"], pattern: #"\b((?:AKIA|ASIA)[A-Z2-7]{16})\b"#, secretGroup: 1),
        LintRule(
            id: "aws-secret-access-key", severity: .critical, description: "AWS secret access key",
            keywords: ["secret_access_key", "secretaccesskey", "secret-access-key"],
            pattern: #"(?i)secret[_\-]?access[_\-]?key"# + assignment + #"([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"#,
            secretGroup: 1, minimumEntropy: 3.5),
        LintRule(
            id: "google-api-key", severity: .high, description: "Google API key",
            keywords: ["AIza"], pattern: #"\b(AIza[0-9A-Za-z_\-]{35})"# + end, secretGroup: 1),
        LintRule(
            id: "google-oauth-client-secret", severity: .critical, description: "Google OAuth client secret",
            keywords: ["GOCSPX-"], pattern: #"\b(GOCSPX-[A-Za-z0-9_\-]{28})"# + end, secretGroup: 1),
        LintRule(
            id: "google-oauth-access-token", severity: .high, description: "Google OAuth access token",
            keywords: ["ya29."], pattern: #"\b(ya29\.[A-Za-z0-9_\-]{30,500})"# + end, secretGroup: 1),
        LintRule(
            id: "azure-storage-account-key", severity: .critical, description: "Azure storage account key (connection string)",
            keywords: ["accountkey="], pattern: #"(?i:AccountKey)=([A-Za-z0-9+/]{86}==)"#, secretGroup: 1),
        LintRule(
            id: "azure-ad-client-secret", severity: .critical, description: "Azure Entra ID (AD) client secret",
            keywords: ["Q~"], pattern: #"(?<![A-Za-z0-9_~.\-])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34})(?![A-Za-z0-9_~.\-])"#,
            secretGroup: 1),
        LintRule(
            id: "alibaba-access-key-id", severity: .high, description: "Alibaba Cloud AccessKey id",
            keywords: ["LTAI"], pattern: #"\b(LTAI[A-Za-z0-9]{20})\b"#, secretGroup: 1),
        LintRule(
            id: "digitalocean-token", severity: .critical, description: "DigitalOcean token",
            keywords: ["dop_v1_", "doo_v1_", "dor_v1_"], pattern: #"\b(do[por]_v1_[a-f0-9]{64})\b"#, secretGroup: 1),
        LintRule(
            id: "heroku-api-key", severity: .high, description: "Heroku API key",
            keywords: ["heroku"],
            pattern: #"(?i)heroku[A-Za-z0-9_.\-]{0,20}"# + assignment + #"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            secretGroup: 1),
        LintRule(
            id: "heroku-api-key-v2", severity: .critical, description: "Heroku API key",
            keywords: ["HRKU-"], pattern: #"\b(HRKU-[A-Za-z0-9_\-]{60})"# + end, secretGroup: 1),
        LintRule(
            id: "cloudflare-api-token", severity: .high, description: "Cloudflare API token or key",
            keywords: ["cloudflare", "cf_api"],
            pattern: #"(?i)(?:cloudflare|cf_api)[A-Za-z0-9_.\-]{0,20}"# + assignment + #"([A-Za-z0-9_\-]{37,40})"# + end,
            secretGroup: 1, minimumEntropy: 3.5),
        LintRule(
            id: "cloudflare-origin-ca-key", severity: .high, description: "Cloudflare Origin CA key",
            keywords: ["v1.0-"], pattern: #"\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b"#, secretGroup: 1),
        LintRule(
            id: "databricks-token", severity: .critical, description: "Databricks personal access token",
            keywords: ["dapi"], pattern: #"\b(dapi[a-f0-9]{32}(?:-[0-9])?)\b"#, secretGroup: 1),
        LintRule(
            id: "vault-token", severity: .critical, description: "HashiCorp Vault token",
            keywords: ["hvs.", "hvb."], pattern: #"\b(hv[sb]\.[A-Za-z0-9_\-]{90,200})"# + end, secretGroup: 1),
        LintRule(
            id: "terraform-cloud-token", severity: .critical, description: "Terraform Cloud / HCP Terraform API token",
            keywords: [".atlasv1."], pattern: #"\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-=]{60,70})"# + end, secretGroup: 1),
        LintRule(
            id: "doppler-token", severity: .critical, description: "Doppler token",
            keywords: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
            pattern: #"\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b"#, secretGroup: 1),
        LintRule(
            id: "pulumi-token", severity: .critical, description: "Pulumi access token",
            keywords: ["pul-"], pattern: #"\b(pul-[a-f0-9]{40})\b"#, secretGroup: 1),
        LintRule(
            id: "tailscale-key", severity: .critical, description: "Tailscale API or auth key",
            keywords: ["tskey-"], pattern: #"\b(tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,60})"# + end,
            secretGroup: 1),
        LintRule(
            id: "planetscale-token", severity: .critical, description: "PlanetScale password or token",
            keywords: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
            pattern: #"\b(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_\-.]{32,64})"# + end, secretGroup: 1),
    ].compactMap { $0 }
}
