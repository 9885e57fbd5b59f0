import Crypto

/// The SHA-256 of workspace files for one re-check pass: each file is read and hashed
/// once, then its hash is reused as long as its fingerprint (device, inode, size,
/// modification and status-change times) is unchanged. A hundred proposals against one
/// large file cost one hash, not a hundred. A fingerprint taken within `ambiguity` of the
/// file's last change is not trusted (a second write in the same timestamp tick would
/// not show), so such a file is hashed again on every lookup.
final class WorkspaceFileHashes {
    private let reader: WorkspaceReader
    private let now: () -> FileFingerprint.Timestamp
    private var known: [String: Known] = [:]
    /// How many times a file was read and hashed, for tests.
    private(set) var hashCount = 0

    /// Two seconds: coarser than any timestamp granularity Linux file systems have.
    static let ambiguity = 2

    private struct Known {
        var fingerprint: FileFingerprint
        var sha256: String
    }

    init(reader: WorkspaceReader, now: @escaping () -> FileFingerprint.Timestamp = { .now }) {
        self.reader = reader
        self.now = now
    }

    /// The file's SHA-256 in hex, or nil when there is no such file. Throws when it
    /// cannot be read under the reader's rules (a symlink, a directory, too large).
    func sha256(of path: String) throws -> String? {
        let before = try fingerprint(of: path)
        if let before, let cached = known[path], cached.fingerprint == before { return cached.sha256 }
        let hashedAt = now()
        guard let content = try reader.contents(of: path) else {
            known[path] = nil
            return nil
        }
        hashCount += 1
        let digest = SHA256.hash(data: content).hexString
        // Cached only when the file did not change while it was read and its last change
        // is old enough that a later one must move the fingerprint.
        if let before, try fingerprint(of: path) == before,
            before.changed.seconds + Self.ambiguity < hashedAt.seconds, before.modified.seconds + Self.ambiguity < hashedAt.seconds
        {
            known[path] = Known(fingerprint: before, sha256: digest)
        } else {
            known[path] = nil
        }
        return digest
    }

    /// Whether every file is as the image says (nil: absent). A file that cannot be read
    /// safely (a symlink, say) does not match.
    func match(_ images: [FileImage]) -> Bool {
        images.allSatisfy { image in
            do { return try sha256(of: image.path) == image.sha256 } catch { return false }
        }
    }

    private func fingerprint(of path: String) throws -> FileFingerprint? {
        let checked = try PathPolicy.check(path)
        guard let name = checked.components.last else { return nil }
        let tree = try WorkspaceTree(opening: reader.root)
        return try tree.existingDirectory(checked.parent)?.fingerprint(name)
    }
}
