/// A path inside the workspace as its components; the empty path is the workspace root.
/// Patch paths become `WorkspacePath`s only through `PathPolicy`; the journal's paths are
/// checked again when it is read back.
struct WorkspacePath: Hashable, Comparable, Sendable, CustomStringConvertible {
    let components: [String]

    static let root = WorkspacePath(components: [])

    init(components: [String]) {
        self.components = components
    }

    var isRoot: Bool { components.isEmpty }
    var depth: Int { components.count }
    /// The last component; empty for the root.
    var name: String { components.last ?? "" }
    var parent: WorkspacePath { WorkspacePath(components: Array(components.dropLast())) }
    var description: String { components.joined(separator: "/") }

    func appending(_ name: String) -> WorkspacePath {
        WorkspacePath(components: components + [name])
    }

    /// The first `count` components.
    func prefix(_ count: Int) -> WorkspacePath {
        WorkspacePath(components: Array(components.prefix(count)))
    }

    /// Every proper ancestor except the root, shallowest first: `a`, `a/b` for `a/b/c`.
    var ancestors: [WorkspacePath] {
        components.count < 2 ? [] : (1..<components.count).map { prefix($0) }
    }

    /// Whether `other` lies strictly inside this path.
    func contains(_ other: WorkspacePath) -> Bool {
        other.components.count > components.count && Array(other.components.prefix(components.count)) == components
    }

    static func < (lhs: WorkspacePath, rhs: WorkspacePath) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }
}

// The journal stores paths as strings; reading one back refuses anything that could
// leave the workspace, whoever wrote the file.
extension WorkspacePath: Codable {
    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text.isEmpty {
            self = .root
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts where part.isEmpty || part == "." || part == ".." || part.utf8.contains(0) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unsafe journal path \(Quoted.name(text))"))
        }
        self.init(components: parts)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
