import Foundation

extension ManagedWorkspace {
    /// The managed workspace that `path` lies in (or is), as `find(from:)` finds it but on
    /// the real path: through symlinks, of the nearest ancestor that exists. A symlink to
    /// a directory inside a managed workspace is inside it.
    public static func enclosing(_ path: String) -> String? {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        while !existing.isEmpty, existing != "/", !FileManager.default.fileExists(atPath: existing) {
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let resolved = realpath(existing, nil) else { return find(from: existing) }
        defer { free(resolved) }
        return find(from: String(cString: resolved))
    }

    /// A path a patch names that lies inside a managed workspace below `root`: a
    /// directory on its way holds `.airlock/`. Writing there directly would bypass that
    /// workspace's review, so `airlock patch apply` refuses it. `root` itself and what is
    /// above it are `find(from:)`'s business.
    public static func nested(in root: String, paths: some Sequence<String>) -> (path: String, workspace: String)? {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        var looked: [String: Bool] = [:]
        for path in paths {
            var directory = base == "/" ? "" : base
            for component in path.split(separator: "/", omittingEmptySubsequences: true).dropLast() {
                directory += "/" + component
                let managed: Bool
                if let known = looked[directory] {
                    managed = known
                } else {
                    var isDirectory: ObjCBool = false
                    managed = FileManager.default.fileExists(atPath: directory + "/" + stateDirectoryName, isDirectory: &isDirectory)
                        && isDirectory.boolValue
                    looked[directory] = managed
                }
                if managed { return (path, directory) }
            }
        }
        return nil
    }
}
