#if canImport(Glibc)
import Glibc
#endif

/// C library calls that Swift's Glibc module leaves out (declared only for `_GNU_SOURCE`
/// or `_XOPEN_SOURCE`), looked up at run time; nil where the C library lacks one.
enum SystemCalls {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    typealias OpenPT = @convention(c) (Int32) -> Int32
    typealias OnMaster = @convention(c) (Int32) -> Int32
    typealias PTSName = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let openpt: OpenPT? = symbol("posix_openpt")
    static let grantpt: OnMaster? = symbol("grantpt")
    static let unlockpt: OnMaster? = symbol("unlockpt")
    static let ptsname: PTSName? = symbol("ptsname_r")

    /// glibc's `POSIX_SPAWN_SETSID`: the child calls `setsid` before its file actions.
    static let spawnSetSession: Int32 = 0x80

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let pointer = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(pointer, to: Function.self)
    }

    /// The text of an `errno` value.
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
