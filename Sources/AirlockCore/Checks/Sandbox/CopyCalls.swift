#if canImport(Glibc)
import Glibc
#endif

/// The kernel's ways to copy a file without reading it into this process: a reflink that
/// shares the blocks (btrfs, XFS, bcachefs), else an in-kernel copy. Looked up at run
/// time, as `GNUCalls` does: Swift cannot call the variadic `ioctl`, and the Glibc module
/// leaves `copy_file_range` out.
enum CopyCalls {
    private typealias IOControl = @convention(c) (Int32, UInt, Int32) -> Int32
    private typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int

    /// `_IOW(0x94, 9, int)`.
    private static let ficlone: UInt = 0x4004_9409
    private static let ioctl: IOControl? = symbol("ioctl")
    private static let copyFileRange: CopyFileRange? = symbol("copy_file_range")

    /// Makes `destination` share `source`'s blocks; false when the file system cannot.
    static func clone(_ source: Int32, to destination: Int32) -> Bool {
        guard let ioctl else { return false }
        return ioctl(destination, ficlone, source) == 0
    }

    /// Copies all of `source` into the empty `destination`; returns the bytes copied, or
    /// nil with `errno` set.
    static func copy(_ source: Int32, to destination: Int32) -> Int64? {
        var total: Int64 = 0
        if let copyFileRange {
            while true {
                let count = copyFileRange(source, nil, destination, nil, 1 << 30, 0)
                if count > 0 {
                    total += Int64(count)
                } else if count == 0 {
                    return total
                } else if errno == EINTR {
                    continue
                } else if total == 0 && [ENOSYS, EXDEV, EINVAL, EOPNOTSUPP, EPERM].contains(errno) {
                    break
                } else {
                    return nil
                }
            }
        }
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count == 0 { return total }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            var written = 0
            while written < count {
                let result = buffer.withUnsafeBytes { write(destination, $0.baseAddress.map { $0 + written }, count - written) }
                if result < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                written += result
            }
            total += Int64(count)
        }
    }

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let pointer = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(pointer, to: Function.self)
    }
}
