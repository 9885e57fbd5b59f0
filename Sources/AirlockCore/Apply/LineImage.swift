/// A file's text as git apply sees it (its "image"): lines that keep their `\n` (and
/// any `\r` before it), the last one possibly without. Hunks are applied to it in order,
/// each searched for exactly as `git apply` does with default options: exact bytes, an
/// offset allowed, no fuzz, no whitespace tolerance.
struct LineImage {
    private(set) var lines: [Bytes]
    /// Lines written by an earlier hunk; a later hunk may not match them (git's
    /// `LINE_PATCHED`, which is what makes overlapping hunks fail).
    private var patched: [Bool]

    init(_ content: [UInt8]) {
        lines = TextLines.split(content)
        patched = Array(repeating: false, count: lines.count)
    }

    var count: Int { lines.count }

    var bytes: [UInt8] { TextLines.joined(lines) }

    // MARK: - applying

    /// Where git looks first and how the hunk is anchored.
    struct Anchor: Equatable {
        /// 0-based line where the search starts (`newStart - 1`, or 0).
        var expected: Int
        /// `oldStart` is 0 or 1: the hunk must match at the first line.
        var beginning: Bool
        /// No trailing context: the hunk must match at the last line.
        var end: Bool

        init(_ hunk: Hunk) {
            expected = hunk.newStart > 0 ? hunk.newStart - 1 : 0
            beginning = hunk.oldStart == 0 || hunk.oldStart == 1
            end = hunk.lines.last.map { $0.kind != .context } ?? true
        }
    }

    /// Applies `hunk` where its old lines match and returns the 0-based line it applied
    /// at, or nil (leaving the image as it was) when they match nowhere allowed.
    mutating func apply(_ hunk: Hunk) -> Int? {
        let old = hunk.oldLines
        guard let position = position(of: old, anchor: Anchor(hunk)) else { return nil }
        let new = hunk.newLines
        lines.replaceSubrange(position..<position + old.count, with: new)
        patched.replaceSubrange(position..<position + old.count, with: repeatElement(true, count: new.count))
        return position
    }

    /// git's `find_pos`: the start line, then +1, -1, +2, -2, … until both ends are
    /// passed; an anchored hunk is tried only where its anchor puts it.
    func position(of old: [Bytes], anchor: Anchor) -> Int? {
        var line = anchor.expected
        if anchor.beginning {
            line = 0
        } else if anchor.end {
            line = count - old.count
        }
        // git compares unsigned here, so a negative start also lands on the last line.
        if line < 0 || line > count { line = count }
        if anchor.beginning || anchor.end {
            return matches(old, at: line, anchor: anchor) ? line : nil
        }
        var backward = line, forward = line, current = line
        var step = 0
        while true {
            if matches(old, at: current, anchor: anchor) { return current }
            while true {
                if backward == 0 && forward == count { return nil }
                if step & 1 == 1 {
                    if backward == 0 { step += 1; continue }
                    backward -= 1
                    current = backward
                } else {
                    if forward == count { step += 1; continue }
                    forward += 1
                    current = forward
                }
                break
            }
            step += 1
        }
    }

    /// git's `match_fragment` without whitespace handling.
    private func matches(_ old: [Bytes], at position: Int, anchor: Anchor) -> Bool {
        guard position + old.count <= count else { return false }
        if anchor.end && position + old.count != count { return false }
        if anchor.beginning && position != 0 { return false }
        for i in old.indices where patched[position + i] || lines[position + i] != old[i] {
            return false
        }
        return true
    }

    // MARK: - explaining a mismatch

    /// Why `old` does not match where the hunk's header puts it, in words.
    func mismatch(of old: [Bytes], anchor: Anchor) -> String {
        var start = anchor.expected
        if anchor.beginning {
            start = 0
        } else if anchor.end {
            start = max(count - old.count, 0)
        }
        start = min(start, count)
        var reason = "its \(old.count) old lines match nowhere"
        if anchor.end, start + old.count < count {
            let extra = count - start - old.count
            reason = "the file has \(extra) more line\(extra == 1 ? "" : "s") after line \(start + old.count)"
        }
        for i in old.indices {
            let at = start + i
            if at >= count {
                reason = "expected line \(at + 1) \(Quoted.line(old[i])), but the file has only \(count) line\(count == 1 ? "" : "s")"
                break
            }
            if patched[at] {
                reason = "expected line \(at + 1) \(Quoted.line(old[i])), but an earlier hunk already changed that line"
                break
            }
            if lines[at] != old[i] {
                reason = "expected line \(at + 1) \(Quoted.line(old[i])), found \(Quoted.line(lines[at]))"
                break
            }
        }
        if anchor.beginning && anchor.end {
            return reason + " (a hunk from line 1 without trailing context must match the whole file)"
        } else if anchor.beginning {
            return reason + " (a hunk from line 1 must match at the start of the file)"
        } else if anchor.end {
            return reason + " (a hunk without trailing context must match at the end of the file)"
        }
        return reason + "; no other offset matches either"
    }
}
