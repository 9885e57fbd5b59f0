import Testing
@testable import AirlockCore

/// Where secrets hide in real patches: split across lines, in comments, in test
/// fixtures, and already in the file before the patch (only added lines count).
@Suite("lint corpus: secrets in context")
struct LintCorpusScenarioTests {
    typealias F = LintFixtures

    static let awsKey = "AKIA" + F.random(F.upper + "234567", 16, seed: 11)

    @Test func aSecretSplitAcrossLinesIsNotReassembled() {
        // A line engine sees each half alone; neither is a key. This pins the limit
        // down, so a change that starts (or stops) joining lines is noticed.
        let findings = LintEngine.scan(F.creating("keys.py", [
            "KEY = (\"\(Self.awsKey.prefix(10))\"",
            "       \"\(Self.awsKey.dropFirst(10))\")",
        ]))
        #expect(!findings.map(\.rule).contains("aws-access-key-id"), "\(findings)")
    }

    @Test func aPrivateKeyOverManyLinesIsOneFindingAtItsFirstLine() {
        let body = (0..<20).map { _ in F.random(F.alphanumeric + "+/", 64) }
        let findings = LintEngine.scan(F.creating("deploy/id_ed25519", ["-----BEGIN OPENSSH PRIVATE KEY-----"] + body + ["-----END OPENSSH PRIVATE KEY-----"]))
        #expect(findings.map { "\($0.rule)@\($0.line)" } == ["private-key@1"])
    }

    @Test func aServiceAccountKeyIsReportedOnceNotAlsoAsAPrivateKeyBlock() {
        let line = "\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQ" + F.random(F.alphanumeric, 64) + "\\n-----END PRIVATE KEY-----\\n\","
        #expect(F.lint("sa.json", line).map(\.rule) == ["gcp-service-account-key"])
    }

    @Test func secretsInCommentsCount() {
        #expect(F.lint("app.py", "# old key: \(Self.awsKey)").map(\.rule) == ["aws-access-key-id"])
        #expect(F.lint("app.js", "/* token ghp_\(F.random(F.alphanumeric, 36)) */").map(\.rule) == ["github-token"])
        #expect(F.lint("app.go", "// \(Self.awsKey)").map(\.rule) == ["aws-access-key-id"])
    }

    @Test func secretsInTestFixturesCountUntilMarked() {
        let fixture = "    \"aws_key\": \"\(Self.awsKey)\","
        let plain = F.lint("tests/fixtures/credentials.json", fixture)
        #expect(plain.map(\.rule) == ["aws-access-key-id"])
        #expect(plain.allSatisfy { $0.counts })
        let marked = F.lint("tests/fixtures/creds.py", "KEY = \"\(Self.awsKey)\"  # airlock:allow test fixture")
        #expect(marked.map(\.rule) == ["aws-access-key-id"])
        #expect(marked.map(\.suppressed) == ["marker on the line"])
    }

    @Test func aSecretAlreadyInTheFileIsNotReported() throws {
        let text = """
            diff --git a/config.env b/config.env
            --- a/config.env
            +++ b/config.env
            @@ -1,4 +1,4 @@
             AWS_KEY=\(Self.awsKey)
            -OLD_KEY=\(Self.awsKey)
            +OLD_KEY=
             # \(Self.awsKey)
             DEBUG=1

            """
        #expect(LintEngine.scan(try PatchFixtures.parse(text)) == [])
    }

    @Test func aSecretMovedByThePatchIsReportedAtItsNewLine() throws {
        // Removed at line 1 and added at line 3: the added line is new bytes in the file.
        let text = """
            diff --git a/config.env b/config.env
            --- a/config.env
            +++ b/config.env
            @@ -1,3 +1,3 @@
            -AWS_KEY=\(Self.awsKey)
             A=1
             B=2
            +AWS_KEY=\(Self.awsKey)

            """
        #expect(LintEngine.scan(try PatchFixtures.parse(text)).map { "\($0.rule)@\($0.line)" } == ["aws-access-key-id@3"])
    }

    @Test func pipedInstallersInTheirDisguises() {
        for line in [
            "curl -fsSL https://get.example.com | sh",
            "wget -qO- https://get.example.com | sudo bash",
            "wget -qO- https://get.example.com | sudo -E bash -",
            "bash <(curl -fsSL https://get.example.com)",
            "sh -c \"$(curl -fsSL https://get.example.com)\"",
            "zsh -c '$(wget -qO- https://get.example.com)'",
        ] {
            #expect(F.lint("install.sh", line).map(\.rule).contains("pipe-to-shell"), "\(line)")
        }
        for line in [
            "curl -fsSLo install.sh https://get.example.com",
            "bash <(echo hi) # curl later",
            "wget https://example.com/file.tar.gz && tar xf file.tar.gz",
        ] {
            #expect(!F.lint("install.sh", line).map(\.rule).contains("pipe-to-shell"), "\(line)")
        }
    }

    @Test func sqlBuiltFromStringsInEachForm() {
        let built = [
            ("db.py", "cur.execute(\"SELECT name FROM users WHERE id = '%s'\" % user_id)", "sql-concatenation"),
            ("db.py", "cur.execute(\"DELETE FROM jobs WHERE id = {}\".format(job))", "sql-concatenation"),
            ("db.js", "db.query('UPDATE users SET name = ' + name)", "sql-concatenation"),
            ("Repo.java", "stmt.executeQuery(\"SELECT * FROM t WHERE a = \" + a);", "sql-concatenation"),
            ("db.py", "cur.execute(f'INSERT INTO logs VALUES ({msg})')", "sql-interpolation"),
            ("db.rb", "conn.exec(\"SELECT * FROM users WHERE id = #{params[:id]}\")", "sql-interpolation"),
        ]
        for (path, line, rule) in built {
            #expect(F.lint(path, line).map(\.rule).contains(rule), "\(line)")
        }
        let safe = [
            ("db.py", "cur.execute(\"SELECT name FROM users WHERE id = ?\", (user_id,))"),
            ("db.py", "print(f\"selected {count} rows from the table\")"),
            ("ui.js", "label = 'Update ' + name"),
            ("schema.sql", "SELECT * FROM users WHERE id = ' + x"),
        ]
        for (path, line) in safe {
            let rules = F.lint(path, line).map(\.rule)
            #expect(!rules.contains("sql-concatenation") && !rules.contains("sql-interpolation"), "\(line)")
        }
    }

    @Test func tlsVerificationDisabledInEachLanguage() {
        #expect(F.lint("c.py", "requests.post(u, data=d, verify=False)").map(\.rule) == ["tls-verify-false"])
        #expect(F.lint("c.go", "tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}").map(\.rule) == ["tls-insecure-skip-verify"])
        #expect(F.lint("c.js", "https.request({ host, rejectUnauthorized: false })").map(\.rule) == ["tls-reject-unauthorized"])
        #expect(F.lint("deploy/app.env", "export NODE_TLS_REJECT_UNAUTHORIZED=0").map(\.rule) == ["node-tls-reject-unauthorized"])
        #expect(F.lint("get.sh", "curl --insecure -o out https://x").map(\.rule) == ["curl-insecure"])
    }
}
