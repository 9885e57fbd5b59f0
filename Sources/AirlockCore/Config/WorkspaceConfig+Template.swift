extension WorkspaceConfig {
    /// The `.airlock/config.toml` that `airlock init` writes: every setting, explained and
    /// set to its default, so the file documents itself. `parse(template) == defaults`.
    public static let template = #"""
        # Airlock settings for this workspace. Every setting is listed with its default
        # value; a key Airlock does not know is an error, so a typo cannot go unnoticed.

        # Who may approve or reject proposals: "user" or "user@host", where host is the
        # reviewer's client address from SSH_CONNECTION, or "local" at this machine.
        # Default: [] (empty), which means only the OS user who owns this .airlock/ directory.
        approvers = []

        [gates]
        # Paths a proposal may change only with a typed override reason: gitignore-like
        # globs ("*.lock" at any depth, ".github/workflows/**" from the workspace root,
        # "secrets/" for a directory). Default: the four patterns below.
        protected_paths = [".github/workflows/**", ".gitlab-ci.yml", ".env*", "*.lock"]
        # Most files one proposal may touch before it needs an override; 0 turns this off.
        # Default: 50.
        max_files = 50
        # Most changed lines (added plus removed) in one proposal; 0 turns this off.
        # Default: 1000.
        max_lines = 1000
        # Every test check must have passed before an approval without an override.
        # Default: true.
        tests_must_pass = true
        # A lint finding at or above this severity ("info", "low", "medium", "high",
        # "critical"), not suppressed, needs an override; "off" turns this off.
        # Default: "high".
        block_findings_at = "high"

        [store]
        # How long a write waits for another Airlock process to release the database, in
        # milliseconds. Default: 5000.
        busy_timeout_ms = 5000

        [review]
        # The command that edits feedback for an agent. Default: "" (empty), which means
        # $VISUAL, then $EDITOR, then a multi-line prompt on the terminal.
        editor = ""

        [quota]
        # Most bytes one submission may have, as the agent sends it; a larger one is
        # refused before anything is stored. 0 turns this off. Default: 16777216 (16 MiB).
        max_proposal_bytes = 16777216
        # Most proposals one agent may have waiting for a decision (submitted, checking or
        # ready); the next is refused until some are decided or withdrawn. 0 turns this
        # off. Default: 200.
        max_waiting_per_agent = 200

        [agents]
        # An agent not heard from (no proposal, no status report) for this many seconds
        # shows as stale in `airlock agents` and the cockpit; 0 never. Default: 600.
        stale_after_s = 600

        [cockpit]
        # The cockpit's colours: a built-in theme (default, light, high-contrast,
        # solarized-dark, monochrome) or a file NAME.toml in $XDG_CONFIG_HOME/airlock/themes/
        # (`airlock themes` lists them). `--theme` overrides it. Default: "default".
        theme = "default"
        # Ring the terminal's bell when a proposal starts waiting for review or an agent
        # is blocked on a person. Default: false.
        bell = false
        # Desktop notifications for the same: "osc9" (iTerm2, kitty, WezTerm, foot),
        # "osc777" (rxvt, Konsole, VTE terminals) or "off". Default: "off".
        notifications = "off"

        [checks]
        # How test and linter commands run on a proposal's scratch copy: "bubblewrap"
        # (only the scratch copy writable; the workspace, the store and $HOME hidden; no
        # network unless a test sets network = true) or "off" (unsandboxed, as you, which
        # every screen then says). Where bubblewrap cannot start, "bubblewrap" refuses to
        # run checks rather than run them unsandboxed. Default: "bubblewrap".
        sandbox = "bubblewrap"
        # Whether an open cockpit runs queued checks (`airlock serve` and
        # `airlock checks run` do too). Default: true.
        run_in_cockpit = true
        # How long a runner's claim on a check lasts unless renewed, in seconds; a check
        # whose runner died is run again after this. Default: 30.
        claim_s = 30
        # The built-in security lint on the lines each proposal adds. Default: true.
        lint = true
        # Directories the sandbox shows read-only although they lie in $HOME, which it
        # hides: toolchains your tests need, such as "~/.pyenv" or "~/.cargo".
        # Default: [] (empty).
        read_only = []

        [hooks]
        # How long `airlock hook` holds an agent's gated file tool (Claude Code's Write and
        # Edit, Gemini CLI's write_file and replace, Codex's apply_patch) waiting for a
        # reviewer, in seconds (1 to 3600). Past it the tool call is denied as "queued,
        # awaiting review". `airlock hook install` sets the agent's hook timeout to this
        # plus 30 seconds: reinstall after changing it. Default: 240.
        wait_s = 240

        # Test commands run on a scratch copy of the workspace with the proposal applied,
        # one [[tests]] table each; none by default. For example:
        #
        # [[tests]]
        # name = "unit"
        # command = "python3 -m pytest -q --junitxml=.airlock-results.xml"
        # timeout = 600                     # seconds; the whole process tree is killed
        # results = ".airlock-results.xml"  # optional: per-case results (JUnit, TAP,
        #                                   # go test -json, Swift Testing events)
        # format = "junit"                  # optional: detected when left out
        # network = false                   # default
        #
        # External linters on the same scratch copy, their findings limited to the lines
        # the proposal touched. format is "sarif", "shellcheck-json" or "bandit-json";
        # output names the report file, or leave it out to read standard output:
        #
        # [[linters]]
        # name = "bandit"
        # command = "bandit -r . -f json -q"
        # format = "bandit-json"

        """#
}
