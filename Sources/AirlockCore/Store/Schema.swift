import GRDB

/// The store's migrations. Each is named, uses only string table and column names, and is
/// never edited once shipped: later changes are new migrations.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1 agents, proposals, decisions, checks, audit") { db in
            try db.create(table: "agent") { t in
                t.primaryKey("name", .text)
                t.column("first_seen", .integer).notNull()
                t.column("last_seen", .integer).notNull()
            }
            try db.create(table: "proposal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("agent", .text).notNull().references("agent")
                t.column("title", .text).notNull()
                t.column("rationale", .text).notNull()
                t.column("format", .text).notNull()
                t.column("patch", .blob).notNull()
                t.column("digest", .text).notNull()
                t.column("base_commit", .text)
                t.column("pre_image", .text).notNull()
                t.column("file_count", .integer).notNull()
                t.column("added_lines", .integer).notNull()
                t.column("removed_lines", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("state_reason", .text)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "proposal_by_agent_digest", on: "proposal", columns: ["agent", "digest"])
            try db.create(index: "proposal_by_state", on: "proposal", columns: ["state"])
            try db.create(table: "decision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("proposal_id", .integer).notNull().references("proposal").indexed()
                t.column("verdict", .text).notNull()
                t.column("reviewer", .text).notNull()
                t.column("digest", .text).notNull()
                t.column("gates", .text).notNull()
                t.column("overrides", .text).notNull()
                t.column("feedback", .text)
                t.column("decided_at", .integer).notNull()
            }
            try db.create(table: "hunk_selection") { t in
                t.primaryKey("decision_id", .integer).references("decision")
                t.column("selection", .text).notNull()
            }
            try db.create(table: "check_run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("proposal_id", .integer).notNull().references("proposal").indexed()
                t.column("name", .text).notNull()
                t.column("status", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("started_at", .integer).notNull()
                t.column("finished_at", .integer)
            }
            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("check_run_id", .integer).notNull().references("check_run").indexed()
                t.column("rule", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("path", .text)
                t.column("line", .integer)
                t.column("message", .text).notNull()
            }
            // An application in progress: what the workspace will hold once it is done,
            // so the state can be settled after a crash.
            try db.create(table: "application") { t in
                t.primaryKey("proposal_id", .integer).references("proposal")
                t.column("digest", .text).notNull()
                t.column("pre_image", .text).notNull()
                t.column("post_image", .text).notNull()
                t.column("started_at", .integer).notNull()
            }
            try db.create(table: "audit_entry") { t in
                t.primaryKey("seq", .integer)
                t.column("at", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("proposal_id", .integer).indexed()
                t.column("actor", .text).notNull()
                t.column("details", .text).notNull()
                t.column("previous_hash", .text).notNull()
                t.column("hash", .text).notNull()
            }
            try db.create(index: "audit_entry_by_time", on: "audit_entry", columns: ["at"])
        }
        // `list` reads every proposal's summary; patches are stored in the rows, so a scan
        // of the table reads them all. This index covers the summary alone.
        migrator.registerMigration("2 proposal summaries without patches") { db in
            try db.create(
                index: "proposal_summary", on: "proposal",
                columns: ["id", "agent", "title", "state", "file_count", "added_lines", "removed_lines", "created_at", "updated_at"])
        }
        // Agents report what they are doing; the cockpit's agents pane shows it.
        migrator.registerMigration("3 agent status") { db in
            try db.alter(table: "agent") { t in
                t.add(column: "channel", .text)
                t.add(column: "state", .text)
                t.add(column: "activity", .text)
                t.add(column: "state_since", .integer)
            }
        }
        // An approval pins the files it was shown against: the hash of every file the
        // approved patch reads, at the moment of the decision.
        migrator.registerMigration("4 decisions pin files") { db in
            try db.alter(table: "decision") { t in
                t.add(column: "pinned", .text)
            }
        }
        // A proposal's patch lives in a table of its own: SQLite rewrites a whole row,
        // overflow pages and all, on any update, so every state move of a 248 MB
        // proposal wrote its patch again (the store grew by twice the patch).
        migrator.registerMigration("5 patches apart from proposals") { db in
            try db.create(table: "proposal_patch") { t in
                t.primaryKey("proposal_id", .integer).references("proposal")
                t.column("patch", .blob).notNull()
            }
            try db.execute(sql: "INSERT INTO proposal_patch (proposal_id, patch) SELECT id, patch FROM proposal")
            try db.execute(sql: "ALTER TABLE proposal DROP COLUMN patch")
        }
        migrator.registerMigration("6 agent plans") { db in
            try db.alter(table: "agent") { t in
                t.add(column: "plan", .text)
            }
        }
        // A decision carries the reviewer's note and line comments to the agent (JSON);
        // an application in progress may be a person's revert, which names them.
        migrator.registerMigration("7 decision notes and line comments, reverts") { db in
            try db.alter(table: "decision") { t in
                t.add(column: "note", .text)
                t.add(column: "comments", .text)
            }
            try db.alter(table: "application") { t in
                t.add(column: "reverted_by", .text)
            }
        }
        // Checks beyond `applies`: test runs and linters queued for a runner that claims
        // them for a while, their cases, and findings that may be suppressed.
        migrator.registerMigration("8 check runs, claims, cases, findings") { db in
            try db.alter(table: "check_run") { t in
                t.add(column: "kind", .text).notNull().defaults(to: "applies")
                t.add(column: "spec", .text)
                t.add(column: "sandboxed", .boolean)
                t.add(column: "claimed_by", .text)
                t.add(column: "claim_expires", .integer)
                t.add(column: "attempts", .integer).notNull().defaults(to: 0)
                t.add(column: "output", .text)
            }
            try db.create(index: "check_run_by_status", on: "check_run", columns: ["status"])
            try db.create(table: "test_case") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("check_run_id", .integer).notNull().references("check_run").indexed()
                t.column("name", .text).notNull()
                t.column("suite", .text)
                t.column("status", .text).notNull()
                t.column("duration", .double)
                t.column("message", .text)
                t.column("output", .text)
            }
            try db.alter(table: "finding") { t in
                t.add(column: "excerpt", .text)
                t.add(column: "suppressed", .text)
                t.add(column: "fingerprint", .text)
            }
        }
        // The tail of what an agent's process printed, as the worktree runner captures it.
        migrator.registerMigration("9 agent output tails") { db in
            try db.alter(table: "agent") { t in
                t.add(column: "output", .text)
                t.add(column: "output_at", .integer)
            }
        }
        return migrator
    }
}
