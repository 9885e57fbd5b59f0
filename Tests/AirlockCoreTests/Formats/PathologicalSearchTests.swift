import Testing
@testable import AirlockCore

/// An agent chooses its search text and, through earlier proposals, much of the file: a
/// search must cost time linear in both, or one proposal stalls the review. The sizes
/// here finish in about a second in linear time (in a debug build) and would take many
/// minutes in quadratic time, so a regression shows as a test that does not finish.
@Suite("Locating edits: linear whatever the agent sends")
struct PathologicalSearchTests {
    static let size = 2_000_000
    /// Lines cost more than bytes (each is a value of its own), so fewer of them.
    static let lineCount = 100_000

    // MARK: - bytes

    @Test func halfAFileOfOneByteIsFoundAtEveryPositionInOnePass() {
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: Self.size)
        let pattern = [UInt8](repeating: UInt8(ascii: "a"), count: Self.size / 2)
        let overlapping = ByteSearch.occurrences(of: pattern, in: text, overlapping: true)
        #expect(overlapping.count == Self.size / 2 + 1)
        #expect(overlapping.first == 0 && overlapping.last == Self.size / 2)
        #expect(ByteSearch.occurrences(of: pattern, in: text) == [0, Self.size / 2])
        var almost = pattern
        almost.append(UInt8(ascii: "b"))
        #expect(ByteSearch.occurrences(of: almost, in: text, overlapping: true).isEmpty)
    }

    @Test func anAmbiguousEditOfHalfTheFileIsRefusedWithItsCount() {
        let file = String(repeating: "a", count: Self.size)
        let edit = Edit(path: "f.txt", old: String(repeating: "a", count: Self.size / 2), new: "b")
        do {
            _ = try SearchReplace.resolve([edit], workspace: memoryWorkspace(["f.txt": file]))
            Issue.record("an edit that occurs everywhere was accepted")
        } catch {
            #expect(error.description.contains("occurs \(Self.size / 2 + 1) times (at lines 1, 1, 1, 1, 1, …)"), "\(error.description)")
        }
    }

    @Test func theSameSearchAsWholeLinesIsLinearToo() {
        let file = String(repeating: "a\n", count: Self.lineCount)
        let block = "f.txt\n<<<<<<< SEARCH\n" + String(repeating: "a\n", count: Self.lineCount / 2) + "b\n=======\nc\n>>>>>>> REPLACE\n"
        do {
            _ = try AiderBlocks.resolve(Array(block.utf8), workspace: memoryWorkspace(["f.txt": file]))
            Issue.record("a block that is not in the file was accepted")
        } catch {
            #expect(error.description.contains("not found"), "\(error.description)")
        }
    }

    @Test func matchesEqualANaiveSearchOnRandomSmallTexts() {
        var random = SeededGenerator(state: 9)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8(ascii: "a") + UInt8.random(in: 0...1, using: &random) }
            let pattern = (0..<Int.random(in: 1...6, using: &random)).map { _ in UInt8(ascii: "a") + UInt8.random(in: 0...1, using: &random) }
            let overlapping = Bool.random(using: &random)
            let even = Bool.random(using: &random)
            let accept: (Int) -> Bool = { even ? $0 % 2 == 0 : true }
            let found = ByteSearch.occurrences(of: pattern, in: text, overlapping: overlapping, where: accept)
            #expect(found == Self.naive(pattern, text, overlapping: overlapping, accept: accept), "\(text) \(pattern) \(overlapping) \(even)")
        }
    }

    // MARK: - lines

    @Test func aCodexChunkOfHalfTheFilesIdenticalLinesIsLocatedInOnePass() {
        let lines = Self.lineCount
        let file = String(repeating: "a\n", count: lines)
        let patch = "*** Begin Patch\n*** Update File: f.txt\n@@\n" + String(repeating: " a\n", count: lines / 2) + "-b\n+c\n*** End Patch\n"
        do {
            _ = try CodexPatch.resolve(Array(patch.utf8), workspace: memoryWorkspace(["f.txt": file]))
            Issue.record("a chunk that is not in the file was accepted")
        } catch {
            #expect(error.description.contains("chunk 1 not found"), "\(error.description)")
        }
        let found = "*** Begin Patch\n*** Update File: f.txt\n@@\n" + String(repeating: " a\n", count: lines / 2) + "-a\n+c\n*** End Patch\n"
        #expect(throws: Never.self) { try CodexPatch.resolve(Array(found.utf8), workspace: memoryWorkspace(["f.txt": file])) }
    }

    @Test func lineSearchEqualsANaiveSearchOnRandomSmallSequences() {
        var random = SeededGenerator(state: 11)
        for _ in 0..<3000 {
            let lines = (0..<Int.random(in: 0...30, using: &random)).map { _ in Int.random(in: 0...2, using: &random) }
            let pattern = (0..<Int.random(in: 0...5, using: &random)).map { _ in Int.random(in: 0...2, using: &random) }
            let from = Int.random(in: 0...(lines.count + 1), using: &random)
            let naive = pattern.isEmpty ? (from <= lines.count ? from : nil)
                : from > lines.count - pattern.count ? nil
                : (from...(lines.count - pattern.count)).first { lines[$0..<($0 + pattern.count)].elementsEqual(pattern) }
            #expect(LineSearch.first(of: pattern, in: lines, from: from) == naive, "\(pattern) in \(lines) from \(from)")
        }
    }

    private static func naive(_ pattern: [UInt8], _ text: [UInt8], overlapping: Bool, accept: (Int) -> Bool) -> [Int] {
        var found: [Int] = []
        var start = 0
        while start + pattern.count <= text.count {
            if text[start..<(start + pattern.count)].elementsEqual(pattern), accept(start) {
                found.append(start)
                start += overlapping ? 1 : pattern.count
            } else {
                start += 1
            }
        }
        return found
    }
}
