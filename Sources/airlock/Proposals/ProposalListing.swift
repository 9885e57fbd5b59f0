import AirlockCore

/// `airlock list`'s output, written as bytes straight from the store's rows: ten thousand
/// proposals through strings and `JSONEncoder` took three times the budget of the command.
struct ProposalListing {
    enum Style {
        /// Aligned columns: id, state, agent, size, files, age, title.
        case table(now: Int64)
        /// A pretty-printed array of objects with sorted keys, as the other `--json` outputs.
        case json
    }

    let style: Style
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    init(_ style: Style) {
        self.style = style
        bytes.reserveCapacity((1 << 16) + 4096)
        if case .json = style { bytes.append(UInt8(ascii: "[")) }
    }

    mutating func append(_ row: ProposalSummaryRow) {
        switch style {
        case .table(let now): appendLine(row, now: now)
        case .json: appendObject(row)
        }
        count += 1
    }

    /// The output so far, once it is worth a write: the caller streams it instead of
    /// holding a megabyte of listing.
    mutating func takeChunk(minimum: Int = 1 << 16) -> [UInt8]? {
        guard bytes.count >= minimum else { return nil }
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// The rest of the output; a JSON listing is closed here.
    mutating func finish() -> [UInt8] {
        if case .json = style { bytes.append(contentsOf: count == 0 ? "]\n".utf8 : "\n]\n".utf8) }
        return bytes
    }

    private mutating func appendLine(_ row: ProposalSummaryRow, now: Int64) {
        var start = bytes.count
        bytes.append(UInt8(ascii: "#"))
        CanonicalJSON.appendInteger(row.id, to: &bytes)
        pad(from: start, width: 6)
        start = bytes.count
        bytes.append(contentsOf: row.state.rawValue.utf8)
        pad(from: start, width: 11)
        pad(shown: VisibleText.append(row.agent, to: &bytes), width: 14)
        start = bytes.count
        bytes.append(UInt8(ascii: "+"))
        CanonicalJSON.appendInteger(row.addedLines, to: &bytes)
        bytes.append(contentsOf: " -".utf8)
        CanonicalJSON.appendInteger(row.removedLines, to: &bytes)
        pad(from: start, width: 14)
        start = bytes.count
        CanonicalJSON.appendInteger(row.fileCount, to: &bytes)
        bytes.append(UInt8(ascii: "f"))
        pad(from: start, width: 6)
        start = bytes.count
        bytes.append(contentsOf: Age.describe(since: row.createdAt, now: now).utf8)
        pad(from: start, width: 5)
        VisibleText.append(row.title, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Left-aligns the ASCII column that started at `start` in `width`, with at least one
    /// space after it.
    private mutating func pad(from start: Int, width: Int) {
        pad(shown: bytes.count - start, width: width)
    }

    private mutating func pad(shown: Int, width: Int) {
        bytes.append(contentsOf: Self.spaces[..<(shown >= width ? 1 : width - shown)])
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 16)

    private mutating func appendObject(_ row: ProposalSummaryRow) {
        bytes.append(contentsOf: count == 0 ? "\n  {\n".utf8 : ",\n  {\n".utf8)
        member("added_lines") { CanonicalJSON.appendInteger(row.addedLines, to: &$0) }
        member("agent") { CanonicalJSON.appendString(utf8: row.agent, to: &$0) }
        member("created_at") { CanonicalJSON.appendInteger(row.createdAt, to: &$0) }
        member("file_count") { CanonicalJSON.appendInteger(row.fileCount, to: &$0) }
        member("id") { CanonicalJSON.appendInteger(row.id, to: &$0) }
        member("removed_lines") { CanonicalJSON.appendInteger(row.removedLines, to: &$0) }
        member("state") { CanonicalJSON.appendString(row.state.rawValue, to: &$0) }
        member("title") { CanonicalJSON.appendString(utf8: row.title, to: &$0) }
        member("updated_at", last: true) { CanonicalJSON.appendInteger(row.updatedAt, to: &$0) }
        bytes.append(contentsOf: "  }".utf8)
    }

    private mutating func member(_ key: StaticString, last: Bool = false, _ value: (inout [UInt8]) -> Void) {
        bytes.append(contentsOf: "    \"".utf8)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: "\" : ".utf8)
        value(&bytes)
        bytes.append(contentsOf: last ? "\n".utf8 : ",\n".utf8)
    }
}
