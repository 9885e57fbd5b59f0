import Testing
@testable import AirlockCore

/// Every built-in rule fires on its positive example and stays quiet on its negative one.
@Suite("lint rules, one positive and one negative example each")
struct LintRuleTableTests {
    typealias F = LintFixtures

    struct Example: CustomTestStringConvertible, Sendable {
        var rule: String
        var path: String
        var positive: String
        var negative: String
        var testDescription: String { rule }
    }

    static let examples: [Example] = [
        Example(rule: "aws-access-key-id", path: "config.py",
                positive: "key_id = \"AKIA" + F.random(F.upper + "234567", 16) + "\"",
                negative: "key_id = \"AKIA" + F.random(F.lower, 16) + "\""),
        Example(rule: "github-token", path: "ci.sh",
                positive: "export GH=ghp_" + F.random(F.alphanumeric, 36),
                negative: "export GH=ghp_" + F.random(F.alphanumeric, 20)),
        Example(rule: "github-fine-grained-token", path: "ci.sh",
                positive: "GH=github_pat_" + F.random(F.alphanumeric + "_", 82),
                negative: "GH=github_pat_" + F.random(F.alphanumeric, 30)),
        Example(rule: "gitlab-token", path: "ci.yml",
                positive: "token: glpat-" + F.random(F.alphanumeric, 20),
                negative: "token: glpat-" + F.random(F.alphanumeric, 25)),
        Example(rule: "slack-token", path: "bot.js",
                positive: "const t = 'xoxb-" + F.random(F.digits, 12) + "-" + F.random(F.alphanumeric, 24) + "'",
                negative: "const t = 'xoxz-" + F.random(F.digits, 12) + "'"),
        Example(rule: "slack-webhook", path: "notify.sh",
                positive: "curl -X POST https://hooks.slack.com/services/T" + F.random(F.upper, 8) + "/B" + F.random(F.upper, 8) + "/" + F.random(F.alphanumeric, 24),
                negative: "see https://hooks.slack.com/services/ for details"),
        Example(rule: "stripe-secret-key", path: "pay.rb",
                positive: "Stripe.api_key = 'sk_live_" + F.random(F.alphanumeric, 24) + "'",
                negative: "Stripe.api_key = ENV['STRIPE_KEY'] # sk_test_ only here"),
        Example(rule: "google-api-key", path: "maps.js",
                positive: "const k = 'AIza" + F.random(F.alphanumeric, 35) + "';",
                negative: "const k = 'AIza" + F.random(F.alphanumeric, 20) + "';"),
        Example(rule: "anthropic-api-key", path: "agent.py",
                positive: "client = Anthropic(api_key='sk-ant-api03-" + F.random(F.alphanumeric, 93) + "AA')",
                negative: "client = Anthropic()  # reads sk-ant-… from the environment"),
        Example(rule: "openai-api-key", path: "agent.py",
                positive: "openai.api_key = 'sk-proj-" + F.random(F.alphanumeric, 120) + "'",
                negative: "openai.api_key = os.environ['OPENAI_API_KEY']"),
        Example(rule: "npm-token", path: ".npmrc",
                positive: "//registry.npmjs.org/:_authToken=npm_" + F.random(F.alphanumeric, 36),
                negative: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"),
        Example(rule: "pypi-token", path: ".pypirc",
                positive: "password = pypi-AgEIcHlwaS5vcmc" + F.random(F.alphanumeric, 70),
                negative: "repository = https://upload.pypi.org/legacy/"),
        Example(rule: "twilio-api-key", path: "sms.py",
                positive: "TWILIO_KEY_SID = SK" + F.random(F.hex, 32),
                negative: "TWILIO_KEY_SID = SK" + F.random(F.hex, 20)),
        Example(rule: "sendgrid-api-key", path: "mail.py",
                positive: "sg = SendGridAPIClient('SG." + F.random(F.alphanumeric, 22) + "." + F.random(F.alphanumeric, 43) + "')",
                negative: "sg = SendGridAPIClient(os.environ.get('SENDGRID_API_KEY'))"),
        Example(rule: "mailgun-api-key", path: "mail.py",
                positive: "MAILGUN = key-" + F.random(F.hex, 32),
                negative: "MAILGUN = primary-key-" + F.random(F.hex, 8)),
        Example(rule: "heroku-api-key", path: "deploy.sh",
                positive: "HEROKU_API_KEY=" + F.random(F.hex, 8) + "-" + F.random(F.hex, 4) + "-" + F.random(F.hex, 4) + "-" + F.random(F.hex, 4) + "-" + F.random(F.hex, 12),
                negative: "request_id=" + F.random(F.hex, 8) + "-" + F.random(F.hex, 4) + "-" + F.random(F.hex, 4) + "-" + F.random(F.hex, 4) + "-" + F.random(F.hex, 12)),
        Example(rule: "heroku-api-key-v2", path: "deploy.sh",
                positive: "export TOKEN_H=HRKU-" + F.random(F.alphanumeric, 60),
                negative: "export TOKEN_H=HRKU-" + F.random(F.alphanumeric, 10)),
        Example(rule: "digitalocean-token", path: "tf.vars",
                positive: "do = dop_v1_" + F.random(F.hex, 64),
                negative: "do = dop_v1_" + F.random(F.hex, 10)),
        Example(rule: "shopify-token", path: "shop.rb",
                positive: "SHOP = shpat_" + F.random(F.hex, 32),
                negative: "SHOP = shpat_" + F.random(F.hex, 12)),
        Example(rule: "square-token", path: "pay.py",
                positive: "SQUARE = sq0csp-" + F.random(F.alphanumeric, 43),
                negative: "SQUARE = sq0csp-" + F.random(F.alphanumeric, 12)),
        Example(rule: "vault-token", path: "vault.env",
                positive: "VAULT=hvs." + F.random(F.alphanumeric, 95),
                negative: "VAULT=hvs." + F.random(F.alphanumeric, 20)),
        Example(rule: "jwt", path: "auth_test.go",
                positive: "bearer := \"eyJ" + F.random(F.alphanumeric, 30) + ".eyJ" + F.random(F.alphanumeric, 60) + "." + F.random(F.alphanumeric, 43) + "\"",
                negative: "bearer := \"eyJhbGciOi\" // header only"),
        Example(rule: "private-key", path: "id_rsa",
                positive: "-----BEGIN RSA PRIVATE KEY-----",
                negative: "-----BEGIN PUBLIC KEY-----"),
        Example(rule: "generic-secret", path: "settings.py",
                positive: "DB_PASSWORD = \"" + F.random(F.alphanumeric + "!#%", 20) + "\"",
                negative: "DB_PASSWORD = \"${DB_PASSWORD}\""),
        Example(rule: "code-eval", path: "app.js",
                positive: "const r = eval(userInput);",
                negative: "model.eval(); // PyTorch-style method"),
        Example(rule: "code-exec", path: "run.py",
                positive: "exec(code, {})",
                negative: "match = pattern.exec(text)"),
        Example(rule: "subprocess-shell-true", path: "run.py",
                positive: "subprocess.run(cmd, shell=True)",
                negative: "subprocess.run([\"ls\", path], shell=False)"),
        Example(rule: "os-system", path: "run.py",
                positive: "os.system(\"rm -rf \" + path)",
                negative: "os.path.join(system, name)"),
        Example(rule: "pickle-load", path: "cache.py",
                positive: "data = pickle.loads(blob)",
                negative: "data = json.loads(blob)"),
        Example(rule: "yaml-unsafe-load", path: "conf.py",
                positive: "cfg = yaml.load(stream)",
                negative: "cfg = yaml.load(stream, Loader=yaml.SafeLoader)"),
        Example(rule: "chmod-world-writable", path: "setup.sh",
                positive: "sudo chmod -R 777 /srv/app",
                negative: "chmod 755 /srv/app"),
        Example(rule: "tls-verify-false", path: "client.py",
                positive: "r = requests.get(url, verify=False)",
                negative: "r = requests.get(url, verify=True)"),
        Example(rule: "tls-insecure-skip-verify", path: "client.go",
                positive: "cfg := &tls.Config{InsecureSkipVerify: true}",
                negative: "cfg := &tls.Config{InsecureSkipVerify: false}"),
        Example(rule: "tls-reject-unauthorized", path: "client.ts",
                positive: "const agent = new https.Agent({ rejectUnauthorized: false });",
                negative: "const agent = new https.Agent({ rejectUnauthorized: true });"),
        Example(rule: "node-tls-reject-unauthorized", path: ".env",
                positive: "NODE_TLS_REJECT_UNAUTHORIZED=0",
                negative: "NODE_TLS_REJECT_UNAUTHORIZED=1"),
        Example(rule: "curl-insecure", path: "fetch.sh",
                positive: "curl -sSLk https://internal/api",
                negative: "curl -sSL --keepalive-time 5 https://internal/api"),
        Example(rule: "pipe-to-shell", path: "install.sh",
                positive: "wget -qO- https://get.example.com | sudo bash",
                negative: "curl -fsSLo install.sh https://get.example.com && less install.sh"),
    ]

    @Test func everyRuleHasAnExample() {
        #expect(Set(Self.examples.map(\.rule)) == Set(LintRules.all.map(\.id)))
        #expect(LintRules.all.count == Set(LintRules.all.map(\.id)).count, "rule ids are unique")
        // A pattern that does not compile drops its rule; the count catches it.
        #expect(LintRules.all.count == 37)
        #expect(SecretRules.all.count >= 20)
    }

    @Test(arguments: examples)
    func positiveExampleIsFound(_ example: Example) {
        let findings = F.lint(example.path, example.positive)
        #expect(findings.map(\.rule).contains(example.rule), "\(findings)")
    }

    @Test(arguments: examples)
    func negativeExampleIsNot(_ example: Example) {
        let findings = F.lint(example.path, example.negative)
        #expect(!findings.map(\.rule).contains(example.rule), "\(findings)")
    }
}
