import Foundation

/// Reads a file a check command wrote in its scratch copy. The command was the agent's
/// code: it may have left a symlink where its results should be, pointing at the
/// reviewer's keys. Nothing is followed: every directory on the way and the file itself
/// must be what they seem, inside the scratch copy.
enum ScratchFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ relative: String, in root: URL, limit: Int) throws -> [UInt8] {
        let components = relative.split(separator: "/").map(String.init)
        guard !components.isEmpty, !components.contains(".."), !relative.hasPrefix("/") else {
            throw Failure(description: "`\(VisibleText.escape(relative))` is not a path inside the scratch copy")
        }
        var directory = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw Failure(description: "the scratch copy cannot be opened") }
        defer { close(directory) }
        for component in components.dropLast() where component != "." {
            let next = openat(directory, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else { throw Failure(description: "`\(VisibleText.escape(relative))` was not written (\(reason(errno)))") }
            close(directory)
            directory = next
        }
        let file = openat(directory, components[components.count - 1], O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { throw Failure(description: "`\(VisibleText.escape(relative))` was not written (\(reason(errno)))") }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw Failure(description: "`\(VisibleText.escape(relative))` is not a regular file")
        }
        guard Int(status.st_size) <= limit else {
            throw Failure(description: "`\(VisibleText.escape(relative))` is \(status.st_size) bytes, more than the \(limit) read")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            offset += count
        }
        return Array(bytes[..<offset])
    }

    private static func reason(_ code: Int32) -> String {
        code == ELOOP ? "a symlink is not followed" : String(cString: strerror(code))
    }
}
