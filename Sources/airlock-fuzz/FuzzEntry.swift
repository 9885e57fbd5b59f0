import Foundation

#if FUZZING
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
) -> CInt

/// libFuzzer's per-input callback (its driver refers to it by name).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ParserFuzzTarget.check(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// SwiftPM links an executable's entry point under this name; with `-DFUZZING
/// -sanitize=fuzzer` (see README) it hands control to libFuzzer's driver.
@_cdecl("airlock_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Without libFuzzer: replays corpus files or crash reproducers given as arguments.
@main
struct FuzzReplay {
    static func main() throws {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            FileHandle.standardError.write(Data("usage: airlock-fuzz FILE…   (replays inputs through the parser checks)\n".utf8))
            exit(2)
        }
        for path in paths {
            ParserFuzzTarget.check([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        print("replayed \(paths.count) input(s): no property violated")
    }
}
#endif
