import Testing
@testable import AirlockCore

@Suite("WorkspaceConfig")
struct WorkspaceConfigTests {
    private let file = ".airlock/config.toml"

    private func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            let config = try WorkspaceConfig.parse(text, file: file)
            Issue.record("parsed as \(config)", sourceLocation: sourceLocation)
            return ""
        } catch {
            return error.description
        }
    }

    // MARK: - The template

    @Test func templateParsesToTheDefaults() throws {
        #expect(try WorkspaceConfig.parse(WorkspaceConfig.template, file: file) == .defaults)
    }

    @Test func defaultsAreTheDocumentedOnes() {
        let defaults = WorkspaceConfig.defaults
        #expect(defaults.approvers == [])
        #expect(defaults.gates.protectedPaths == [".github/workflows/**", ".gitlab-ci.yml", ".env*", "*.lock"])
        #expect(defaults.gates.maxFiles == 50)
        #expect(defaults.gates.maxLines == 1000)
        #expect(defaults.store.busyTimeoutMilliseconds == 5000)
        #expect(defaults.review.editor == "")
        #expect(defaults.quota.maxProposalBytes == 16 * 1024 * 1024)
        #expect(defaults.quota.maxWaitingPerAgent == 200)
        #expect(defaults.agents.staleAfterSeconds == 600)
    }

    /// Each line of the template that sets a value, changed, and the field it must reach.
    static let templateEdits: [(line: String, changed: String, check: @Sendable (WorkspaceConfig) -> Bool)] = [
        ("approvers = []", #"approvers = ["ana", "bob@10.0.0.7"]"#, { $0.approvers == ["ana", "bob@10.0.0.7"] }),
        (#"protected_paths = [".github/workflows/**", ".gitlab-ci.yml", ".env*", "*.lock"]"#,
         #"protected_paths = ["secrets/"]"#, { $0.gates.protectedPaths == ["secrets/"] }),
        ("max_files = 50", "max_files = 7", { $0.gates.maxFiles == 7 }),
        ("max_lines = 1000", "max_lines = 0", { $0.gates.maxLines == 0 }),
        ("busy_timeout_ms = 5000", "busy_timeout_ms = 250", { $0.store.busyTimeoutMilliseconds == 250 }),
        (#"editor = """#, #"editor = "vim -u NONE""#, { $0.review.editor == "vim -u NONE" }),
        ("max_proposal_bytes = 16777216", "max_proposal_bytes = 4096", { $0.quota.maxProposalBytes == 4096 }),
        ("max_waiting_per_agent = 200", "max_waiting_per_agent = 3", { $0.quota.maxWaitingPerAgent == 3 }),
        ("stale_after_s = 600", "stale_after_s = 0", { $0.agents.staleAfterSeconds == 0 }),
        (#"theme = "default""#, #"theme = "light""#, { $0.cockpit.theme == "light" }),
        ("bell = false", "bell = true", { $0.cockpit.bell }),
        (#"notifications = "off""#, #"notifications = "osc777""#, { $0.cockpit.notifications == .osc777 }),
        ("tests_must_pass = true", "tests_must_pass = false", { !$0.gates.testsMustPass }),
        (#"block_findings_at = "high""#, #"block_findings_at = "off""#, { $0.gates.blockFindingsAt == nil }),
        (#"sandbox = "bubblewrap""#, #"sandbox = "off""#, { $0.checks.sandbox == .off }),
        ("run_in_cockpit = true", "run_in_cockpit = false", { !$0.checks.runInCockpit }),
        ("claim_s = 30", "claim_s = 90", { $0.checks.claimSeconds == 90 }),
        ("lint = true", "lint = false", { !$0.checks.lint }),
        ("read_only = []", #"read_only = ["~/.pyenv", "/opt/tools"]"#, { $0.checks.readOnly == ["~/.pyenv", "/opt/tools"] }),
        ("wait_s = 240", "wait_s = 5", { $0.hooks.waitSeconds == 5 }),
        ("# [[tests]]", "[[tests]]\nname = \"unit\"\ncommand = \"true\"", {
            $0.tests == [WorkspaceConfig.TestCommand(name: "unit", command: "true")]
        }),
        ("# [[linters]]", "[[linters]]\nname = \"sh\"\ncommand = \"shellcheck -f json *.sh\"\nformat = \"shellcheck-json\"", {
            $0.linters == [WorkspaceConfig.LinterCommand(name: "sh", command: "shellcheck -f json *.sh", format: .shellcheckJSON)]
        }),
    ]

    @Test func cockpitSettingsAreReadStrictly() {
        #expect(throws: ConfigError.self) { try WorkspaceConfig.parse("[cockpit]\nbell = \"yes\"\n", file: "c.toml") }
        do {
            _ = try WorkspaceConfig.parse("[cockpit]\n\nnotifications = \"osc52\"\n", file: "c.toml")
            Issue.record("osc52 was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.description.contains("osc9"))
        }
    }

    @Test func everySettingIsInTheTemplate() throws {
        for edit in Self.templateEdits {
            let lines = WorkspaceConfig.template.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.filter { $0 == edit.line }.count == 1, "template line \(edit.line)")
            let text = lines.map { $0 == edit.line ? edit.changed : String($0) }.joined(separator: "\n")
            let config = try WorkspaceConfig.parse(text, file: file)
            #expect(edit.check(config), "\(edit.changed)")
            #expect(config != .defaults)
        }
        // A field added to the struct without a line here (and in the template) fails this.
        #expect(Self.leafFieldCount(of: WorkspaceConfig.defaults) == Self.templateEdits.count)
    }

    @Test func everySettingInTheTemplateIsCommentedWithItsDefault() {
        let lines = WorkspaceConfig.template.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.contains(" = ") && !line.hasPrefix("#") {
            #expect(index > 0 && lines[index - 1].hasPrefix("# "), "no comment above \(line)")
            let comment = lines[..<index].reversed().prefix { $0.hasPrefix("#") }
            #expect(comment.contains { $0.contains("Default") }, "no default named above \(line)")
        }
    }

    /// Stored properties of the config's sections, counted recursively.
    private static func leafFieldCount(of value: Any) -> Int {
        let children = Mirror(reflecting: value).children
        return children.reduce(0) { total, child in
            let mirror = Mirror(reflecting: child.value)
            let isSection = mirror.displayStyle == .struct && !mirror.children.isEmpty
            return total + (isSection ? leafFieldCount(of: child.value) : 1)
        }
    }

    // MARK: - Reading

    @Test func emptyFileIsTheDefaults() throws {
        #expect(try WorkspaceConfig.parse("", file: file) == .defaults)
        #expect(try WorkspaceConfig.parse("# nothing here\n\n", file: file) == .defaults)
    }

    @Test func aPartialFileKeepsTheOtherDefaults() throws {
        let config = try WorkspaceConfig.parse("""
            approvers = ["ana@local"]
            [gates]
            max_files = 3
            """, file: file)
        var expected = WorkspaceConfig.defaults
        expected.approvers = ["ana@local"]
        expected.gates.maxFiles = 3
        #expect(config == expected)
    }

    @Test func dottedKeysAndInlineTablesWork() throws {
        let config = try WorkspaceConfig.parse("""
            gates.max_lines = 10
            store = { busy_timeout_ms = 0 }
            review.editor = 'nano'
            """, file: file)
        #expect(config.gates.maxLines == 10)
        #expect(config.store.busyTimeoutMilliseconds == 0)
        #expect(config.review.editor == "nano")
    }

    @Test func emptyProtectedPathsIsAllowed() throws {
        let config = try WorkspaceConfig.parse("[gates]\nprotected_paths = []\n", file: file)
        #expect(config.gates.protectedPaths.isEmpty)
    }

    // MARK: - Errors

    @Test func wrongIntegerIsNamedWithItsLine() {
        #expect(failure("""
            # comment

            [gates]
            max_files = "ten"
            """) == #".airlock/config.toml:4: field gates.max_files: expected a non-negative integer, got "ten""#)
        #expect(failure("[gates]\nmax_lines = -1\n")
            == ".airlock/config.toml:2: field gates.max_lines: expected a non-negative integer, got -1")
        #expect(failure("[store]\nbusy_timeout_ms = 2.5\n")
            == ".airlock/config.toml:2: field store.busy_timeout_ms: expected a non-negative integer, got 2.5")
        #expect(failure("[gates]\nmax_files = true\n")
            == ".airlock/config.toml:2: field gates.max_files: expected a non-negative integer, got true")
    }

    @Test func unknownKeysAreErrors() {
        #expect(failure("[gates]\nmax_files = 1\nmax_file = 2\n")
            == ".airlock/config.toml:3: unknown key gates.max_file; the keys in [gates] are protected_paths, max_files, max_lines, tests_must_pass, block_findings_at (did you mean max_files?)")
        #expect(failure("approver = []\n")
            == ".airlock/config.toml:1: unknown key approver; the keys at the top level are approvers, gates, store, review, quota, agents, cockpit, checks, hooks, tests, linters (did you mean approvers?)")
        #expect(failure("[review]\neditor = \"vi\"\ncolor = true\n")
            == ".airlock/config.toml:3: unknown key review.color; the keys in [review] are editor")
    }

    @Test func hookWaitIsBoundedWithItsLine() throws {
        #expect(try WorkspaceConfig.parse("[hooks]\nwait_s = 3600\n", file: file).hooks.waitSeconds == 3600)
        #expect(try WorkspaceConfig.parse("[hooks]\nwait_s = 1\n", file: file).hooks.waitSeconds == 1)
        #expect(failure("[hooks]\n\nwait_s = 0\n") == ".airlock/config.toml:3: field hooks.wait_s: expected 1 to 3600 seconds, got 0")
        #expect(failure("[hooks]\nwait_s = 3601\n") == ".airlock/config.toml:2: field hooks.wait_s: expected 1 to 3600 seconds, got 3601")
        #expect(failure("[hooks]\nwait_s = \"4m\"\n") == #".airlock/config.toml:2: field hooks.wait_s: expected a non-negative integer, got "4m""#)
        #expect(failure("[hooks]\nwait = 5\n").contains("unknown key hooks.wait; the keys in [hooks] are wait_s"))
        #expect(WorkspaceConfig.defaults.hooks.waitSeconds == 240)
    }

    @Test func quotaKeysAreReadStrictlyWithTheirLines() {
        #expect(failure("[quota]\nmax_proposal_bytes = \"16M\"\n")
            == #".airlock/config.toml:2: field quota.max_proposal_bytes: expected a non-negative integer, got "16M""#)
        #expect(failure("\n[quota]\nmax_waiting_per_agent = -5\n")
            == ".airlock/config.toml:3: field quota.max_waiting_per_agent: expected a non-negative integer, got -5")
        #expect(failure("[quota]\nmax_waiting = 5\n")
            == ".airlock/config.toml:2: unknown key quota.max_waiting; the keys in [quota] are max_proposal_bytes, max_waiting_per_agent")
    }

    @Test func unknownTablesAreErrors() {
        #expect(failure("\n[gate]\nmax_files = 2\n")
            == ".airlock/config.toml:2: unknown table [gate]; the keys at the top level are approvers, gates, store, review, quota, agents, cockpit, checks, hooks, tests, linters (did you mean gates?)")
        #expect(failure("[gates]\nmax_files = 2\n\n[gates.extra]\nx = 1\n")
            == ".airlock/config.toml:4: unknown table [gates.extra]; the keys in [gates] are protected_paths, max_files, max_lines, tests_must_pass, block_findings_at")
    }

    @Test func theFirstProblemInTheFileIsReported() {
        #expect(failure("""
            [review]
            editor = 3
            [gates]
            max_files = -2
            zzz = 1
            """).hasPrefix(".airlock/config.toml:2: field review.editor: expected a string, got 3"))
    }

    @Test func sectionsMustBeTables() {
        #expect(failure("\ngates = 5\n") == ".airlock/config.toml:2: field gates: expected a table, got 5")
        #expect(failure("[[store]]\nbusy_timeout_ms = 1\n") == ".airlock/config.toml:1: field store: expected a table, got an array")
    }

    @Test func badGlobsNameTheirEntry() {
        #expect(failure("""
            [gates]
            protected_paths = [
                "*.lock",
                "src/[ab",
            ]
            """) == ".airlock/config.toml:4: field gates.protected_paths[1]: glob \"src/[ab\": `[` at column 5 is never closed (write `\\[` for a literal `[`)")
        #expect(failure("[gates]\nprotected_paths = [\"\"]\n")
            == ".airlock/config.toml:2: field gates.protected_paths[0]: glob \"\": the pattern is empty")
        #expect(failure("[gates]\nprotected_paths = \"*.lock\"\n")
            == #".airlock/config.toml:2: field gates.protected_paths: expected an array of strings, each a glob, got "*.lock""#)
        #expect(failure("[gates]\nprotected_paths = [\"a\", 3]\n")
            == ".airlock/config.toml:2: field gates.protected_paths[1]: expected a string, a glob, got 3")
    }

    @Test func approversMustBeUserOrUserAtHost() throws {
        let config = try WorkspaceConfig.parse(#"approvers = ["ana", "bob@local", "cy@192.168.1.20", "dee@fe80::1"]"#, file: file)
        #expect(config.approvers.count == 4)
        for bad in ["", "@host", "bob@", "a@b@c", "two words", "tab\tbed"] {
            let text = "approvers = [\"ok\", \"\(bad.replacingTabs)\"]"
            #expect(failure(text).hasPrefix(".airlock/config.toml:1: field approvers[1]: expected \"user\" or \"user@host\", got \""), "\(bad)")
        }
        #expect(failure("approvers = \"ana\"\n")
            == #".airlock/config.toml:1: field approvers: expected an array of strings, each "user" or "user@host", got "ana""#)
    }

    @Test func syntaxErrorsNameTheLine() {
        let message = failure("[gates]\nmax_files = 3\nmax_lines = = 4\n")
        #expect(message.hasPrefix(".airlock/config.toml:3:"), "\(message)")
        #expect(message.contains("TOML syntax error"))
        let duplicate = failure("[gates]\nmax_files = 3\n\nmax_files = 4\n")
        #expect(duplicate.hasPrefix(".airlock/config.toml:4:"), "\(duplicate)")
    }

    @Test func nulIsRefusedWithItsLine() {
        #expect(failure("[gates]\nmax_files = 3 \u{0}\n") == ".airlock/config.toml:2: the file contains a NUL byte")
    }

    @Test func valuesInMessagesAreEscaped() {
        let message = failure("[review]\neditor = 1\n[gates]\nmax_files = \"\\u001b[2J\"\n")
        #expect(message.contains("got 1"))
        let escaped = failure("[gates]\nmax_files = \"\\u001b[2J\"\n")
        #expect(escaped.contains(#"got "\x1b[2J""#), "\(escaped)")
        #expect(!escaped.unicodeScalars.contains { $0.value == 0x1B })
    }
}

private extension String {
    /// A TOML basic string cannot hold a raw tab in this test's interpolation; `\t` it is.
    var replacingTabs: String { split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "\\t") }
}
