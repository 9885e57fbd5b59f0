import Foundation
import GRDB
import GRDBSQLite

/// The one door to a workspace's SQLite store (`.airlock/store.sqlite`, WAL mode), shared
/// by every process at once: cockpits, agents' CLI calls, check runners. Each write is one
/// short transaction that keeps the data consistent and appends to the audit chain.
public struct AirlockStore: Sendable {
    /// How a process uses the store, which decides how it connects.
    public enum Access: Sendable, Equatable {
        /// A command that starts, acts and exits: one connection. A second one (a pool's
        /// reader) doubled what opening cost every `list`.
        case oneShot
        /// A process that stays up (a cockpit, a server, a follower): a pool, so its reads
        /// never queue behind its own writes.
        case longLived
        /// Look only: a read-only connection that never migrates, recovers or writes.
        case observer
    }

    let database: any DatabaseWriter
    public let path: String
    public let access: Access
    /// Milliseconds since 1970; tests pass their own.
    public let clock: @Sendable () -> Int64

    public static let systemClock: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// Opens (creating when missing, unless observing) the store at `path` and brings its
    /// schema up to date. An observer's open writes nothing: a store that needs a
    /// migration is refused until a writer has opened it.
    public init(
        path: String, access: Access = .oneShot, busyTimeoutMilliseconds: Int = 5000,
        clock: @escaping @Sendable () -> Int64 = AirlockStore.systemClock
    ) throws {
        var configuration = Configuration()
        configuration.busyMode = .callback(Self.busyWait(milliseconds: busyTimeoutMilliseconds))
        configuration.foreignKeysEnabled = true
        configuration.readonly = access == .observer
        configuration.prepareDatabase { db in
            // Commits are durable at checkpoints, not each one: the apply path asks for
            // more where it matters (`beginApplication`).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Keep `-wal` and `-shm` when the last connection closes. Otherwise every
            // short-lived command deletes them on exit and the next one re-creates and
            // re-initialises them.
            var persist: Int32 = 1
            sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            // A kept log must not keep its size: a large proposal would leave megabytes
            // behind. Past 4 MiB it is cut back when it restarts, and emptied at close.
            try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
        }
        do {
            if access == .observer {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw StoreError.unusable(path: path, reason: "there is no store to look at")
                }
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                guard try queue.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) else {
                    throw StoreError.unusable(path: path, reason: "the store's schema is older than this Airlock's: open it once as a writer (any command but a look-only one) to upgrade it")
                }
                database = queue
            } else {
                database = try Self.openWritable(path: path, access: access, configuration: configuration)
            }
        } catch let error as DatabaseError {
            throw StoreError.unusable(path: path, reason: error.message ?? "\(error)")
        }
        self.path = path
        self.access = access
        self.clock = clock
    }

    private static func openWritable(path: String, access: Access, configuration: Configuration) throws -> any DatabaseWriter {
        // WAL first, with one connection: a pool insists on it, and it is a property of
        // the file — set once, it lets readers and the writer of different processes go
        // on at the same time.
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let migrator = Schema.migrator
        // A read settles the usual case, a current schema in WAL mode, without the
        // write lock that every `list` would otherwise queue for behind the writers.
        let ready = try queue.read { db in
            try migrator.hasCompletedMigrations(db) && String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal"
        }
        if !ready {
            try queue.writeWithoutTransaction { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw DatabaseError(message: "the store cannot use write-ahead logging (WAL)")
                }
            }
            try migrator.migrate(queue)
        }
        guard access == .longLived else { return queue }
        try queue.close()
        return try DatabasePool(path: path, configuration: configuration)
    }

    /// How a connection waits for the write lock. SQLite's own busy timeout sleeps longer
    /// and longer, up to 100 ms between tries, so behind a queue of writers (16 agents
    /// proposing at once) a waiter keeps missing the short moments the lock is free and
    /// gives up after the timeout with "database is locked" while later arrivals get
    /// through. Sleeps of 1 ms growing to 10 ms, jittered, keep every waiter in the race
    /// without spending the processor on polling.
    static func busyWait(milliseconds: Int) -> Database.BusyCallback {
        { tries in
            let waited = tries <= 10 ? tries * (tries + 1) / 2 : 55 + (tries - 10) * 10
            guard waited < milliseconds else { return false }
            let nominal = UInt32(min(tries + 1, 10)) * 1_000
            usleep(UInt32.random(in: (nominal / 2)...(nominal * 3 / 2)))
            return true
        }
    }

    // MARK: - reads

    public func proposal(_ id: Int64) throws -> Proposal? {
        try database.read { db in try Proposal.withPatch.filter(key: id).fetchOne(db) }
    }

    /// Proposals still waiting for a human, whose base the workspace may move under.
    public func waitingProposals() throws -> [Proposal] {
        try database.read { db in
            try Proposal.withPatch.filter([ProposalState.submitted, .checking, .ready].contains(Proposal.Columns.state)).order(Proposal.Columns.id).fetchAll(db)
        }
    }

    public func decisions(for id: Int64) throws -> [Decision] {
        try database.read { db in try Decision.filter(Decision.Columns.proposalID == id).order(Column("id")).fetchAll(db) }
    }

    /// The hunks an approval covers, or nil when it covers the whole patch.
    public func selection(ofDecision id: Int64) throws -> HunkSelection? {
        try database.read { db in try HunkSelectionRecord.fetchOne(db, key: id)?.selection }
    }

    public func checkRuns(for id: Int64) throws -> [CheckRun] {
        try database.read { db in try CheckRun.filter(CheckRun.Columns.proposalID == id).order(Column("id")).fetchAll(db) }
    }

    public func pendingApplications() throws -> [Application] {
        try database.read { db in try Application.fetchAll(db) }
    }

    /// The audit trail in order, optionally only one proposal's entries, those at or
    /// after `since` (milliseconds since 1970), those after sequence number `afterSeq`,
    /// and at most `limit`.
    public func auditEntries(proposal: Int64? = nil, since: Int64? = nil, afterSeq: Int64? = nil, limit: Int? = nil, hash: String? = nil, latest: Bool = false) throws -> [AuditEntry] {
        var sql = "SELECT seq, at, kind, proposal_id, actor, details, previous_hash, hash FROM audit_entry"
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let proposal {
            conditions.append("proposal_id = ?")
            arguments += [proposal]
        }
        if let since {
            conditions.append("at >= ?")
            arguments += [since]
        }
        if let afterSeq {
            conditions.append("seq > ?")
            arguments += [afterSeq]
        }
        if let hash {
            conditions.append("hash = ?")
            arguments += [hash]
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += latest ? " ORDER BY seq DESC" : " ORDER BY seq"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        return try database.read { db in
            let entries = try Row.fetchAll(db, sql: sql, arguments: arguments).map(AuditChain.entry(from:))
            return latest ? entries.reversed() : entries
        }
    }

    /// The sequence number of the last audit entry (0 for an empty log).
    public func auditHead() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_entry") ?? 0 }
    }

    /// Re-hashes the whole chain and names the first entry that was altered, removed or
    /// inserted.
    public func verifyAudit() throws -> AuditVerdict {
        try database.read { db in try AuditChain.verify(db) }
    }

    /// A counter that changes whenever any process commits to the store.
    public func changeFeed() throws -> StoreChangeFeed {
        try StoreChangeFeed(path: path)
    }
}
