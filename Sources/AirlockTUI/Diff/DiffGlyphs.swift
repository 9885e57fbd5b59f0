/// The diff pane's own marks, in Unicode and in ASCII for terminals without UTF-8: every
/// mark exists in both, and the ASCII set holds nothing but ASCII.
struct DiffGlyphs {
    var chosen: String
    var notChosen: String
    /// A hunk or file of which some lines or hunks are chosen.
    var partlyChosen: String
    var renamedTo: String
    var minus: String
    var comment: String
    /// At the end of a line cut at the pane's edge.
    var cut: String
    var separator: String
    var modeArrow: String
    var dot: String

    static let unicode = DiffGlyphs(
        chosen: "✓", notChosen: "·", partlyChosen: "◐", renamedTo: " → ", minus: "−", comment: "✎ ", cut: "…",
        separator: "│", modeArrow: "→", dot: " · ")
    static let ascii = DiffGlyphs(
        chosen: "x", notChosen: ".", partlyChosen: "~", renamedTo: " -> ", minus: "-", comment: "> ", cut: ">",
        separator: "|", modeArrow: "->", dot: " | ")

    static func of(unicode: Bool) -> DiffGlyphs { unicode ? .unicode : .ascii }
}
