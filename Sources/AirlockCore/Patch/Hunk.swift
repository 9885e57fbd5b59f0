import Foundation

/// One `@@` hunk. Line numbers are 1-based as in the header; a range of zero lines starts
/// at the line before it, as diff writes it.
///
/// The lines are stored compactly: one `Bytes` that every line's text is a slice of (for
/// a parsed hunk, its body in the patch itself) and an 8-byte record per line. Parsing,
/// counting and matching therefore neither allocate nor retain anything per line;
/// `lines` builds `HunkLine` values when asked.
public struct Hunk: Sendable {
    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int
    /// What follows the closing `@@` on the header line (usually " function name"), verbatim.
    public var section: Bytes
    /// The bytes the lines' texts are slices of.
    private(set) var body: Bytes
    /// One per line, in order, locating its text in `body`; parsed hunks of one file
    /// share one array.
    private(set) var records: ArraySlice<LineRecord> {
        didSet { (added, removed) = Self.counts(records) }
    }
    /// How many records are of each changed kind, kept with them so that counting a
    /// patch's lines does not walk them.
    private var added: UInt32 = 0, removed: UInt32 = 0

    public init(
        oldStart: Int, oldCount: Int, newStart: Int, newCount: Int,
        section: Bytes = [], lines: [HunkLine]
    ) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
        self.section = section
        (body, records) = Self.pack(lines)
        (added, removed) = Self.counts(records)
    }

    /// A hunk whose lines are already laid out in `body`, as the parser finds them; the
    /// parser passes the counts it made on the way.
    init(
        oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, section: Bytes,
        body: Bytes, records: ArraySlice<LineRecord>, counts: (added: Int, removed: Int)? = nil
    ) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
        self.section = section
        self.body = body
        self.records = records
        if let counts {
            (added, removed) = (UInt32(counts.added), UInt32(counts.removed))
        } else {
            (added, removed) = Self.counts(records)
        }
    }

    // MARK: - lines

    /// The body's lines; setting them lays them out afresh.
    public var lines: [HunkLine] {
        get { records.map { HunkLine($0.kind, text(of: $0)) } }
        set { (body, records) = Self.pack(newValue) }
    }

    public var lineCount: Int { records.count }
    public var addedLineCount: Int { Int(added) }
    public var removedLineCount: Int { Int(removed) }

    /// The lines the hunk expects to find (context and removed), with their terminators.
    public var oldLines: [Bytes] { records.compactMap { $0.kind == .added ? nil : text(of: $0) } }
    /// The lines the hunk leaves behind (context and added), with their terminators.
    public var newLines: [Bytes] { records.compactMap { $0.kind == .removed ? nil : text(of: $0) } }

    private static func counts(_ records: ArraySlice<LineRecord>) -> (added: UInt32, removed: UInt32) {
        records.withUnsafeBufferPointer { buffer in
            var added: UInt32 = 0, removed: UInt32 = 0
            for record in buffer {
                switch record.kind {
                case .added: added += 1
                case .removed: removed += 1
                case .context: break
                }
            }
            return (added, removed)
        }
    }

    private func text(of record: LineRecord) -> Bytes {
        guard record.length > 0, let storage = body.storage else { return Bytes() }
        let start = body.startIndex + record.offset
        return Bytes(storage: storage, range: start..<start + record.length)
    }

    /// Calls `work` with the lines as raw views into `body`, valid only during the call.
    func withUnsafeLines<R>(_ work: (UnsafeHunkLines) throws -> R) rethrows -> R {
        try withExtendedLifetime(body) {
            let base = body.storage.map { $0.pointer + body.startIndex }
            return try records.withUnsafeBufferPointer { try work(UnsafeHunkLines(base: base, records: $0)) }
        }
    }

    /// Lays out `lines` in one new buffer.
    private static func pack(_ lines: [HunkLine]) -> (Bytes, ArraySlice<LineRecord>) {
        let total = lines.reduce(0) { $0 + $1.text.count }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        var records: [LineRecord] = []
        records.reserveCapacity(lines.count)
        for line in lines {
            precondition(LineRecord.fits(offset: bytes.count, length: line.text.count), "a hunk holds at most 4 GiB, and a line at most 1 GiB")
            records.append(LineRecord(kind: line.kind, offset: bytes.count, length: line.text.count))
            bytes.append(contentsOf: line.text)
        }
        return (Bytes(bytes), records[...])
    }
}

extension Hunk: Equatable {
    /// Hunks are equal when their headers and lines are, wherever the lines are stored.
    public static func == (a: Hunk, b: Hunk) -> Bool {
        guard a.oldStart == b.oldStart, a.oldCount == b.oldCount, a.newStart == b.newStart, a.newCount == b.newCount,
            a.records.count == b.records.count, a.section == b.section
        else { return false }
        return a.withUnsafeLines { x in
            b.withUnsafeLines { y in
                for i in x.indices {
                    guard x.kind(i) == y.kind(i), x.text(i).elementsEqual(bytes: y.text(i)) else { return false }
                }
                return true
            }
        }
    }
}

// MARK: - missing newlines

extension Hunk {
    /// Where a line without its newline may not stand.
    public enum MisplacedMissingNewline: Equatable, Sendable {
        /// Not the last line of its side ("old" or "new").
        case middle(side: String)
        /// In a hunk that a later hunk of the same file follows.
        case beforeLaterHunk
    }

    /// The first line lacking its newline that is not the last line of a file: it must
    /// be the last line of its side (context: of both), in the file's last hunk.
    public func misplacedMissingNewline(isLastHunk: Bool) -> MisplacedMissingNewline? {
        let oldTotal = records.count - addedLineCount, newTotal = records.count - removedLineCount
        return withUnsafeLines { lines in
            var oldSeen = 0, newSeen = 0
            for i in lines.indices {
                let kind = lines.kind(i)
                if kind != .added { oldSeen += 1 }
                if kind != .removed { newSeen += 1 }
                guard !lines.hasNewline(i) else { continue }
                let lastOld = kind != .added && oldSeen == oldTotal
                let lastNew = kind != .removed && newSeen == newTotal
                switch kind {
                case .removed where !lastOld, .context where !lastOld: return .middle(side: "old")
                case .added where !lastNew, .context where !lastNew: return .middle(side: "new")
                default: if !isLastHunk { return .beforeLaterHunk }
                }
            }
            return nil
        }
    }
}

/// A line of a hunk body. `text` is the line as it is in the file, including its `\n`
/// (and `\r` before it for CRLF files); a line without `\n` is the last line of a file
/// that has no final newline ("\ No newline at end of file").
public struct HunkLine: Equatable, Sendable {
    public enum Kind: UInt8, Sendable {
        case context
        case removed
        case added
    }

    public var kind: Kind
    public var text: Bytes

    public init(_ kind: Kind, _ text: Bytes) {
        self.kind = kind
        self.text = text
    }

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = Bytes(text.utf8)
    }

    public var hasNewline: Bool { text.last == UInt8(ascii: "\n") }
}

/// Where one line of a hunk is in its body and what kind it is, in 8 bytes.
struct LineRecord: Equatable, Sendable {
    private var start: UInt32
    /// The length shifted left by 2, the kind in the low 2 bits.
    private var packed: UInt32

    static let maxLength = (1 << 30) - 1

    /// Whether a line at `offset` of `length` bytes can be recorded.
    static func fits(offset: Int, length: Int) -> Bool {
        offset >= 0 && offset <= Int(UInt32.max) && length >= 0 && length <= maxLength
    }

    init(kind: HunkLine.Kind, offset: Int, length: Int) {
        start = UInt32(offset)
        packed = UInt32(length) << 2 | UInt32(kind.rawValue)
    }

    var offset: Int { Int(start) }
    var length: Int { Int(packed >> 2) }

    var kind: HunkLine.Kind {
        switch packed & 3 {
        case 1: .removed
        case 2: .added
        default: .context
        }
    }

    func with(kind: HunkLine.Kind) -> LineRecord {
        LineRecord(kind: kind, offset: offset, length: length)
    }

    /// The same line without its last byte (its `\n`, for "\ No newline at end of file").
    func droppingLastByte() -> LineRecord {
        LineRecord(kind: kind, offset: offset, length: length - 1)
    }
}

/// A hunk's lines as raw views into its body; valid only inside `Hunk.withUnsafeLines`.
struct UnsafeHunkLines: RandomAccessCollection {
    let base: UnsafePointer<UInt8>?
    let records: UnsafeBufferPointer<LineRecord>

    var startIndex: Int { 0 }
    var endIndex: Int { records.count }
    subscript(i: Int) -> LineRecord { records[i] }

    func kind(_ i: Int) -> HunkLine.Kind { records[i].kind }

    func text(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let record = records[i]
        guard record.length > 0, let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + record.offset, count: record.length)
    }

    func hasNewline(_ i: Int) -> Bool {
        let record = records[i]
        guard record.length > 0, let base else { return false }
        return base[record.offset + record.length - 1] == UInt8(ascii: "\n")
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Byte-for-byte equality with `memcmp`.
    func elementsEqual(bytes other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let a = baseAddress, let b = other.baseAddress else { return true }
        return memcmp(a, b, count) == 0
    }
}
