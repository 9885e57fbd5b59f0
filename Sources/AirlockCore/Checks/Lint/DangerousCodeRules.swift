/// Code that is dangerous whoever wrote it, and worth a second look when an agent did:
/// evaluation of strings, shells, unsafe deserialisation, world-writable files, TLS
/// verification turned off, and scripts piped from the network into a shell.
enum DangerousCodeRules {
    static let python = ["*.py", "*.pyw"]
    static let javaScript = ["*.js", "*.mjs", "*.cjs", "*.jsx", "*.ts", "*.tsx"]
    /// Where SQL is written as strings in code (not `.sql` files, which are SQL).
    static let sqlHosts = python + javaScript + [
        "*.rb", "*.php", "*.java", "*.kt", "*.scala", "*.go", "*.cs", "*.swift", "*.rs", "*.pl", "*.sh",
    ]
    /// What follows a closing quote when the string is joined with values.
    static let glued = #"(?:\+\s*[A-Za-z_$(]|%\s*[A-Za-z_(]|\.format\s*\()"#
    static let sqlVerb = #"(?i:select\s[^"'`\n]{0,200}?\bfrom|insert\s+into|update\s[^"'`\n]{0,100}?\bset|delete\s+from)\b"#

    static let all: [LintRule] = [
        // `model.eval()` and `regex.exec(…)` are methods, not the builtins: no `.` before.
        LintRule(
            id: "code-eval", severity: .medium, description: "eval() runs a string as code",
            keywords: ["eval"], pattern: #"(?<![\w.$])eval\s*\("#, files: python + javaScript),
        LintRule(
            id: "code-exec", severity: .medium, description: "exec() runs a string as code or a command line",
            keywords: ["exec"], pattern: #"(?<![\w.$])exec\s*\("#, files: python + javaScript),
        LintRule(
            id: "subprocess-shell-true", severity: .medium, description: "subprocess with shell=True runs its command through a shell",
            keywords: ["shell"], pattern: #"\bshell\s*=\s*True\b"#, files: python),
        LintRule(
            id: "os-system", severity: .medium, description: "os.system() runs a command line through a shell",
            keywords: ["os.system"], pattern: #"\bos\.system\s*\("#, files: python),
        LintRule(
            id: "pickle-load", severity: .medium, description: "unpickling runs code chosen by whoever wrote the data",
            keywords: ["pickle.load", "Pickle.load", "dill.load"], pattern: #"\b(?:c?[Pp]ickle|dill)\.loads?\s*\("#, files: python),
        LintRule(
            id: "yaml-unsafe-load", severity: .medium, description: "yaml.load() without SafeLoader can build arbitrary objects",
            keywords: ["yaml."],
            pattern: #"\byaml\.(?:unsafe_load(?:_all)?\s*\(|load(?:_all)?\s*\((?![^)\n]{0,300}Loader\s*=\s*(?:yaml\.)?C?SafeLoader))"#,
            files: python),
        LintRule(
            id: "chmod-world-writable", severity: .medium, description: "mode 777 makes a file writable by every user",
            keywords: ["chmod"],
            pattern: #"\bchmod\s+(?:-[A-Za-z]+\s+)*(?:0?777|[augo]*a[augo]*\+rwx|ugo\+rwx)(?![\w])|\bchmod\s*\([^)\n]{0,200}\b0o?777\b"#),
        LintRule(
            id: "tls-verify-false", severity: .high, description: "TLS certificate verification disabled (verify=False)",
            keywords: ["verify"], pattern: #"\bverify\s*=\s*False\b"#, files: python),
        LintRule(
            id: "tls-insecure-skip-verify", severity: .high, description: "TLS certificate verification disabled (InsecureSkipVerify)",
            keywords: ["InsecureSkipVerify"], pattern: #"\bInsecureSkipVerify\s*:\s*true\b"#),
        LintRule(
            id: "tls-reject-unauthorized", severity: .high, description: "TLS certificate verification disabled (rejectUnauthorized: false)",
            keywords: ["rejectUnauthorized"], pattern: #"\brejectUnauthorized["']?\s*:\s*false\b"#),
        LintRule(
            id: "node-tls-reject-unauthorized", severity: .high, description: "TLS certificate verification disabled for all of Node",
            keywords: ["NODE_TLS_REJECT_UNAUTHORIZED"], pattern: #"\bNODE_TLS_REJECT_UNAUTHORIZED["']?\s*[=:]\s*["']?0\b"#),
        LintRule(
            id: "curl-insecure", severity: .high, description: "curl with TLS certificate verification disabled (-k, --insecure)",
            keywords: ["curl"], pattern: #"\bcurl\b[^|;&\n]{0,300}?\s(?:--insecure\b|-[A-Za-z]*k[A-Za-z]*(?![\w\-]))"#),
        // `curl … | sh`, `wget -qO- … | sudo -E bash`, `bash <(curl …)`, `sh -c "$(curl …)"`.
        LintRule(
            id: "pipe-to-shell", severity: .high, description: "script downloaded and piped straight into a shell",
            keywords: ["curl", "wget"],
            pattern: #"\b(?:curl|wget)\b[^|\n]{0,400}\|\s*(?:sudo\s+(?:-\S+\s+){0,5})?(?:ba|z|da|k)?sh\b"#
                + #"|\b(?:ba|z|da|k)?sh\s+(?:-\S+\s+){0,5}(?:<\(\s*|-c\s+["']?\$\(\s*)(?:curl|wget)\b"#),
        // A SQL statement as a string literal glued to something else: `+`, `%`,
        // or `.format(`. Parameterised queries (`?`, `%s` with the
        // values passed apart) pass.
        LintRule(
            id: "sql-concatenation", severity: .medium, description: "SQL built by joining strings (injection risk)",
            keywords: ["select", "insert", "update", "delete"],
            pattern: #""\s*"# + sqlVerb + #"[^"\n]{0,300}"\s*"# + glued + #"|'\s*"# + sqlVerb + #"[^'\n]{0,300}'\s*"# + glued,
            files: sqlHosts),
        // Interpolation into a SQL string: Python f-strings, JavaScript template
        // literals (a `sql` tag escapes, so tagged ones pass), Ruby's `#{…}`.
        LintRule(
            id: "sql-interpolation", severity: .medium, description: "SQL built by string interpolation (injection risk)",
            keywords: ["select", "insert", "update", "delete"],
            pattern: #"\b[fF][rR]?["']\s*"# + sqlVerb + #"[^"'\n]{0,300}\{[^}\n]{1,100}\}"#
                + #"|(?<![\w.])`\s*"# + sqlVerb + #"[^`\n]{0,300}\$\{"#
                + #"|"\s*"# + sqlVerb + #"[^"\n]{0,300}#\{"#,
            files: sqlHosts),
    ].compactMap { $0 }
}
