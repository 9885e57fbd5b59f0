import Foundation

#if FUZZING
/// libFuzzer's entry point; built only with `-DFUZZING -sanitize=fuzzer` (see README).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ParserFuzzTarget.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
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
