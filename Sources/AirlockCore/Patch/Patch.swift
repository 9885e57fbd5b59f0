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

    public var addedLineCount: Int {
        hunks.withUnsafeBufferPointer { hunks in hunks.indices.reduce(0) { $0 + hunks[$1].addedLineCount } }
    }
    public var removedLineCount: Int {
        hunks.withUnsafeBufferPointer { hunks in hunks.indices.reduce(0) { $0 + hunks[$1].removedLineCount } }
    }
}

/// Reads a workspace file for the formats that are resolved against current content
/// (Codex patches, search/replace edits, whole-file writes): the file's bytes, or nil
/// when there is no such file.
public typealias WorkspaceContents = @Sendable (_ path: String) throws -> [UInt8]?
