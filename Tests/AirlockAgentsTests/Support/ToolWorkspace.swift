import AirlockAgents
import AirlockCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A managed workspace in a temporary directory, its review service, and the tools of one
/// agent on it. Removed when released.
final class ToolWorkspace {
    let base: String
    let workspace: ManagedWorkspace
    let service: LocalReviewService

    var root: String { workspace.root }

    init(files: [String: String] = [:]) throws {
        var template = Array("\(NSTemporaryDirectory())/airlock-mcp-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        base = String(cString: made)
        for (path, text) in files {
            let url = URL(fileURLWithPath: base).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        workspace = try ManagedWorkspace.initialize(at: base)
        service = LocalReviewService(workspace: workspace)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: base)
    }

    func tools(_ agent: String = "coder-1") -> AgentTools {
        AgentTools(service: service, agent: agent)
    }

    /// Calls `name` with arguments written as JSON text, as a client sends them.
    func call(_ name: String, _ json: String, as agent: String = "coder-1") async throws -> ToolReply {
        await tools(agent).call(name, arguments: try JSONValue(json: Data(json.utf8)))
    }

    func read(_ path: String) -> String? {
        try? String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }
}

/// A pseudo-terminal, so a test can be the person at a terminal that deciding requires.
final class ReviewerTerminal {
    let master: Int32
    let slave: Int32

    private static let unlockRequest = UInt(0x4004_5431)  // TIOCSPTLCK
    private static let numberRequest = UInt(0x8004_5430)  // TIOCGPTN

    init() throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw POSIXError(.ENOTTY) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, Self.unlockRequest, &unlock) == 0, ioctl(master, Self.numberRequest, &number) == 0 else {
            close(master)
            throw POSIXError(.ENOTTY)
        }
        slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            close(master)
            throw POSIXError(.ENOTTY)
        }
    }

    deinit {
        close(slave)
        close(master)
    }

    func reviewer() throws -> Reviewer {
        try Reviewer(terminal: slave, environment: [:])
    }
}

extension ToolReply {
    /// A member of the structured content.
    subscript(_ key: String) -> JSONValue? {
        guard case .object(let members) = structured else { return nil }
        return members[key]
    }

    var id: Int64? {
        if case .integer(let id)? = self["id"] { return id }
        return nil
    }

    func string(_ key: String) -> String? {
        if case .string(let text)? = self[key] { return text }
        return nil
    }
}

/// A git diff changing line 2 of `path` (three lines `one two three`) to `replacement`.
func lineTwoDiff(_ path: String = "a.txt", to replacement: String = "TWO") -> String {
    """
    diff --git a/\(path) b/\(path)
    --- a/\(path)
    +++ b/\(path)
    @@ -1,3 +1,3 @@
     one
    -two
    +\(replacement)
     three

    """
}
