/// How long ago something happened: "3m" in tables, "3 min" in sentences.
enum Age {
    enum Style {
        case compact
        case words
    }

    static func describe(since then: Int64, now: Int64, style: Style = .compact) -> String {
        let seconds = max(0, (now - then) / 1000)
        let (amount, unit): (Int64, (compact: String, words: String)) =
            switch seconds {
            case ..<60: (seconds, ("s", " s"))
            case ..<3600: (seconds / 60, ("m", " min"))
            case ..<86_400: (seconds / 3600, ("h", " h"))
            default: (seconds / 86_400, ("d", " d"))
            }
        return "\(amount)\(style == .compact ? unit.compact : unit.words)"
    }
}
