import Foundation
import GRDB

/// Lets a process notice that another one committed to the store, cheaply: SQLite's
/// `PRAGMA data_version` on a connection of its own changes whenever another connection
/// commits, and reading it touches no table.
public final class StoreChangeFeed: @unchecked Sendable {
    // Used from one thread at a time, as a cursor is.
    private let queue: DatabaseQueue
    private var lastVersion: Int

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        queue = try DatabaseQueue(path: path, configuration: configuration)
        lastVersion = try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    /// Whether anything was committed since the last call (or since the feed was made).
    public func poll() throws -> Bool {
        let version = try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        defer { lastVersion = version }
        return version != lastVersion
    }

    /// Blocks until a commit is seen or `deadline` passes, checking every `interval`.
    /// Returns whether a change was seen.
    public func wait(until deadline: Date, interval: TimeInterval = 0.05) throws -> Bool {
        while Date() < deadline {
            if try poll() { return true }
            Thread.sleep(forTimeInterval: min(interval, max(0, deadline.timeIntervalSinceNow)))
        }
        return try poll()
    }
}
