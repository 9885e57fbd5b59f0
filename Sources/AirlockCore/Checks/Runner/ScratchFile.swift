import Foundation

/// Reads a file a check command wrote in its scratch copy. The command was the agent's
/// code: it may have left a symlink where its results should be, pointing at the
/// reviewer's keys. Nothing is followed (`DirectoryHandle` opens each component with
/// `O_NOFOLLOW`): every directory on the way and the file itself must be what they seem,
/// inside the scratch copy.
enum ScratchFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ relative: String, in root: URL, limit: Int) throws -> [UInt8] {
        let shown = "`\(VisibleText.escape(relative))`"
        let components = relative.split(separator: "/").map(String.init).filter { $0 != "." }
        guard let name = components.last, !components.contains(".."), !relative.hasPrefix("/") else {
            throw Failure(description: "\(shown) is not a path inside the scratch copy")
        }
        let read: [UInt8]?
        do throws(FileSystemError) {
            var directory = try DirectoryHandle.opening(trusted: root.path, label: ".")
            for component in components.dropLast() { directory = try directory.subdirectory(component) }
            read = try directory.readFile(name, limit: limit)
        } catch {
            switch error.errno {
            case ELOOP: throw Failure(description: "\(shown) was not read: a symlink is not followed")
            case EINVAL: throw Failure(description: "\(shown) is not a regular file")
            default: throw Failure(description: "\(shown) was not written (\(String(cString: strerror(error.errno))))")
            }
        }
        guard let bytes = read else { throw Failure(description: "\(shown) is more than the \(limit) bytes read") }
        return bytes
    }
}
