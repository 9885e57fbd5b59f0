import AirlockAgents
import Foundation

/// An agent's settings file in the workspace, read and replaced atomically (a temporary
/// file beside it, then a rename), never through a symlink.
struct SettingsFile {
    let root: String
    /// `.claude/settings.json` and the like.
    let relative: String

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    private var path: String { root + "/" + relative }
    private var directory: String { (path as NSString).deletingLastPathComponent }

    /// The settings as JSON; an empty object for a missing or empty file.
    func read() throws -> OrderedJSON {
        try refuseSymlinks()
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return .object([]) }
            throw Problem(description: "cannot read it: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw Problem(description: "cannot read it: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            bytes += buffer[..<count]
            guard bytes.count <= 16 << 20 else { throw Problem(description: "larger than 16 MiB: not a settings file") }
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([]) }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw Problem(description: "not valid JSON: \(error)")
        }
    }

    func write(_ text: String) throws {
        try refuseSymlinks()
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw Problem(description: "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        try refuseSymlinks()
        var info = stat()
        let mode = lstat(path, &info) == 0 ? mode_t(info.st_mode & 0o7777) : 0o644
        let temporary = directory + "/.airlock-settings-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Problem(description: "cannot write beside it: \(String(cString: strerror(errno)))") }
        var failure: String?
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count, failure == nil {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { failure = String(cString: strerror(errno)) } else { written += count }
        }
        if failure == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw Problem(description: "cannot write it: \(failure)")
        }
    }

    /// The settings directory and the file must be what they say, not links elsewhere.
    private func refuseSymlinks() throws {
        var info = stat()
        for candidate in [directory, path] where lstat(candidate, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            throw Problem(description: "\(candidate) is a symlink: Airlock does not write through one")
        }
    }
}
