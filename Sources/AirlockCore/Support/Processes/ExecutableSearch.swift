#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Finds the file a command names, as a shell would: a name with a slash is a path, any
/// other name is looked up in each directory of `PATH` in turn.
enum ExecutableSearch {
    /// An absolute path: the child changes directory before it executes the file, and a
    /// relative path must still mean the file found here.
    static func resolve(_ name: String, environment: [String: String]?) throws(ProcessRunnerError) -> String {
        if name.contains("/") {
            guard FileManager.default.fileExists(atPath: name) else { throw .executableNotFound(name, searched: []) }
            guard isExecutableFile(name) else { throw .notExecutable(name) }
            return absolute(name)
        }
        let path = (environment ?? ProcessInfo.processInfo.environment)["PATH"] ?? "/usr/bin:/bin"
        // An empty entry means the current directory, as in every shell.
        let directories = path.split(separator: ":", omittingEmptySubsequences: false).map { $0.isEmpty ? "." : String($0) }
        for directory in directories {
            let candidate = directory + "/" + name
            if isExecutableFile(candidate) { return absolute(candidate) }
        }
        throw .executableNotFound(name, searched: directories)
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
