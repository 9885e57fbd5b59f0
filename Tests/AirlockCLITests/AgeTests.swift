import Testing
@testable import airlock

/// The age `list` shows in a column and the review page says in words.
@Suite("Age of a proposal")
struct AgeTests {
    @Test(arguments: [
        (0, "0s", "0 s"), (59_999, "59s", "59 s"), (60_000, "1m", "1 min"), (3_599_999, "59m", "59 min"),
        (3_600_000, "1h", "1 h"), (86_399_999, "23h", "23 h"), (86_400_000, "1d", "1 d"), (400 * 86_400_000, "400d", "400 d"),
        (-5_000, "0s", "0 s"),  // a clock that went back shows no negative age
    ] as [(Int64, String, String)])
    func wholeUnitsRoundedDown(elapsed: Int64, compact: String, words: String) {
        let now: Int64 = 1_800_000_000_000
        #expect(Age.describe(since: now - elapsed, now: now) == compact)
        #expect(Age.describe(since: now - elapsed, now: now, style: .words) == words)
    }
}
