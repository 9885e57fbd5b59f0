/// How long ago something happened: "3m" in tables, "3 min" in sentences.
enum Age {
    enum Style {
        case compact
        case words
    }

    enum Unit {
        case seconds, minutes, hours, days

        /// The letter a table shows.
        var compact: String {
            switch self {
            case .seconds: "s"
            case .minutes: "m"
            case .hours: "h"
            case .days: "d"
            }
        }

        var words: String {
            switch self {
            case .seconds: " s"
            case .minutes: " min"
            case .hours: " h"
            case .days: " d"
            }
        }
    }

    /// Whole units, rounded down, in the largest unit that is at least one.
    static func measure(since then: Int64, now: Int64) -> (amount: Int64, unit: Unit) {
        let seconds = max(0, (now - then) / 1000)
        switch seconds {
        case ..<60: return (seconds, .seconds)
        case ..<3600: return (seconds / 60, .minutes)
        case ..<86_400: return (seconds / 3600, .hours)
        default: return (seconds / 86_400, .days)
        }
    }

    static func describe(since then: Int64, now: Int64, style: Style = .compact) -> String {
        let (amount, unit) = measure(since: then, now: now)
        return "\(amount)\(style == .compact ? unit.compact : unit.words)"
    }
}
