/// Tokens of hosted services an application talks to: chat, payments, mail, AI models,
/// productivity and monitoring.
enum ServiceTokenRules {
    static let end = SecretRules.tokenEnd

    static let all: [LintRule] = chat + payments + mail + ai + tools
}

extension ServiceTokenRules {
    static let chat: [LintRule] = [
        LintRule(
            id: "slack-token", severity: .critical, description: "Slack token",
            keywords: ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"], pattern: #"\b(xox[baprs]-[0-9A-Za-z\-]{10,120})"#,
            secretGroup: 1),
        LintRule(
            id: "slack-app-token", severity: .critical, description: "Slack app-level token",
            keywords: ["xapp-"], pattern: #"\b(xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{10,16}-[a-f0-9]{64})\b"#, secretGroup: 1),
        LintRule(
            id: "slack-webhook", severity: .high, description: "Slack incoming webhook URL",
            keywords: ["hooks.slack.com"],
            pattern: #"https://hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{20,120})"#, secretGroup: 1),
        LintRule(
            id: "discord-webhook", severity: .high, description: "Discord webhook URL",
            keywords: ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
            pattern: #"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/([0-9]{17,20}/[A-Za-z0-9_\-]{60,68})"#,
            secretGroup: 1),
        // Discord bot tokens have no fixed prefix: the word on the line is required.
        LintRule(
            id: "discord-bot-token", severity: .critical, description: "Discord bot token",
            keywords: ["discord"],
            pattern: #"(?i:discord)[^\n]{0,80}?(?<![A-Za-z0-9_\-])([MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})"# + end,
            secretGroup: 1),
        LintRule(
            id: "telegram-bot-token", severity: .critical, description: "Telegram bot token",
            keywords: [":AA"], pattern: #"(?<![0-9A-Za-z])([0-9]{8,10}:AA[A-Za-z0-9_\-]{33})"# + end, secretGroup: 1),
    ].compactMap { $0 }

    static let payments: [LintRule] = [
        LintRule(
            id: "stripe-secret-key", severity: .critical, description: "Stripe live secret or restricted key",
            keywords: ["sk_live_", "rk_live_"], pattern: #"\b((?:sk|rk)_live_[A-Za-z0-9]{20,120})"#, secretGroup: 1),
        LintRule(
            id: "stripe-webhook-secret", severity: .high, description: "Stripe webhook signing secret",
            keywords: ["whsec_"], pattern: #"\b(whsec_[A-Za-z0-9+/=]{32,100})"#, secretGroup: 1),
        LintRule(
            id: "square-token", severity: .critical, description: "Square access token or OAuth secret",
            keywords: ["EAAA", "sq0atp-", "sq0csp-"],
            pattern: #"\b(EAAA[A-Za-z0-9_\-]{60}|sq0atp-[A-Za-z0-9_\-]{22}|sq0csp-[A-Za-z0-9_\-]{43})"# + end, secretGroup: 1),
        LintRule(
            id: "shopify-token", severity: .critical, description: "Shopify access token",
            keywords: ["shpat_", "shpca_", "shppa_", "shpss_"], pattern: #"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b"#,
            secretGroup: 1),
    ].compactMap { $0 }

    static let mail: [LintRule] = [
        LintRule(
            id: "twilio-api-key", severity: .high, description: "Twilio API key",
            keywords: ["SK"], pattern: #"\b(SK[0-9a-fA-F]{32})\b"#, secretGroup: 1),
        LintRule(
            id: "sendgrid-api-key", severity: .critical, description: "SendGrid API key",
            keywords: ["SG."], pattern: #"\b(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})"# + end, secretGroup: 1),
        LintRule(
            id: "mailgun-api-key", severity: .high, description: "Mailgun API key",
            keywords: ["key-"], pattern: #"\b(key-[0-9a-f]{32})\b"#, secretGroup: 1),
        LintRule(
            id: "mailchimp-api-key", severity: .high, description: "Mailchimp API key",
            keywords: ["-us"], pattern: #"\b([0-9a-f]{32}-us[0-9]{1,2})\b"#, secretGroup: 1),
    ].compactMap { $0 }

    static let ai: [LintRule] = [
        LintRule(
            id: "anthropic-api-key", severity: .critical, description: "Anthropic API key",
            keywords: ["sk-ant-"], pattern: #"\b(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\-]{32,200})"#, secretGroup: 1),
        LintRule(
            id: "openai-api-key", severity: .critical, description: "OpenAI API key",
            keywords: ["sk-proj-", "sk-svcacct-", "sk-admin-", "T3BlbkFJ"],
            pattern: #"\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,200}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"# + end,
            secretGroup: 1),
        LintRule(
            id: "huggingface-token", severity: .critical, description: "Hugging Face access token",
            keywords: ["hf_", "api_org_"], pattern: #"\b((?:hf_|api_org_)[A-Za-z]{34})"# + end, secretGroup: 1),
        LintRule(
            id: "groq-api-key", severity: .critical, description: "Groq API key",
            keywords: ["gsk_"], pattern: #"\b(gsk_[A-Za-z0-9]{52})"# + end, secretGroup: 1),
        LintRule(
            id: "replicate-api-token", severity: .critical, description: "Replicate API token",
            keywords: ["r8_"], pattern: #"\b(r8_[A-Za-z0-9]{37})"# + end, secretGroup: 1),
    ].compactMap { $0 }

    static let tools: [LintRule] = [
        LintRule(
            id: "dropbox-token", severity: .critical, description: "Dropbox access token",
            keywords: ["sl."], pattern: #"\b(sl\.(?:u\.)?[A-Za-z0-9_\-=]{130,1400})"# + end, secretGroup: 1),
        LintRule(
            id: "linear-api-key", severity: .high, description: "Linear API key",
            keywords: ["lin_api_"], pattern: #"\b(lin_api_[A-Za-z0-9]{40})\b"#, secretGroup: 1),
        LintRule(
            id: "notion-token", severity: .high, description: "Notion integration token",
            keywords: ["ntn_", "secret_"], pattern: #"\b(ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})\b"#, secretGroup: 1),
        LintRule(
            id: "postman-api-key", severity: .high, description: "Postman API key",
            keywords: ["PMAK-"], pattern: #"\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b"#, secretGroup: 1),
        LintRule(
            id: "sentry-token", severity: .high, description: "Sentry auth token",
            keywords: ["sntryu_", "sntrys_"], pattern: #"\b(sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_\-]{60,400})"#,
            secretGroup: 1),
        LintRule(
            id: "new-relic-api-key", severity: .high, description: "New Relic user API key",
            keywords: ["NRAK-"], pattern: #"\b(NRAK-[A-Z0-9]{27})\b"#, secretGroup: 1),
        LintRule(
            id: "grafana-token", severity: .high, description: "Grafana Cloud or service-account token",
            keywords: ["glc_", "glsa_"], pattern: #"\b(glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})"#,
            secretGroup: 1),
        LintRule(
            id: "mapbox-secret-token", severity: .high, description: "Mapbox secret access token",
            keywords: ["sk.eyJ"], pattern: #"\b(sk\.eyJ[A-Za-z0-9_\-]{50,400}\.[A-Za-z0-9_\-]{20,100})"# + end, secretGroup: 1),
    ].compactMap { $0 }
}
