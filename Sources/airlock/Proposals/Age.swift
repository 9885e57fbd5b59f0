/// "3m", "2h", "5d": how long ago something happened, for tables.
enum Age {
    static func describe(since then: Int64, now: Int64) -> String {
        let seconds = max(0, (now - then) / 1000)
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86400: return "\(seconds / 3600)h"
        default: return "\(seconds / 86400)d"
        }
    }
}
