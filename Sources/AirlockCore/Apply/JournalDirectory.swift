#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The directory that holds the journal of the application in progress. Opening it takes
/// an exclusive lock on it, held while the value lives, so two processes never apply or
/// recover in the same workspace at once.
struct JournalDirectory {
    static let fileName = "transaction.json"
    static let temporaryName = "transaction.json.tmp"

    let handle: DirectoryHandle

    /// Opens and locks the directory at `path`, creating it (and its parents) when
    /// `create` is set; nil when it does not exist and `create` is not set.
    static func open(_ path: String, create: Bool) throws(FileSystemError) -> JournalDirectory? {
        if create { try makeDirectories(path) }
        let handle: DirectoryHandle
        do throws(FileSystemError) {
            handle = try DirectoryHandle.opening(trusted: path, label: path)
        } catch {
            if error.errno == ENOENT && !create { return nil }
            throw error
        }
        try handle.lockExclusively()
        return JournalDirectory(handle: handle)
    }

    static func makeDirectories(_ path: String) throws(FileSystemError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
            prefix += part
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw FileSystemError("mkdir", path: prefix, errno: errno)
            }
        }
    }

    /// The journal, or nil when no application is in progress. A temporary file left by
    /// a crash while the first journal was being written is removed: nothing was staged
    /// before that journal existed.
    func read() throws -> Journal? {
        let bytes: [UInt8]?
        do throws(FileSystemError) {
            bytes = try handle.readFile(Self.fileName, limit: 1 << 30)
        } catch {
            guard error.errno == ENOENT else { throw error }
            try handle.removeFile(Self.temporaryName)
            return nil
        }
        guard let bytes else {
            throw JournalCorruption(reason: "\(Quoted.name(Self.fileName)) in \(Quoted.name(handle.label)) is too large")
        }
        do {
            return try JSONDecoder().decode(Journal.self, from: Data(bytes))
        } catch {
            throw JournalCorruption(reason: "\(Quoted.name(Self.fileName)) in \(Quoted.name(handle.label)): \(error)")
        }
    }

    /// Replaces the journal atomically: a synced temporary file renamed over it. The
    /// rename is the moment the new state counts; each half is a step.
    func write(_ journal: Journal, steps: inout StepCounter) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let bytes = Array(try encoder.encode(journal))
        try steps.next()
        try handle.removeFile(Self.temporaryName)
        try handle.createFile(Self.temporaryName, bytes: bytes, permissions: 0o600, sync: true)
        try steps.next()
        try handle.rename(Self.temporaryName, to: Self.fileName, in: handle)
    }

    /// Makes the last rename or removal in the directory durable.
    func sync() throws {
        try handle.sync()
    }

    /// Deletes the journal, and any half-written next version of it: the application is
    /// over.
    func remove() throws {
        try handle.removeFile(Self.fileName)
        try handle.removeFile(Self.temporaryName)
        try handle.sync()
    }
}
