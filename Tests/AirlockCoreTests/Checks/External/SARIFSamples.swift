@testable import AirlockCore

/// SARIF logs in the shapes real tools write, by hand where the tool does not install
/// here. Secrets are made at run time, so no token-shaped literal sits in the repository.
enum SARIFSamples {
    static let shellRule = "python.lang.security.audit.subprocess-shell-true.subprocess-shell-true"
    static let yamlRule = "python.lang.security.deserialization.avoid-pyyaml-load.avoid-pyyaml-load"
    static let sqlRule = "python.django.security.injection.sql.sql-injection-using-raw.sql-injection-using-raw"

    /// semgrep `--sarif`: the level on the rules (`defaultConfiguration`), none on the
    /// results; `%SRCROOT%`-relative URIs without declaring the base; one result through
    /// `ruleIndex`, one rule with a security-severity score, snippets and fingerprints.
    static let semgrep = """
        {
          "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
          "version": "2.1.0",
          "runs": [{
            "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": []}],
            "tool": {"driver": {
              "name": "Semgrep OSS",
              "semanticVersion": "1.95.0",
              "rules": [
                {"id": "\(shellRule)", "name": "\(shellRule)",
                 "defaultConfiguration": {"level": "error"},
                 "shortDescription": {"text": "Semgrep Finding: \(shellRule)"},
                 "fullDescription": {"text": "Found 'subprocess' function with 'shell=True'."},
                 "properties": {"precision": "very-high", "tags": ["CWE-78: OS Command Injection", "HIGH CONFIDENCE", "security"]}},
                {"id": "\(yamlRule)", "name": "\(yamlRule)",
                 "defaultConfiguration": {"level": "warning"},
                 "shortDescription": {"text": "Semgrep Finding: \(yamlRule)"},
                 "properties": {"tags": ["CWE-502: Deserialization of Untrusted Data"]}},
                {"id": "\(sqlRule)", "name": "\(sqlRule)",
                 "defaultConfiguration": {"level": "note"},
                 "shortDescription": {"text": "Semgrep Finding: \(sqlRule)"},
                 "properties": {"security-severity": "9.8", "tags": ["CWE-89"]}}
              ]
            }},
            "results": [
              {"ruleId": "\(shellRule)",
               "message": {"text": "Found 'subprocess' function 'run' with 'shell=True'. This is dangerous."},
               "fingerprints": {"matchBasedId/v1": "0f0f"},
               "properties": {},
               "locations": [{"physicalLocation": {
                 "artifactLocation": {"uri": "app/util.py", "uriBaseId": "%SRCROOT%"},
                 "region": {"startLine": 5, "startColumn": 5, "endLine": 7, "endColumn": 6,
                            "snippet": {"text": "    subprocess.run(\\"git log \\" + branch, shell=True)"}}}}]},
              {"ruleId": "\(yamlRule)", "ruleIndex": 1,
               "message": {"text": "Avoid using insecure deserialization library, backed by `pickle`."},
               "locations": [{"physicalLocation": {
                 "artifactLocation": {"uri": "app/config%20loader.py", "uriBaseId": "%SRCROOT%"},
                 "region": {"startLine": 12, "endLine": 12}}}]},
              {"ruleId": "\(sqlRule)",
               "message": {"text": "Raw SQL built from a request parameter."},
               "locations": [{"physicalLocation": {
                 "artifactLocation": {"uri": "app/views.py", "uriBaseId": "%SRCROOT%"},
                 "region": {"startLine": 40}}}]},
              {"ruleId": "\(yamlRule)", "level": "error",
               "message": {"text": "The result's own level wins over the rule's."},
               "locations": [{"physicalLocation": {
                 "artifactLocation": {"uri": "app/util.py", "uriBaseId": "%SRCROOT%"},
                 "region": {"startLine": 30}}}]}
            ]
          }]
        }
        """

    static let awsKey = "AKIA" + LintFixtures.random(LintFixtures.upper + "234567", 16, seed: 11)

    /// gitleaks `detect -f sarif`: rules with a description only, no level anywhere, the
    /// secret itself as the snippet, commit data in the fingerprints.
    static let gitleaks = """
        {
         "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
         "version": "2.1.0",
         "runs": [
          {
           "tool": {
            "driver": {
             "name": "gitleaks",
             "semanticVersion": "v8.21.2",
             "informationUri": "https://github.com/gitleaks/gitleaks",
             "rules": [
              {"id": "aws-access-token", "shortDescription": {"text": "Identified a pattern that may indicate AWS credentials."}},
              {"id": "generic-api-key", "shortDescription": {"text": "Detected a Generic API Key."}}
             ]
            }
           },
           "results": [
            {
             "message": {"text": "aws-access-token has detected secret for file config/settings.py."},
             "ruleId": "aws-access-token",
             "locations": [
              {
               "physicalLocation": {
                "artifactLocation": {"uri": "config/settings.py"},
                "region": {"startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 34, "snippet": {"text": "\(awsKey)"}}
               }
              }
             ],
             "partialFingerprints": {"commitSha": "", "email": "", "author": "", "date": "", "commitMessage": ""},
             "properties": {"tags": []}
            }
           ]
          }
         ]
        }
        """

    /// bandit with the `bandit[sarif]` formatter: levels on the results and bandit's own
    /// severity and confidence in their properties.
    static let banditSARIF = """
        {"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
         "runs": [{"tool": {"driver": {"name": "Bandit", "organization": "PyCQA",
                                       "rules": [{"id": "B602", "name": "subprocess_popen_with_shell_equals_true"},
                                                 {"id": "B403", "name": "blacklist"}]}},
                   "results": [
                     {"ruleId": "B602", "ruleIndex": 0, "level": "warning",
                      "message": {"text": "subprocess call with shell=True identified, security issue."},
                      "properties": {"issue_severity": "HIGH", "issue_confidence": "HIGH"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": "hostile.py"},
                                                          "region": {"startLine": 3, "snippet": {"text": "subprocess.call(cmd, shell=True)"}}}}]},
                     {"ruleId": "B403", "ruleIndex": 1, "level": "note",
                      "message": {"text": "Consider possible security implications associated with pickle module."},
                      "properties": {"issue_severity": "LOW", "issue_confidence": "HIGH"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": "hostile.py"}, "region": {"startLine": 1}}}]}
                   ]}]}
        """

    /// A run of the smallest valid shape holding `results`, with `rules` on its driver.
    static func log(results: String, rules: String = "[]", run extra: String = "") -> String {
        """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "probe", "rules": \(rules)}}\(extra), "results": [\(results)]}]}
        """
    }

    /// A result of `rule` at `uri`, line `line`.
    static func result(_ rule: String = "r1", uri: String = "a.py", line: Int = 1, extra: String = "") -> String {
        """
        {"ruleId": "\(rule)", "message": {"text": "m"}\(extra), "locations": [{"physicalLocation": {"artifactLocation": {"uri": "\(uri)"}, "region": {"startLine": \(line)}}}]}
        """
    }

    static func parse(_ text: String, source: String? = nil, scratchRoot: String? = nil) throws -> [LintFinding] {
        try ExternalFindings.parseSARIF(Array(text.utf8), source: source, scratchRoot: scratchRoot)
    }

    /// The error reading `text` gives, as a reviewer reads it.
    static func failure(_ text: String, source: String? = nil) -> String? {
        do {
            _ = try ExternalFindings.parseSARIF(Array(text.utf8), source: source)
            return nil
        } catch {
            return error.description
        }
    }
}
