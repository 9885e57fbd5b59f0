/// Values kept until the process exits. A parsed 100 MB patch holds millions of lines;
/// releasing them one by one just before exit costs more than parsing them did, and the
/// operating system reclaims the memory at once (git never frees its patches either).
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keepUntilExit(_ value: Any) {
        kept.append(value)
    }
}
