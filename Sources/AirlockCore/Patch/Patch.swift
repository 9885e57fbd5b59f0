/// One canonical change set: every input format parses into this, the renderer writes it
/// back as git diff text, and its digest identifies it.
public struct Patch: Equatable, Sendable {
    public var files: [FilePatch]

    public init(files: [FilePatch]) {
        self.files = files
    }
}

/// A git file mode such as `100644`, kept as its octal value.
public struct FileMode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let regular = FileMode(rawValue: 0o100644)
    public static let executable = FileMode(rawValue: 0o100755)
    public static let symlink = FileMode(rawValue: 0o120000)
    public static let gitlink = FileMode(rawValue: 0o160000)

    /// Parses the octal digits git writes (`100644`).
    public init?(octal text: some StringProtocol) {
        guard !text.isEmpty, text.count <= 7, let value = UInt32(text, radix: 8) else { return nil }
        rawValue = value
    }

    public var description: String { String(rawValue, radix: 8) }
    public var isExecutable: Bool { self == .executable }
}

/// The change to one file.
public struct FilePatch: Equatable, Sendable {
    /// Encoded as its verb (`"rename"`), which is also the word messages use.
    public enum Operation: String, Equatable, Sendable, Codable, CaseIterable {
        case modify
        case create
        case delete
        case rename
        case copy

        public var verb: String { rawValue }
    }

    /// The abbreviated blob ids of a git `index` line.
    public struct Index: Equatable, Sendable {
        public var oldID: String
        public var newID: String
        public var mode: FileMode?
        public init(oldID: String, newID: String, mode: FileMode? = nil) {
            self.oldID = oldID
            self.newID = newID
            self.mode = mode
        }
    }

    /// A binary change: either git's "Binary files … differ" line (no content), or a
    /// `GIT binary patch` block kept verbatim.
    public enum Binary: Equatable, Sendable {
        case marker
        case gitBinaryPatch(Bytes)
    }

    public var operation: Operation
    /// Path before the change, relative to the workspace; nil for a created file.
    public var oldPath: String?
    /// Path after the change; nil for a deleted file.
    public var newPath: String?
    public var oldMode: FileMode?
    public var newMode: FileMode?
    /// Similarity percentage of a rename or copy.
    public var similarity: Int?
    public var dissimilarity: Int?
    public var index: Index?
    public var binary: Binary?
    public var hunks: [Hunk]

    public init(
        operation: Operation, oldPath: String?, newPath: String?,
        oldMode: FileMode? = nil, newMode: FileMode? = nil,
        similarity: Int? = nil, dissimilarity: Int? = nil,
        index: Index? = nil, binary: Binary? = nil, hunks: [Hunk] = []
    ) {
        self.operation = operation
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldMode = oldMode
        self.newMode = newMode
        self.similarity = similarity
        self.dissimilarity = dissimilarity
        self.index = index
        self.binary = binary
        self.hunks = hunks
    }

    /// The path this entry is known by: the new one, or the old one for a deletion.
    public var path: String { newPath ?? oldPath ?? "" }

    public var addedLineCount: Int { hunks.reduce(0) { $0 + $1.addedLineCount } }
    public var removedLineCount: Int { hunks.reduce(0) { $0 + $1.removedLineCount } }
}

/// One `@@` hunk. Line numbers are 1-based as in the header; a range of zero lines starts
/// at the line before it, as diff writes it.
public struct Hunk: Equatable, Sendable {
    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int
    /// What follows the closing `@@` on the header line (usually " function name"), verbatim.
    public var section: Bytes
    public var lines: [HunkLine]

    public init(
        oldStart: Int, oldCount: Int, newStart: Int, newCount: Int,
        section: Bytes = [], lines: [HunkLine]
    ) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
        self.section = section
        self.lines = lines
    }

    public var addedLineCount: Int { count(of: .added) }
    public var removedLineCount: Int { count(of: .removed) }

    private func count(of kind: HunkLine.Kind) -> Int {
        // Reads only `kind` through the buffer, so no line's bytes are retained.
        lines.withUnsafeBufferPointer { buffer in
            var n = 0
            for i in buffer.indices where buffer[i].kind == kind { n += 1 }
            return n
        }
    }

    /// The lines the hunk expects to find (context and removed), with their terminators.
    public var oldLines: [Bytes] { lines.compactMap { $0.kind == .added ? nil : $0.text } }
    /// The lines the hunk leaves behind (context and added), with their terminators.
    public var newLines: [Bytes] { lines.compactMap { $0.kind == .removed ? nil : $0.text } }
}

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
        let oldTotal = lines.count - addedLineCount, newTotal = lines.count - removedLineCount
        var oldSeen = 0, newSeen = 0
        for line in lines {
            if line.kind != .added { oldSeen += 1 }
            if line.kind != .removed { newSeen += 1 }
            guard !line.hasNewline else { continue }
            let lastOld = line.kind != .added && oldSeen == oldTotal
            let lastNew = line.kind != .removed && newSeen == newTotal
            switch line.kind {
            case .removed where !lastOld, .context where !lastOld: return .middle(side: "old")
            case .added where !lastNew, .context where !lastNew: return .middle(side: "new")
            default: if !isLastHunk { return .beforeLaterHunk }
            }
        }
        return nil
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

/// Reads a workspace file for the formats that are resolved against current content
/// (Codex patches, search/replace edits, whole-file writes): the file's bytes, or nil
/// when there is no such file.
public typealias WorkspaceContents = @Sendable (_ path: String) throws -> [UInt8]?
