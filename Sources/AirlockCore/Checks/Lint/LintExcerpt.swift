import Foundation

/// The part of a line a finding shows: the match with a little context on each side,
/// its secret masked, escaped for a terminal, and short even when the line is huge.
enum LintExcerpt {
    static let context = 24
    static let maximumMatch = 96

    static func make(line: String, match: NSRange, secret: NSRange?) -> String {
        guard let matched = Range(match, in: line) else { return "" }
        var shown = line[matched]
        if let secret, let value = Range(secret, in: line) {
            let kept = max(0, min(4, line[value].count / 3))
            let visible = line[value].prefix(kept)
            shown = Substring(String(line[matched.lowerBound..<value.lowerBound]) + visible + "****" + String(line[value.upperBound..<matched.upperBound]))
        }
        var body = String(shown.prefix(maximumMatch))
        if shown.count > maximumMatch { body += "…" }
        let before = line[..<matched.lowerBound].suffix(context)
        let after = line[matched.upperBound...].prefix(context)
        let lead = before.startIndex > line.startIndex ? "…" : ""
        let tail = after.endIndex < line.endIndex ? "…" : ""
        let trimmedLead = (lead + before).drop { $0 == " " || $0 == "\t" }
        return VisibleText.escape(String(trimmedLead) + body + after + tail)
    }
}
