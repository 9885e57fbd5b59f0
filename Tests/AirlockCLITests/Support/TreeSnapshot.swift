import Foundation

/// Every entry under a directory, hidden ones included (`.git`, `.airlock`, journals):
/// directories as nil, files with their bytes, symlinks with their targets. Two equal
/// snapshots mean nothing was written, created or removed.
enum TreeSnapshot {
    static func take(_ root: URL) -> [String: Data?] {
        var entries: [String: Data?] = [:]
        let base = root.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let relative = enumerator?.nextObject() as? String {
            let path = base + "/" + relative
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            switch attributes?[.type] as? FileAttributeType {
            case .typeDirectory?: entries[relative] = Data?.none
            case .typeSymbolicLink?: entries[relative] = Data(((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "").utf8)
            default: entries[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return entries
    }

    /// What differs between two snapshots, for a failure message.
    static func difference(_ before: [String: Data?], _ after: [String: Data?]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }
}
