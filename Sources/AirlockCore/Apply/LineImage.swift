import Foundation

/// A file's text as git apply sees it (its "image"): lines that keep their `\n` (and
/// any `\r` before it), the last one possibly without. Hunks are applied to it in order,
/// each searched for exactly as `git apply` does with default options: exact bytes, an
/// offset allowed, no fuzz, no whitespace tolerance.
///
/// A line is a span of bytes in the file's content or in an applied hunk's body, which
/// the image keeps alive; lines are compared with `memcmp` and the result is copied out
/// once, so nothing is allocated per line.
struct LineImage {
    private var spans: [LineSpan]
    /// Lines written by an earlier hunk; a later hunk may not match them (git's
    /// `LINE_PATCHED`, which is what makes overlapping hunks fail).
    private var patched: [Bool]
    /// What `spans` point into: the content, then the body of every applied hunk.
    private var owners: [Bytes]
    /// Reused for each hunk's old and new lines.
    private var oldScratch: [LineSpan] = [], newScratch: [LineSpan] = []

    init(_ content: Bytes) {
        owners = [content]
        spans = Self.split(content)
        patched = Array(repeating: false, count: spans.count)
    }

    private static func split(_ content: Bytes) -> [LineSpan] {
        var spans: [LineSpan] = []
        content.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                let end: Int
                if let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start) {
                    end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                } else {
                    end = buffer.count
                }
                spans.append(LineSpan(start: base + start, count: end - start))
                start = end
            }
        }
        return spans
    }

    init(_ content: [UInt8]) {
        self.init(Bytes(content))
    }

    var count: Int { spans.count }

    /// The lines, each copied out (for tests and messages).
    var lines: [Bytes] { withExtendedLifetime(owners) { spans.map { Bytes($0.buffer) } } }

    /// The image's text, copied out in one pass; runs of lines that lie next to each other
    /// in memory are copied at once.
    var bytes: [UInt8] {
        withExtendedLifetime(owners) {
            let total = spans.reduce(0) { $0 + $1.count }
            return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
                guard var out = buffer.baseAddress else { return }
                var i = 0
                while i < spans.count {
                    guard let start = spans[i].start else { i += 1; continue }
                    var length = spans[i].count
                    i += 1
                    while i < spans.count, let next = spans[i].start, next == start + length {
                        length += spans[i].count
                        i += 1
                    }
                    out.update(from: start, count: length)
                    out += length
                }
                initialized = total
            }
        }
    }

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
            end = hunk.records.last.map { $0.kind != .context } ?? true
        }
    }

    /// Applies `hunk` where its old lines match and returns the 0-based line it applied
    /// at, or nil (leaving the image as it was) when they match nowhere allowed.
    mutating func apply(_ hunk: Hunk) -> Int? {
        collect(hunk)
        guard let position = position(of: oldScratch, anchor: Anchor(hunk)) else { return nil }
        spans.replaceSubrange(position..<position + oldScratch.count, with: newScratch)
        patched.replaceSubrange(position..<position + oldScratch.count, with: repeatElement(true, count: newScratch.count))
        owners.append(hunk.body)
        return position
    }

    /// Fills the scratch arrays with the hunk's old and new lines. The spans stay valid
    /// while the hunk's body is alive: the caller's hunk, or `owners` once applied.
    private mutating func collect(_ hunk: Hunk) {
        oldScratch.removeAll(keepingCapacity: true)
        newScratch.removeAll(keepingCapacity: true)
        hunk.withUnsafeLines { lines in
            for i in lines.indices {
                let span = LineSpan(lines.text(i))
                switch lines.kind(i) {
                case .context:
                    oldScratch.append(span)
                    newScratch.append(span)
                case .removed: oldScratch.append(span)
                case .added: newScratch.append(span)
                }
            }
        }
    }

    /// git's `find_pos`: the start line, then +1, -1, +2, -2, … until both ends are
    /// passed; an anchored hunk is tried only where its anchor puts it.
    private func position(of old: [LineSpan], anchor: Anchor) -> Int? {
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
    private func matches(_ old: [LineSpan], at position: Int, anchor: Anchor) -> Bool {
        guard position + old.count <= count else { return false }
        if anchor.end && position + old.count != count { return false }
        if anchor.beginning && position != 0 { return false }
        return withExtendedLifetime(owners) {
            for i in old.indices where patched[position + i] || spans[position + i] != old[i] {
                return false
            }
            return true
        }
    }

    // MARK: - explaining a mismatch

    /// Why `hunk`'s old lines do not match where its header puts them, in words.
    mutating func mismatch(of hunk: Hunk) -> String {
        collect(hunk)
        let old = oldScratch, anchor = Anchor(hunk)
        return withExtendedLifetime(hunk) {
            withExtendedLifetime(owners) {
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
                    let expected = Quoted.line(Bytes(old[i].buffer))
                    if at >= count {
                        reason = "expected line \(at + 1) \(expected), but the file has only \(count) line\(count == 1 ? "" : "s")"
                        break
                    }
                    if patched[at] {
                        reason = "expected line \(at + 1) \(expected), but an earlier hunk already changed that line"
                        break
                    }
                    if spans[at] != old[i] {
                        reason = "expected line \(at + 1) \(expected), found \(Quoted.line(Bytes(spans[at].buffer)))"
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
    }
}

/// One line's bytes, wherever they are; valid only while their owner is alive. Equal
/// when the bytes are.
private struct LineSpan: Equatable {
    let start: UnsafePointer<UInt8>?
    let count: Int

    init(start: UnsafePointer<UInt8>, count: Int) {
        self.start = start
        self.count = count
    }

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        start = buffer.baseAddress
        count = buffer.count
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    static func == (a: LineSpan, b: LineSpan) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let x = a.start, let y = b.start else { return true }
        return x == y || memcmp(x, y, a.count) == 0
    }
}
