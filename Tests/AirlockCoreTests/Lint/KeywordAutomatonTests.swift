import Testing
@testable import AirlockCore

/// The automaton finds exactly the rules a plain case-insensitive substring search finds.
@Suite("lint keyword automaton")
struct KeywordAutomatonTests {
    typealias F = LintFixtures

    static func naive(_ keywords: [[String]], _ line: String) -> Set<Int> {
        let lowered = line.lowercased()
        return Set(keywords.indices.filter { keywords[$0].contains { lowered.contains($0) } })
    }

    static func found(_ automaton: KeywordAutomaton, _ line: String) -> Set<Int> {
        var rules: Set<Int> = []
        let bytes = Array(line.utf8)
        let any = bytes.withUnsafeBufferPointer { automaton.scan($0) { rules.insert($0) } }
        #expect(any == !rules.isEmpty)
        return rules
    }

    @Test func overlappingAndNestedKeywordsAreAllFound() {
        let keywords = [["he", "she"], ["his", "hers"], ["s"], ["ushers"], ["xyz"]]
        let automaton = KeywordAutomaton(keywords: keywords)
        for line in ["ushers", "USHERS", "aHiS", "she", "hE", "xy", "", "zzzxyzz", "hhhhers"] {
            #expect(Self.found(automaton, line) == Self.naive(keywords, line), "\(line)")
        }
    }

    @Test func matchesNaiveSearchOnTheBuiltInKeywords() {
        let keywords = LintRules.all.filter { $0.target == .line }.map { $0.keywords.map { $0.lowercased() } }
        let automaton = KeywordAutomaton(keywords: keywords)
        let pieces = keywords.joined().map { $0.uppercased() } + keywords.joined() + ["x", " ", "_", ".", "-", "é", "\u{1b}"]
        var state: UInt64 = 99
        for _ in 0..<2000 {
            var line = ""
            for _ in 0..<6 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let piece = pieces[Int((state >> 33) % UInt64(pieces.count))]
                // Cut some pieces so near-misses (`ghp` without `_`) occur too.
                line += (state & 4 == 0) ? String(piece.dropLast()) : piece
            }
            #expect(Self.found(automaton, line) == Self.naive(keywords, line), "\(line)")
        }
    }
}
