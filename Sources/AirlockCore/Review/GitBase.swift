import Foundation

/// The commit a workspace's `HEAD` names, read from git's files: `HEAD`, a loose ref or
/// `packed-refs`, in the repository `.git` names (a directory, or a `gitdir:` file for a
/// linked worktree or submodule). Starting git for this cost more than the rest of a
/// submission. Anything unusual (a reftable repository, a broken ref) gives nil: the
/// base commit is a record for people, the pre-image hashes are what re-checks use.
enum GitBase {
    static func head(of root: String) -> String? {
        guard let gitDirectory = gitDirectory(of: root) else { return nil }
        var reference = "HEAD"
        for _ in 0..<5 {
            let text: String
            if let loose = read(gitDirectory.specific + "/" + reference) ?? read(gitDirectory.common + "/" + reference) {
                text = loose
            } else if let packed = packedReference(reference, in: gitDirectory.common) {
                text = packed
            } else {
                return nil
            }
            if text.hasPrefix("ref: ") {
                reference = String(text.dropFirst(5))
                guard reference.hasPrefix("refs/"), !reference.contains("..") else { return nil }
                continue
            }
            return isObjectID(text) ? text : nil
        }
        return nil
    }

    /// The worktree's own git directory (for `HEAD`) and the common one (for refs).
    private static func gitDirectory(of root: String) -> (specific: String, common: String)? {
        let dotGit = root + "/.git"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) else { return nil }
        var specific = dotGit
        if !isDirectory.boolValue {
            guard let pointer = read(dotGit), pointer.hasPrefix("gitdir: ") else { return nil }
            let path = String(pointer.dropFirst(8))
            specific = path.hasPrefix("/") ? path : root + "/" + path
        }
        var common = specific
        if let relative = read(specific + "/commondir") {
            common = relative.hasPrefix("/") ? relative : specific + "/" + relative
        }
        return (specific, common)
    }

    private static func packedReference(_ reference: String, in common: String) -> String? {
        guard let packed = try? String(contentsOfFile: common + "/packed-refs", encoding: .utf8) else { return nil }
        for line in packed.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("^") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == reference { return String(parts[0]) }
        }
        return nil
    }

    private static func read(_ path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isObjectID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
