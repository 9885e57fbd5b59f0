/// Which lines of an old and a new text a short edit script removes and adds, found with
/// Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) in
/// its linear-space, divide-and-conquer form.
///
/// Before the search, as git's xdiff does: the common prefix and suffix are set aside, and
/// lines that occur nowhere in the other text are marked changed and left out of the
/// search (they can never match, and large rewrites become cheap). Past a cost bound the
/// search settles for a good split instead of the best one, so pathological inputs stay
/// fast at the price of a longer, still correct, script.
struct LineEditScript {
    /// Equal lines share an id.
    private(set) var oldIDs: [Int32]
    private(set) var newIDs: [Int32]
    var oldChanged: [Bool]
    var newChanged: [Bool]

    init(old: [Bytes], new: [Bytes]) {
        let n = old.count, m = new.count
        oldChanged = Array(repeating: false, count: n)
        newChanged = Array(repeating: false, count: m)

        var ids: [Bytes: Int32] = [:]
        ids.reserveCapacity(min(n + m, 1 << 20))
        func id(_ line: Bytes) -> Int32 {
            if let known = ids[line] { return known }
            let fresh = Int32(ids.count)
            ids[line] = fresh
            return fresh
        }
        oldIDs = old.map(id)
        newIDs = new.map(id)

        var prefix = 0
        while prefix < n, prefix < m, oldIDs[prefix] == newIDs[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < n - prefix, suffix < m - prefix, oldIDs[n - 1 - suffix] == newIDs[m - 1 - suffix] { suffix += 1 }

        var inOld = [Int32](repeating: 0, count: ids.count)
        var inNew = [Int32](repeating: 0, count: ids.count)
        for id in oldIDs { inOld[Int(id)] += 1 }
        for id in newIDs { inNew[Int(id)] += 1 }

        // The search runs on the lines that could match; `…Index` maps back.
        var oldIndex: [Int] = [], newIndex: [Int] = []
        for i in prefix..<(n - suffix) {
            if inNew[Int(oldIDs[i])] == 0 { oldChanged[i] = true } else { oldIndex.append(i) }
        }
        for j in prefix..<(m - suffix) {
            if inOld[Int(newIDs[j])] == 0 { newChanged[j] = true } else { newIndex.append(j) }
        }
        var search = MiddleSnakeSearch(
            a: oldIndex.map { oldIDs[$0] }, b: newIndex.map { newIDs[$0] })
        search.compare(0, oldIndex.count, 0, newIndex.count)
        for (k, i) in oldIndex.enumerated() where search.aChanged[k] { oldChanged[i] = true }
        for (k, j) in newIndex.enumerated() where search.bChanged[k] { newChanged[j] = true }
    }
}

/// The recursive core: finds a point that an optimal path through the edit graph of
/// `a[aLo..<aHi]` and `b[bLo..<bHi]` crosses, and recurses on both halves.
private struct MiddleSnakeSearch {
    let a: [Int32]
    let b: [Int32]
    var aChanged: [Bool]
    var bChanged: [Bool]

    init(a: [Int32], b: [Int32]) {
        self.a = a
        self.b = b
        aChanged = Array(repeating: false, count: a.count)
        bChanged = Array(repeating: false, count: b.count)
    }

    mutating func compare(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) {
        var aLo = aLo, aHi = aHi, bLo = bLo, bHi = bHi
        while aLo < aHi, bLo < bHi, a[aLo] == b[bLo] {
            aLo += 1
            bLo += 1
        }
        while aLo < aHi, bLo < bHi, a[aHi - 1] == b[bHi - 1] {
            aHi -= 1
            bHi -= 1
        }
        if aLo == aHi {
            for j in bLo..<bHi { bChanged[j] = true }
            return
        }
        if bLo == bHi {
            for i in aLo..<aHi { aChanged[i] = true }
            return
        }
        let (x, y) = split(aLo, aHi, bLo, bHi)
        // A corner would not shrink the problem; the search never returns one, but if it
        // did, replacing the whole box is still a correct script.
        guard (x, y) != (aLo, bLo), (x, y) != (aHi, bHi) else {
            for i in aLo..<aHi { aChanged[i] = true }
            for j in bLo..<bHi { bChanged[j] = true }
            return
        }
        compare(aLo, x, bLo, y)
        compare(x, aHi, y, bHi)
    }

    /// Runs the forward search from (aLo, bLo) and the backward search from (aHi, bHi) one
    /// edit at a time until they meet on a diagonal `k = x - y`. Forward values are the
    /// furthest x reached on each diagonal, backward values the smallest.
    private func split(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> (Int, Int) {
        let kMin = aLo - bHi, kMax = aHi - bLo
        let forwardMid = aLo - bLo, backwardMid = aHi - bHi
        let odd = (forwardMid - backwardMid) & 1 != 0
        let offset = 1 - kMin  // one sentinel slot on each side of the diagonals
        let unreachedForward = -1, unreachedBackward = Int.max
        var forward = [Int](repeating: unreachedForward, count: kMax - kMin + 3)
        var backward = [Int](repeating: unreachedBackward, count: kMax - kMin + 3)
        let costBound = max(256, Int(Double(aHi - aLo + bHi - bLo).squareRoot()))

        var d = 0
        while true {
            // Forward: extend every diagonal of this parity by one edit, then its snake.
            var k = min(kMax, forwardMid + d)
            if (k - forwardMid - d) & 1 != 0 { k -= 1 }
            let forwardLow = max(kMin, forwardMid - d)
            while k >= forwardLow {
                var x = aLo
                if d > 0 {
                    x = unreachedForward
                    let fromLeft = forward[k - 1 + offset]
                    if fromLeft != unreachedForward, fromLeft < aHi { x = fromLeft + 1 }
                    let fromAbove = forward[k + 1 + offset]
                    if fromAbove != unreachedForward, fromAbove - k <= bHi, fromAbove > x { x = fromAbove }
                }
                if x != unreachedForward {
                    var y = x - k
                    while x < aHi, y < bHi, a[x] == b[y] {
                        x += 1
                        y += 1
                    }
                    if odd, abs(k - backwardMid) <= d - 1, backward[k + offset] <= x { return (x, y) }
                }
                forward[k + offset] = x
                k -= 2
            }

            // Backward: the same from the far corner.
            k = min(kMax, backwardMid + d)
            if (k - backwardMid - d) & 1 != 0 { k -= 1 }
            let backwardLow = max(kMin, backwardMid - d)
            while k >= backwardLow {
                var x = aHi
                if d > 0 {
                    x = unreachedBackward
                    let fromRight = backward[k + 1 + offset]
                    if fromRight != unreachedBackward, fromRight > aLo { x = fromRight - 1 }
                    let fromBelow = backward[k - 1 + offset]
                    if fromBelow != unreachedBackward, fromBelow - k >= bLo, fromBelow < x { x = fromBelow }
                }
                if x != unreachedBackward {
                    var y = x - k
                    while x > aLo, y > bLo, a[x - 1] == b[y - 1] {
                        x -= 1
                        y -= 1
                    }
                    if !odd, abs(k - forwardMid) <= d, x <= forward[k + offset] { return (x, y) }
                }
                backward[k + offset] = x
                k -= 2
            }

            if d >= costBound {
                return bestPartialSplit(
                    forward: forward, backward: backward, offset: offset, d: d,
                    aLo: aLo, aHi: aHi, bLo: bLo, bHi: bHi)
            }
            d += 1
        }
    }

    /// When the search has cost too much: the point, forward or backward, that got
    /// furthest from its own corner.
    private func bestPartialSplit(
        forward: [Int], backward: [Int], offset: Int, d: Int,
        aLo: Int, aHi: Int, bLo: Int, bHi: Int
    ) -> (Int, Int) {
        let kMin = aLo - bHi, kMax = aHi - bLo
        var best = (x: aLo, y: bLo, progress: -1)
        for k in max(kMin, aLo - bLo - d)...min(kMax, aLo - bLo + d) {
            let x = forward[k + offset]
            guard x >= 0 else { continue }
            let progress = (x - aLo) + (x - k - bLo)
            if progress > best.progress { best = (x, x - k, progress) }
        }
        for k in max(kMin, aHi - bHi - d)...min(kMax, aHi - bHi + d) {
            let x = backward[k + offset]
            guard x != Int.max else { continue }
            let progress = (aHi - x) + (bHi - (x - k))
            if progress > best.progress { best = (x, x - k, progress) }
        }
        return (best.x, best.y)
    }
}
