/// All rules' keywords in one Aho–Corasick automaton: one pass over a line's bytes,
/// ASCII case folded, tells which rules' keywords it holds, instead of one substring
/// search per keyword.
///
/// The automaton is a full DFA over byte classes (the bytes that occur in some keyword,
/// and one class for every other byte), so each byte costs two table reads. An entry's
/// high bit says that the state it leads to ends at least one keyword.
struct KeywordAutomaton: Sendable {
    /// The DFA: `transitions[state * classCount + class]`, `hitFlag` set on states that
    /// end a keyword.
    private let transitions: [UInt32]
    /// The class of each byte value.
    private let classes: [UInt8]
    private let classCount: Int
    /// For each state, the range of `outputs` holding the rules whose keywords end there.
    private let outputStarts: [Int32]
    private let outputs: [Int32]

    static let hitFlag: UInt32 = 1 << 31

    /// `keywords[i]` are the (lowercase) keywords of rule `i`.
    init(keywords: [[String]]) {
        var classOf = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for word in keywords.joined() {
            for byte in word.utf8 where classOf[Int(Self.fold(byte))] == 0 {
                precondition(classCount < 255, "too many distinct keyword bytes")
                classOf[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(byte)] = classOf[Int(byte | 0x20)] }

        // The trie, as goto edges per state, and the rules ending at each state.
        var edges: [[Int: Int]] = [[:]]
        var ends: [[Int32]] = [[]]
        for (rule, words) in keywords.enumerated() {
            for word in words where !word.isEmpty {
                var state = 0
                for byte in word.utf8 {
                    let c = Int(classOf[Int(byte)])
                    if let next = edges[state][c] {
                        state = next
                    } else {
                        edges.append([:])
                        ends.append([])
                        edges[state][c] = edges.count - 1
                        state = edges.count - 1
                    }
                }
                if !ends[state].contains(Int32(rule)) { ends[state].append(Int32(rule)) }
            }
        }
        // Breadth first: failure links, inherited outputs and the full transition table.
        var table = [UInt32](repeating: 0, count: edges.count * classCount)
        var failure = [Int](repeating: 0, count: edges.count)
        var queue: [Int] = []
        for c in 1..<classCount {
            if let next = edges[0][c] {
                table[c] = UInt32(next)
                queue.append(next)
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            ends[state] += ends[failure[state]].filter { !ends[state].contains($0) }
            for c in 0..<classCount {
                if let next = edges[state][c] {
                    failure[next] = Int(table[failure[state] * classCount + c] & ~Self.hitFlag)
                    table[state * classCount + c] = UInt32(next)
                    queue.append(next)
                } else {
                    table[state * classCount + c] = table[failure[state] * classCount + c] & ~Self.hitFlag
                }
            }
        }
        for i in table.indices where !ends[Int(table[i])].isEmpty { table[i] |= Self.hitFlag }
        var starts: [Int32] = [0]
        var flat: [Int32] = []
        for list in ends {
            flat += list
            starts.append(Int32(flat.count))
        }
        transitions = table
        classes = classOf
        self.classCount = classCount
        outputStarts = starts
        outputs = flat
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Calls `found` with the index of each rule one of whose keywords occurs in `line`
    /// (possibly more than once per rule); returns whether any did.
    @inline(__always)
    func scan(_ line: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Void) -> Bool {
        transitions.withUnsafeBufferPointer { table in
            classes.withUnsafeBufferPointer { classOf in
                var state = 0
                var any = false
                let width = classCount
                for byte in line {
                    let entry = table[state &* width &+ Int(classOf[Int(byte)])]
                    state = Int(entry & ~Self.hitFlag)
                    if entry & Self.hitFlag != 0 {
                        any = true
                        for i in Int(outputStarts[state])..<Int(outputStarts[state + 1]) { found(Int(outputs[i])) }
                    }
                }
                return any
            }
        }
    }
}
