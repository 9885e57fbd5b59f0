/// Moves each run of changed lines to one canonical place where the diff is ambiguous.
///
/// A run of changed lines can slide up or down while the line it leaves equals the line it
/// takes (deleting the first or the second of two equal lines is the same edit). Like
/// git, every run is slid as low as it goes, merging with runs it touches, and then back
/// up to the lowest place where it faces a run of changes in the other text, so that a
/// removal and an addition form one replacement rather than two edits. git's optional
/// indent heuristic is not reproduced: where it applies, the run stays at the lowest place.
enum ChangeCompaction {
    /// Compacts the runs of `changed` (lines `ids`) against `otherChanged`, the other text's
    /// flags; unchanged lines of the two texts pair up in order.
    static func compact(_ changed: inout [Bool], ids: [Int32], otherChanged: [Bool]) {
        var runs = Runs(changed: changed, ids: ids, otherChanged: otherChanged)
        runs.compactAll()
        changed = runs.changed
    }
}

private struct Runs {
    var changed: [Bool]
    let ids: [Int32]
    let otherChanged: [Bool]

    /// The current run `[start, end)` (possibly empty) and the run of the other text that
    /// sits between the same pair of unchanged lines.
    var start = 0, end = 0
    var otherStart = 0, otherEnd = 0

    init(changed: [Bool], ids: [Int32], otherChanged: [Bool]) {
        self.changed = changed
        self.ids = ids
        self.otherChanged = otherChanged
    }

    mutating func compactAll() {
        end = runEnd(from: 0, in: changed)
        otherEnd = runEnd(from: 0, in: otherChanged)
        while true {
            if end > start { compactRun() }
            // `end` is an unchanged line paired with `otherEnd`; step over both.
            guard end < changed.count, otherEnd < otherChanged.count else { return }
            start = end + 1
            end = runEnd(from: start, in: changed)
            otherStart = otherEnd + 1
            otherEnd = runEnd(from: otherStart, in: otherChanged)
        }
    }

    private mutating func compactRun() {
        var lowestAligned: Int?
        var highestEnd: Int
        var size: Int
        repeat {
            size = end - start
            lowestAligned = nil
            while slideUp() {}
            highestEnd = end
            if otherEnd > otherStart { lowestAligned = end }
            while slideDown() {
                if otherEnd > otherStart { lowestAligned = end }
            }
        } while size != end - start  // a merge changed the run: slide it again

        if end != highestEnd, lowestAligned != nil {
            while otherEnd == otherStart, slideUp() {}
        }
    }

    /// Moves the run down one line if the line below it equals its first line.
    private mutating func slideDown() -> Bool {
        guard end < changed.count, ids[start] == ids[end] else { return false }
        changed[start] = false
        changed[end] = true
        start += 1
        end = runEnd(from: end + 1, in: changed)
        otherStart = otherEnd + 1
        otherEnd = runEnd(from: otherStart, in: otherChanged)
        return true
    }

    /// Moves the run up one line if the line above it equals its last line.
    private mutating func slideUp() -> Bool {
        guard start > 0, ids[start - 1] == ids[end - 1] else { return false }
        start -= 1
        end -= 1
        changed[start] = true
        changed[end] = false
        start = runStart(before: start, in: changed)
        otherEnd = otherStart - 1
        otherStart = runStart(before: otherEnd, in: otherChanged)
        return true
    }

    private func runEnd(from index: Int, in flags: [Bool]) -> Int {
        var i = index
        while i < flags.count, flags[i] { i += 1 }
        return i
    }

    private func runStart(before index: Int, in flags: [Bool]) -> Int {
        var i = index
        while i > 0, flags[i - 1] { i -= 1 }
        return i
    }
}
