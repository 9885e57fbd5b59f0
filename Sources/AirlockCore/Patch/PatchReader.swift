/// Reads a change in any format Airlock accepts into the canonical `Patch`.
public struct PatchReader: Sendable {
    /// Leading path components to strip from diff names (`-p N`); 1 as git.
    public var strip: Int
    /// Reads current workspace content, for the formats located by content.
    public var workspace: WorkspaceContents?
    /// Whether a diff's hunk headings are computed from `workspace`; when false they are
    /// dropped and no file is read for them, for a caller that only counts lines.
    public var computesHeadings: Bool

    public init(strip: Int = 1, workspace: WorkspaceContents? = nil, computesHeadings: Bool = true) {
        self.strip = strip
        self.workspace = workspace
        self.computesHeadings = computesHeadings
    }

    /// Parses `text` in the given format, or in the detected one when `format` is nil.
    /// A diff's hunk headings are computed from `workspace` (or dropped), and its
    /// similarity lines and blob ids dropped: the canonical patch states nothing the agent
    /// merely claimed (`Patch.replacingAgentClaims`). `canonical(_:)` reads text that
    /// Airlock rendered itself.
    /// Throws `PatchParseError` for diffs and `PatchFormatError` for the formats resolved
    /// against the workspace.
    public func read(_ text: [UInt8], format: PatchFormat? = nil) throws -> Patch {
        try read(Bytes(text), format: format)
    }

    private var headingSource: WorkspaceContents? { computesHeadings ? workspace : nil }

    /// Parses a canonical patch as Airlock rendered and stored it, keeping it as it is.
    public static func canonical(_ text: Bytes) throws -> Patch {
        try ParallelDiffParser.parse(text, strip: 1)
    }

    /// Parses bytes that may be a memory-mapped file (`ByteStorage(contentsOfFile:)`).
    public func read(_ text: Bytes, format: PatchFormat? = nil) throws -> Patch {
        let format = try format ?? PatchFormat.detect(text)
        switch format {
        case .git:
            return try ParallelDiffParser.parse(text, strip: strip).replacingAgentClaims(workspace: headingSource)
        case .unified:
            var parser = DiffParser(text, strip: strip)
            return try parser.parse().replacingAgentClaims(workspace: headingSource)
        case .codex, .aider, .edits:
            guard let workspace else {
                throw PatchParseError(line: nil, "the \(format.rawValue) format is located by content and needs the workspace's files")
            }
            let bytes = Array(text)
            switch format {
            case .codex: return try CodexPatch.resolve(bytes, workspace: workspace)
            case .aider: return try AiderBlocks.resolve(bytes, workspace: workspace)
            default: return try EditRequest.decode(json: bytes).resolve(workspace: workspace)
            }
        }
    }
}
