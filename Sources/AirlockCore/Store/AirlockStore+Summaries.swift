import GRDB
import GRDBSQLite

/// One line of a listing, read in place from SQLite's row: `agent` and `title` are the
/// stored UTF-8 bytes, valid only while the visiting closure runs.
public struct ProposalSummaryRow {
    public let id: Int64
    public let state: ProposalState
    public let fileCount: Int
    public let addedLines: Int
    public let removedLines: Int
    public let createdAt: Int64
    public let updatedAt: Int64
    public let agent: UnsafeBufferPointer<UInt8>
    public let title: UnsafeBufferPointer<UInt8>

    public var summary: ProposalSummary {
        ProposalSummary(
            id: id, agent: String(decoding: agent, as: UTF8.self), title: String(decoding: title, as: UTF8.self),
            state: state, fileCount: fileCount, addedLines: addedLines, removedLines: removedLines,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension AirlockStore {
    /// Proposals in id order, optionally only those in `states` or from `agent`.
    public func proposals(states: Set<ProposalState>? = nil, agent: String? = nil, ids: Set<Int64>? = nil, limit: Int? = nil) throws -> [ProposalSummary] {
        var summaries: [ProposalSummary] = []
        try visitSummaries(states: states, agent: agent, ids: ids, limit: limit) { summaries.append($0.summary) }
        return summaries
    }

    /// Calls `body` with each proposal's summary in id order, in one read transaction,
    /// without building a value per row: `airlock list` of 10,000 proposals spent more time
    /// making strings and rows than SQLite spent finding them.
    public func visitSummaries(
        states: Set<ProposalState>? = nil, agent: String? = nil, ids: Set<Int64>? = nil, limit: Int? = nil,
        _ body: (ProposalSummaryRow) throws -> Void
    ) throws {
        var sql = "SELECT id, agent, title, state, file_count, added_lines, removed_lines, created_at, updated_at FROM proposal"
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let states {
            conditions.append("state IN (\(states.map { _ in "?" }.joined(separator: ",")))")
            for state in states.sorted() { arguments += [state.rawValue] }
        }
        if let agent {
            conditions.append("agent = ?")
            arguments += [agent]
        }
        if let ids {
            // Ids are numbers, so they can be written into the statement as they are.
            conditions.append("id IN (\(ids.sorted().map(String.init).joined(separator: ",")))")
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id"
        if let limit { sql += " LIMIT \(limit)" }
        try database.read { db in
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(arguments)
            let handle = statement.sqliteStatement
            defer { sqlite3_reset(handle) }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                }
                let id = sqlite3_column_int64(handle, 0)
                guard let state = ProposalState(utf8: Self.text(handle, 3)) else {
                    throw StoreError.unusable(path: path, reason: "proposal #\(id) has an unknown state")
                }
                try body(ProposalSummaryRow(
                    id: id, state: state,
                    fileCount: Int(sqlite3_column_int64(handle, 4)),
                    addedLines: Int(sqlite3_column_int64(handle, 5)),
                    removedLines: Int(sqlite3_column_int64(handle, 6)),
                    createdAt: sqlite3_column_int64(handle, 7),
                    updatedAt: sqlite3_column_int64(handle, 8),
                    agent: Self.text(handle, 1), title: Self.text(handle, 2)))
            }
        }
    }

    /// A text column's bytes in place (empty for NULL).
    private static func text(_ handle: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let start = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
    }
}

extension ProposalState {
    private static let spellings: [(bytes: [UInt8], state: ProposalState)] = allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The state a stored name spells, compared byte for byte.
    init?(utf8 name: UnsafeBufferPointer<UInt8>) {
        guard let match = Self.spellings.first(where: { $0.bytes.elementsEqual(name) }) else { return nil }
        self = match.state
    }
}
