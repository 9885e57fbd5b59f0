import AirlockCore
import Foundation

/// Where a demo builds its scene: a new or empty directory, never one that holds anything
/// (a demo commits its own files, runs `git init` and `airlock init`), and never inside a
/// workspace Airlock manages, where its files would land without review.
enum DemoDirectory {
    /// The directory given, made if missing, or a fresh temporary one; exit 2, with
    /// nothing written, for anything else.
    static func prepare(_ given: String?, command: String) throws -> URL {
        guard let given else { return try fresh() }
        let path = URL(fileURLWithPath: given).standardizedFileURL.path
        func refuse(_ why: String) -> Error {
            CommandFailure.fail("\(command) --directory \(path): \(why); the demo takes a new or empty directory, and nothing was written", code: CommandFailure.unusableInput)
        }
        if let managed = ManagedWorkspace.enclosing((path as NSString).deletingLastPathComponent) {
            throw refuse("it lies inside \(managed), which is managed by Airlock: its changes go through review")
        }
        var info = stat()
        if lstat(path, &info) != 0 {
            guard errno == ENOENT else { throw refuse(String(cString: strerror(errno))) }
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw refuse("cannot create it: \(error.localizedDescription)")
            }
            return URL(fileURLWithPath: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw refuse("it is a symbolic link")
        default: throw refuse("it is not a directory")
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw refuse("cannot list it: \(error.localizedDescription)")
        }
        guard entries.isEmpty else {
            throw refuse("it is not empty (\(entries.count) entr\(entries.count == 1 ? "y" : "ies"), among them \(entries.sorted().prefix(3).map { "`\($0)`" }.joined(separator: ", ")))")
        }
        return URL(fileURLWithPath: path)
    }

    /// A new directory under the temporary directory, made with `mkdtemp` so that no one
    /// can have put anything (or a symlink) there first.
    private static func fresh() throws -> URL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/airlock-demo-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else {
            throw CommandFailure.fail("cannot make a temporary directory for the demo: \(String(cString: strerror(errno)))", code: 1)
        }
        return URL(fileURLWithPath: String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}
