/// Follows the audit log from a cursor: reads what was committed after it in batches,
/// and when there is nothing new, waits for the next commit of any process (SQLite's
/// `data_version`, polled on a connection of its own). An actor, so the cursor and the
/// batch are never shared unguarded; each follower has its own.
actor EventFollower {
    private let store: AirlockStore
    private let feed: StoreChangeFeed
    private let clock: WallClock
    private let pollMilliseconds: Int64
    private var cursor: Int64
    private var batch: [ReviewEvent] = []
    private var nextIndex = 0

    static let batchSize = 512
    static let idlePollMilliseconds: Int64 = 25

    /// Follows from after `cursor`, or from the log's current end when nil.
    init(store: AirlockStore, after cursor: Int64?, clock: WallClock, pollMilliseconds: Int64 = 5) throws {
        self.store = store
        // Made before the first read, so a commit between that read and the first poll
        // still shows as a change.
        feed = try store.changeFeed()
        self.clock = clock
        self.pollMilliseconds = pollMilliseconds
        self.cursor = try cursor.map { max(0, $0) } ?? store.auditHead()
    }

    /// The next event, waiting for it if need be; nil once the task is cancelled.
    func next() async throws -> ReviewEvent? {
        while nextIndex == batch.count {
            if Task.isCancelled { return nil }
            let entries = try store.auditEntries(afterSeq: cursor, limit: Self.batchSize)
            if let last = entries.last {
                batch = entries.map(ReviewEvent.init)
                nextIndex = 0
                cursor = last.seq
                break
            }
            // Poll often right after a change, less and less while nothing happens: an
            // idle follower then costs little, and a commit is still seen within 25 ms.
            var pause = pollMilliseconds
            while try !feed.poll() {
                do {
                    try await clock.sleep(pause)
                } catch {
                    return nil
                }
                pause = min(pause * 2, Self.idlePollMilliseconds)
            }
        }
        defer { nextIndex += 1 }
        return batch[nextIndex]
    }

    static func stream(store: AirlockStore, after cursor: Int64?, clock: WallClock) -> AsyncThrowingStream<ReviewEvent, any Error> {
        let follower: EventFollower
        do {
            follower = try EventFollower(store: store, after: cursor, clock: clock)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        return AsyncThrowingStream(unfolding: { try await follower.next() })
    }
}
