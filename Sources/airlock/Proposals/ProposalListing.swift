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
    /// How much output is written at a time.
    static let chunk = 1 << 16
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    init(_ style: Style) {
        self.style = style
        bytes.reserveCapacity(Self.chunk + 4096)  // a chunk and the row that fills it
        if case .json = style { bytes.append(UInt8(ascii: "[")) }
    }

    mutating func append(_ row: ProposalSummaryRow) {
        switch style {
        case .table(let now): appendLine(row, now: now)
        case .json: appendObject(row)
        }
        count += 1
    }

    /// Hands the output so far to `write` once it is worth a write, and reuses the
    /// buffer: a listing streams instead of holding megabytes.
    mutating func flush(minimum: Int = chunk, _ write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard bytes.count >= minimum else { return }
        try bytes.withUnsafeBufferPointer(write)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Closes a JSON listing and hands over the rest.
    mutating func finish(_ write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        if case .json = style { bytes.append(contentsOf: count == 0 ? "]\n".utf8 : "\n]\n".utf8) }
        try flush(minimum: 0, write)
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
        append(" -")
        CanonicalJSON.appendInteger(row.removedLines, to: &bytes)
        pad(from: start, width: 14)
        start = bytes.count
        CanonicalJSON.appendInteger(row.fileCount, to: &bytes)
        bytes.append(UInt8(ascii: "f"))
        pad(from: start, width: 6)
        start = bytes.count
        let age = Age.measure(since: row.createdAt, now: now)
        CanonicalJSON.appendInteger(age.amount, to: &bytes)
        bytes.append(contentsOf: age.unit.compact.utf8)
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
        append(count == 0 ? "\n  {\n    \"added_lines\" : " : ",\n  {\n    \"added_lines\" : ")
        CanonicalJSON.appendInteger(row.addedLines, to: &bytes)
        append(",\n    \"agent\" : ")
        CanonicalJSON.appendString(utf8: row.agent, to: &bytes)
        append(",\n    \"created_at\" : ")
        CanonicalJSON.appendInteger(row.createdAt, to: &bytes)
        append(",\n    \"file_count\" : ")
        CanonicalJSON.appendInteger(row.fileCount, to: &bytes)
        append(",\n    \"id\" : ")
        CanonicalJSON.appendInteger(row.id, to: &bytes)
        append(",\n    \"removed_lines\" : ")
        CanonicalJSON.appendInteger(row.removedLines, to: &bytes)
        append(",\n    \"state\" : \"")
        bytes.append(contentsOf: row.state.rawValue.utf8)
        append("\",\n    \"title\" : ")
        CanonicalJSON.appendString(utf8: row.title, to: &bytes)
        append(",\n    \"updated_at\" : ")
        CanonicalJSON.appendInteger(row.updatedAt, to: &bytes)
        append("\n  }")
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
