import AirlockCore
import Foundation

/// `airlock-bench edits`: locating an agent's edit by content when the agent makes it as
/// hard as it can. A search/replace edit whose text is the first half of a file of `a`
/// (it occurs at every position of the first half, so the edit is refused as ambiguous
/// after counting them), and a Codex chunk of half the file's identical lines followed by
/// a line the file lacks (found nowhere). Both must stay linear in the file's size.
struct EditsBenchmark {
    var sizes = [800_000, 8_000_000]
    var runs = 3

    func run() throws {
        print("airlock-bench edits\n")
        for size in sizes {
            let file = [UInt8](repeating: UInt8(ascii: "a"), count: size)
            let edit = Array(#"{"edits": [{"path": "f.txt", "old": ""#.utf8) + file[..<(size / 2)] + Array(#"", "new": "b"}]}"#.utf8)
            print(Self.row("search/replace edit, `a`×n/2 in `a`×n", size: size, seconds: try time(edit, format: .edits, file: file)))

            let lines = size / 2
            let text = [UInt8](repeating: UInt8(ascii: "\n"), count: lines).flatMap { [UInt8(ascii: "a"), $0] }
            var chunk = Array("*** Begin Patch\n*** Update File: f.txt\n@@\n".utf8)
            chunk.reserveCapacity(lines + 100)
            for _ in 0..<(lines / 2) { chunk += Array(" a\n".utf8) }
            chunk += Array("-b\n+c\n*** End Patch\n".utf8)
            print(Self.row("Codex chunk, n/4 lines `a` then `b`, in n/2 lines `a`", size: size, seconds: try time(chunk, format: .codex, file: text)))
        }
    }

    /// The median time to read `patch` against a workspace holding `file` as `f.txt`;
    /// a refusal is the expected outcome and is timed like a success.
    private func time(_ patch: [UInt8], format: PatchFormat, file: [UInt8]) throws -> Double {
        let reader = PatchReader(strip: 1, workspace: { path in path == "f.txt" ? file : nil })
        let samples = (0..<runs).map { _ in
            Measurement.time { _ = try? reader.read(patch, format: format) }
        }
        return Measurement(samples: samples).median
    }

    static func row(_ name: String, size: Int, seconds: Double) -> String {
        let label = "\(name), n = \(String(format: "%.1f", Double(size) / 1e6)) MB"
        return "\(label.padding(toLength: 72, withPad: " ", startingAt: 0)) \(String(format: "%9.1f ms", seconds * 1000))"
    }
}
