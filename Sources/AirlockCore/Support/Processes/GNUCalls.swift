#if canImport(Glibc)
import Glibc
#endif

/// glibc calls that Swift's Glibc module leaves out (they are declared only for
/// `_GNU_SOURCE`), looked up at run time. Each is nil where the C library lacks it.
enum GNUCalls {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29): the child's working directory.
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34): close every descriptor
    /// from this one up in the child, so it inherits none it was not given.
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    /// `pipe2`, for pipes that are close-on-exec from the start: a child another thread
    /// spawns in between must not inherit them, or end of file would never come.
    static let pipe2: Pipe2? = symbol("pipe2")

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let pointer = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(pointer, to: Function.self)
    }
}
