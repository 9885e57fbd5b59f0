import AirlockCore

/// A `/` search of the diff: its query and where the scan for the next match stands.
///
/// Smart case: the query matches without regard to case (ASCII letters) unless it holds
/// an upper-case letter. Lines, file paths and hunk sections are searched as their bytes
/// (before tabs are expanded or anything is escaped).
///
/// A scan looks at no more than `budget` bytes per step, so a query typed into a
/// 100,000-line diff never holds up the keys: when a step ends without a match the search
/// stays `isSearching`, and the cockpit calls `continueSearch(in:)` on its next tick.
public struct DiffSearch: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case searching
        /// The cursor is on a match; `wrapped` when the scan went round the end to find it.
        case found(wrapped: Bool)
        case notFound
    }

    /// Bytes looked at per step: under a millisecond in a release build.
    static let budget = 1 << 18

    public let query: String
    public let caseSensitive: Bool
    public internal(set) var status: Status = .searching
    let needle: [UInt8]

    struct Scan: Sendable, Equatable {
        /// The next unified row to look at.
        var row: Int
        var forward: Bool
        /// Rows left to look at before the scan has been all the way round.
        var remaining: Int
        var wrapped = false
    }
    var scan: Scan?

    init(query: String) {
        self.query = query
        caseSensitive = query.contains { $0.isUppercase }
        needle = caseSensitive ? Array(query.utf8) : Array(query.utf8).map(Self.fold)
    }

    @inline(__always) static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Where the query occurs in `bytes`, as ranges from 0, not overlapping; looks at no
    /// more than `limit` bytes.
    func ranges(in bytes: Bytes, limit: Int = .max) -> [Range<Int>] {
        guard !needle.isEmpty else { return [] }
        return bytes.withUnsafeBufferPointer { haystack in
            var result: [Range<Int>] = []
            let n = needle.count, end = min(haystack.count, limit) - n
            guard end >= 0 else { return [] }
            let first = needle[0]
            var i = 0
            while i <= end {
                let byte = caseSensitive ? haystack[i] : Self.fold(haystack[i])
                if byte == first, matches(haystack, at: i) {
                    result.append(i..<(i + n))
                    i += n
                } else {
                    i += 1
                }
            }
            return result
        }
    }

    func contains(_ bytes: Bytes) -> Bool {
        guard !needle.isEmpty else { return false }
        return bytes.withUnsafeBufferPointer { haystack in
            let n = needle.count, end = haystack.count - n
            guard end >= 0 else { return false }
            let first = needle[0]
            for i in 0...end {
                let byte = caseSensitive ? haystack[i] : Self.fold(haystack[i])
                if byte == first, matches(haystack, at: i) { return true }
            }
            return false
        }
    }

    @inline(__always) private func matches(_ haystack: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        for k in 1..<needle.count {
            let byte = caseSensitive ? haystack[i + k] : Self.fold(haystack[i + k])
            if byte != needle[k] { return false }
        }
        return true
    }
}

extension DiffViewState {
    /// Whether a search is still scanning: call `continueSearch(in:)` on the next tick.
    public var isSearching: Bool { search?.scan != nil }

    /// Starts a search for `query` from the row after the cursor; an empty query ends the
    /// search.
    public mutating func search(_ query: String, in document: DiffDocument, comments: DiffComments = .none) {
        guard !query.isEmpty else {
            search = nil
            return
        }
        search = DiffSearch(query: query)
        startScan(forward: true, document, comments)
    }

    public mutating func nextMatch(in document: DiffDocument, comments: DiffComments = .none) {
        startScan(forward: true, document, comments)
    }

    public mutating func previousMatch(in document: DiffDocument, comments: DiffComments = .none) {
        startScan(forward: false, document, comments)
    }

    public mutating func cancelSearch() {
        search = nil
    }

    /// Another step of the scan a search, `n` or `N` started.
    public mutating func continueSearch(in document: DiffDocument, comments: DiffComments = .none) {
        guard var search, var scan = search.scan else { return }
        let count = document.unifiedRowCount
        var looked = 0
        while scan.remaining > 0, looked < DiffSearch.budget {
            let row = scan.row, wrapped = scan.wrapped
            scan.remaining -= 1
            if scan.forward {
                scan.row += 1
                if scan.row == count { (scan.row, scan.wrapped) = (0, true) }
            } else {
                scan.row -= 1
                if scan.row < 0 { (scan.row, scan.wrapped) = (count - 1, true) }
            }
            let text = Self.searchedText(document, row: row)
            looked += text.count + 16
            if search.contains(text) {
                search.scan = nil
                search.status = .found(wrapped: wrapped)
                self.search = search
                moveCursor(to: document.convert(row, from: .unified, to: layout, preferred: preferredSide), document, comments)
                return
            }
        }
        search.scan = scan.remaining > 0 ? scan : nil
        search.status = scan.remaining > 0 ? .searching : .notFound
        self.search = search
    }

    private mutating func startScan(forward: Bool, _ document: DiffDocument, _ comments: DiffComments) {
        guard var search else { return }
        guard document.unifiedRowCount > 0 else {
            search.status = .notFound
            self.search = search
            return
        }
        let here = document.convert(cursor, from: layout, to: .unified, preferred: preferredSide)
        let count = document.unifiedRowCount
        let from = forward ? (here + 1) % count : (here - 1 + count) % count
        let wrapped = forward ? from <= here : from >= here
        search.scan = DiffSearch.Scan(row: from, forward: forward, remaining: count, wrapped: wrapped && count > 1)
        search.status = .searching
        self.search = search
        continueSearch(in: document, comments: comments)
    }

    /// What a unified row is searched in: a line's shown bytes, a file's path (and old
    /// path), a hunk's section.
    static func searchedText(_ document: DiffDocument, row: Int) -> Bytes {
        switch document.row(row, .unified) {
        case .line(let l): return document.shownBytes(ofLine: l)
        case .hunk(let h): return document.hunks[h].section
        case .file(let f):
            let file = document.files[f]
            return Bytes(((file.oldPath.map { $0 + "\n" } ?? "") + file.path).utf8)
        case .pair, nil: return Bytes()
        }
    }
}
