/// Unified-diff hunks between two versions of a file, grouped as `git diff` groups them.
///
/// Lines keep their terminators as bytes, so a CRLF line differs from its LF twin and a
/// last line that only gains or loses its newline is a change (removed `x`, added `x\n`).
/// Hunk headers follow diff's conventions, including the line before an empty range
/// (`@@ -0,0 +1,3 @@`), and each hunk's section is what git shows by default: the
/// nearest line above the hunk that starts with a letter, `_` or `$`.
public enum LineDiff {
    /// The hunks that turn `old` into `new`, each with up to `context` unchanged lines
    /// around its changes; changes whose context would touch or overlap share a hunk.
    public static func hunks(from old: [UInt8], to new: [UInt8], context: Int = 3) -> [Hunk] {
        hunks(old: TextLines.split(old), new: TextLines.split(new), context: context)
    }

    static func hunks(old: [Bytes], new: [Bytes], context: Int = 3) -> [Hunk] {
        var script = LineEditScript(old: old, new: new)
        ChangeCompaction.compact(&script.oldChanged, ids: script.oldIDs, otherChanged: script.newChanged)
        ChangeCompaction.compact(&script.newChanged, ids: script.newIDs, otherChanged: script.oldChanged)
        let changes = Change.list(oldChanged: script.oldChanged, newChanged: script.newChanged)
        let context = max(context, 0)

        var hunks: [Hunk] = []
        var first = 0
        while first < changes.count {
            var last = first
            while last + 1 < changes.count,
                changes[last + 1].oldStart - changes[last].oldEnd <= 2 * context
            {
                last += 1
            }
            hunks.append(hunk(changes[first...last], old: old, new: new, context: context))
            first = last + 1
        }
        return hunks
    }

    private static func hunk(_ changes: ArraySlice<Change>, old: [Bytes], new: [Bytes], context: Int) -> Hunk {
        guard let head = changes.first, let tail = changes.last else {
            return Hunk(oldStart: 0, oldCount: 0, newStart: 0, newCount: 0, lines: [])
        }
        let leading = min(context, head.oldStart)
        let trailing = min(context, old.count - tail.oldEnd)
        let oldLow = head.oldStart - leading, oldHigh = tail.oldEnd + trailing
        let newLow = head.newStart - leading, newHigh = tail.newEnd + trailing

        var lines: [HunkLine] = []
        lines.reserveCapacity(oldHigh - oldLow + newHigh - newLow)
        var i = oldLow
        for change in changes {
            while i < change.oldStart {
                lines.append(HunkLine(.context, old[i]))
                i += 1
            }
            for r in change.oldStart..<change.oldEnd { lines.append(HunkLine(.removed, old[r])) }
            for a in change.newStart..<change.newEnd { lines.append(HunkLine(.added, new[a])) }
            i = change.oldEnd
        }
        while i < oldHigh {
            lines.append(HunkLine(.context, old[i]))
            i += 1
        }
        let oldCount = oldHigh - oldLow, newCount = newHigh - newLow
        return Hunk(
            oldStart: oldCount == 0 ? oldLow : oldLow + 1, oldCount: oldCount,
            newStart: newCount == 0 ? newLow : newLow + 1, newCount: newCount,
            section: section(above: oldLow, in: old), lines: lines)
    }

    /// git's default function-name rule (no diff driver): the nearest line before `index`
    /// that starts with an ASCII letter, `_` or `$`, cut to 80 bytes, trailing white space
    /// dropped, after one space.
    static func section(above index: Int, in lines: [Bytes]) -> Bytes {
        var i = min(index, lines.count) - 1
        while i >= 0 {
            let line = lines[i]
            if let first = line.first, isFunctionStart(first) {
                var text = line.prefix(80)
                while let last = text.last, isSpace(last) { text = text.dropLast() }
                return Bytes([UInt8(ascii: " ")] + text)
            }
            i -= 1
        }
        return []
    }

    private static func isFunctionStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}

/// One place where the texts differ: old lines `oldStart..<oldEnd` become new lines
/// `newStart..<newEnd` (either range may be empty).
private struct Change {
    var oldStart: Int, oldEnd: Int
    var newStart: Int, newEnd: Int

    /// Walks both texts together; unchanged lines pair up in order.
    static func list(oldChanged: [Bool], newChanged: [Bool]) -> [Change] {
        var changes: [Change] = []
        var i = 0, j = 0
        while i < oldChanged.count || j < newChanged.count {
            if i < oldChanged.count, j < newChanged.count, !oldChanged[i], !newChanged[j] {
                i += 1
                j += 1
                continue
            }
            let start = (i, j)
            while i < oldChanged.count, oldChanged[i] { i += 1 }
            while j < newChanged.count, newChanged[j] { j += 1 }
            if start == (i, j) {
                // Unchanged lines left on one side only would break the pairing; the edit
                // script never leaves any, but replacing the rest keeps the hunks correct.
                i = oldChanged.count
                j = newChanged.count
            }
            changes.append(Change(oldStart: start.0, oldEnd: i, newStart: start.1, newEnd: j))
        }
        return changes
    }
}
