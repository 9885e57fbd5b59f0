import AirlockCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Managed workspaces for tests that drive the review loop through the real binary.
enum ManagedWorkspaceFixture {
    /// A fresh directory on tmpfs where there is one (the store's and journal's fsyncs
    /// cost nothing there, which keeps process-heavy tests fast), else the temp directory.
    static func directory() throws -> URL {
        let parent = access("/dev/shm", W_OK) == 0 ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let url = parent.appendingPathComponent("airlock-store-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A git diff that creates `path` with `lines` lines.
    static func creation(_ path: String, lines: Int = 1, tag: String = "") -> [UInt8] {
        var text = "diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1\(lines == 1 ? "" : ",\(lines)") @@\n"
        for n in 0..<lines { text += "+\(tag)\(path) line \(n)\n" }
        return Array(text.utf8)
    }

    /// The workspace's files and their bytes, without Airlock's own state.
    static func tree(_ root: URL) throws -> [String: Data] {
        try CLIHarness.tree(root).filter { !$0.key.hasPrefix(ManagedWorkspace.stateDirectoryName + "/") }
    }

    /// Decodes `airlock … --json` output.
    static func json<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// The fields of `airlock show --json` the tests read.
    struct Shown: Decodable {
        var id: Int64
        var state: String
        var stateReason: String?
    }

    /// The fields of `airlock propose --json`.
    struct Proposed: Decodable {
        var id: Int64
        var digest: String
        var new: Bool
        var state: String
    }

    /// The fields of one `airlock list --json` entry.
    struct Listed: Decodable {
        var id: Int64
        var agent: String
        var state: String
    }
}
