import GRDB

extension AirlockStore {
    /// How many proposals of `agent` wait for a decision (submitted, checking or ready),
    /// counted without reading them.
    public func waitingCount(agent: String) throws -> Int {
        try database.read { db in
            // Asked before every submission: a cached statement, not a query built anew.
            let sql = "SELECT COUNT(*) FROM proposal WHERE agent = ? AND state IN ('submitted', 'checking', 'ready')"
            return try Int.fetchOne(try db.cachedStatement(sql: sql), arguments: [agent]) ?? 0
        }
    }
}
