#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DirectoryHandle {
    /// Renames `name` to `target` in `destination` only if nothing is there: a file that
    /// appeared at a path the patch creates belongs to someone else and is kept. Fails
    /// with `EEXIST` then. Uses `renameat2(…, RENAME_NOREPLACE)`, which checks and renames
    /// in one step; where the file system does not support it (`EINVAL`) or the C library
    /// lacks it, it checks first and renames after, which leaves a window of microseconds.
    func renameWithoutReplacing(_ name: String, to target: String, in destination: DirectoryHandle) throws(FileSystemError) {
        if let renameat2 = Self.renameat2 {
            if renameat2(descriptor, name, destination.descriptor, target, Self.renameNoReplace) == 0 { return }
            let code = errno
            guard code == EINVAL || code == ENOSYS else {
                throw FileSystemError("renameat2", path: destination.label.isEmpty ? target : destination.label + "/" + target, errno: code)
            }
        }
        guard try destination.status(target) == nil else {
            throw FileSystemError("renameat", path: destination.label.isEmpty ? target : destination.label + "/" + target, errno: EEXIST)
        }
        try rename(name, to: target, in: destination)
    }

    /// `RENAME_NOREPLACE` from `<linux/fs.h>`.
    private static let renameNoReplace: UInt32 = 1

    // Glibc's Swift module does not declare renameat2 (it needs _GNU_SOURCE, and
    // `syscall` is variadic), so it is looked up once, as `syncfs` is.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()
}
