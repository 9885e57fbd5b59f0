/// Markers on a line that accept its findings: `airlock:allow`, optionally followed by
/// the rule ids it accepts (`# airlock:allow generic-secret, jwt`), and gitleaks'
/// `gitleaks:allow`, which accepts every rule. Words after the marker that are not rule
/// ids are a reason, not a list: `# airlock:allow test fixture` accepts every rule.
enum LintSuppression {
    static let marker = "marker on the line"
    static let ignoreFile = "fingerprint in \(LintIgnore.relativePath)"

    /// Whether a marker on `line` accepts a finding of `rule`.
    static func markerAllows(_ rule: String, on line: String, knownRules: Set<String>) -> Bool {
        let lowered = line.lowercased()
        if lowered.contains("gitleaks:allow") { return true }
        guard let found = lowered.range(of: "airlock:allow") else { return false }
        var ids: [Substring] = []
        for word in lowered[found.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
            guard knownRules.contains(String(word)) else { break }
            ids.append(word)
        }
        return ids.isEmpty || ids.contains { $0 == rule }
    }
}
