/// What a list shows after a path that is not plain ASCII, so that `pаth.txt` (a Cyrillic
/// "а") or `config.txt` spelled with a fullwidth letter cannot pass for the name it
/// imitates: ` [mixed scripts: Latin+Cyrillic]` when its letters come from scripts that
/// are not written together, ` [non-ASCII]` for any other non-ASCII path.
public enum PathMark {
    /// The mark to append to `path` as a list shows it, or "" for an ASCII path (whose
    /// controls `VisibleText` shows escaped).
    public static func suffix(for path: String) -> String {
        guard let mark = mark(for: path) else { return "" }
        return " [\(mark)]"
    }

    /// `mixed scripts: Latin+Cyrillic`, `non-ASCII`, or nil for ASCII.
    public static func mark(for path: String) -> String? {
        guard !path.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let scripts = scripts(in: path)
        if isMixed(scripts) { return "mixed scripts: " + scripts.map(\.rawValue).joined(separator: "+") }
        return "non-ASCII"
    }

    /// The scripts of the path's letters, in order of first appearance.
    static func scripts(in path: String) -> [WritingScript] {
        var seen: [WritingScript] = []
        for scalar in path.unicodeScalars {
            if let script = WritingScript.of(scalar), !seen.contains(script) { seen.append(script) }
        }
        return seen
    }

    /// Latin written with CJK is ordinary (`docs/設計.md`), as Unicode's "highly
    /// restrictive" identifier profile has it; any other pair of scripts is worth a look.
    private static func isMixed(_ scripts: [WritingScript]) -> Bool {
        scripts.filter { $0 != .latin && $0 != .cjk }.count + (scripts.contains(.latin) || scripts.contains(.cjk) ? 1 : 0) > 1
    }
}
