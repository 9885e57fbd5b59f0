import AirlockCore
import AirlockTUI
import Foundation

/// `airlock-bench tui`: the cockpit's diff pane on a 100,000-line patch: building its
/// document once, and drawing 200×60 frames while the cursor scrolls through it (target
/// under 1 ms a frame).
struct TUIBenchmark {
    var lines = 100_000
    var frames = 3_000
    var builds = 9

    func run() {
        print("airlock-bench tui\n")
        let patch = Self.patch(lines: lines)
        var document = DiffDocument(patch)
        let build = Measurement(samples: (0..<builds).map { _ in Measurement.time { document = DiffDocument(patch) } })
        print(Self.row("build the DiffDocument of a \(lines.formatted())-line patch", build.median, note: "median of \(builds)"))
        for (mode, wrap) in [(DiffLayoutMode.unified, false), (.sideBySide, false), (.sideBySide, true)] {
            let times = scroll(document, mode: mode, wrap: wrap)
            let name = "render one 200×60 frame of a \(lines.formatted())-line diff, \(mode == .unified ? "unified" : "side by side")\(wrap ? ", wrapped" : "")"
            print(Self.row(name, times.median, note: String(format: "p99 %.3f ms, %d frames", times.p99 * 1000, frames)))
        }
        var state = DiffViewState(size: Size(width: 200, height: 60))
        let search = Measurement(samples: (0..<5).map { _ in
            Measurement.time {
                state.search("absent", in: document)
                while state.isSearching { state.continueSearch(in: document) }
            }
        })
        print(Self.row("search all \(lines.formatted()) lines for an absent word", search.median, note: "median of 5"))
        var steps: [Double] = []
        for _ in 0..<5 {
            steps.append(Measurement.time { state.search("absent", in: document) })
            while state.isSearching { steps.append(Measurement.time { state.continueSearch(in: document) }) }
        }
        let sortedSteps = steps.sorted()
        print(Self.row("one step of that search (what a key or a tick waits for)", Measurement(samples: steps).median,
                       note: String(format: "max %.3f ms, %d steps", (sortedSteps.last ?? 0) * 1000, steps.count)))
    }

    /// Frame times while the cursor moves down a row at a time, a page every 50 frames.
    private func scroll(_ document: DiffDocument, mode: DiffLayoutMode, wrap: Bool) -> (median: Double, p99: Double) {
        var state = DiffViewState(size: Size(width: 200, height: 60))
        state.setMode(mode, in: document)
        if wrap { state.toggleWrap(in: document) }
        let selection = HunkSelection(hunks: [HunkSelection.HunkRef(file: 0, hunk: 0)])
        var buffer = CellBuffer(width: 200, height: 60)
        var samples: [Double] = []
        samples.reserveCapacity(frames)
        for frame in 0..<frames {
            if frame % 50 == 49 { state.pageDown(in: document) } else { state.moveCursor(by: 1, in: document) }
            samples.append(Measurement.time {
                DiffRenderer.render(document: document, state: state, selection: selection, into: &buffer,
                                    rect: Rect(x: 0, y: 0, width: 200, height: 60), unicode: true, focused: true)
            })
        }
        let sorted = samples.sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
    }

    /// Files of 1,000 lines, one hunk each: source-like lines of 30 to 60 bytes, a third
    /// of them changed in removed and added pairs that differ by a word.
    static func patch(lines: Int) -> Patch {
        let perFile = 1_000
        return Patch(files: stride(from: 0, to: lines, by: perFile).map { first in
            let count = min(perFile, lines - first)
            var hunkLines: [HunkLine] = []
            hunkLines.reserveCapacity(count)
            var i = 0
            while hunkLines.count < count {
                if i % 3 == 2, hunkLines.count + 2 <= count {
                    hunkLines.append(HunkLine(.removed, "\tlet total\(i) = items.reduce(0) { $0 + $1.price }\n"))
                    hunkLines.append(HunkLine(.added, "\tlet total\(i) = items.reduce(0) { $0 + $1.cost * rate }\n"))
                } else {
                    hunkLines.append(HunkLine(.context, "\t// step \(i): context that stays as it was\n"))
                }
                i += 1
            }
            let old = hunkLines.filter { $0.kind != .added }.count, new = hunkLines.filter { $0.kind != .removed }.count
            let hunk = Hunk(oldStart: 1, oldCount: old, newStart: 1, newCount: new, section: Bytes(" func f()".utf8), lines: hunkLines)
            let path = "src/module\(first / perFile).swift"
            return FilePatch(operation: .modify, oldPath: path, newPath: path, hunks: [hunk])
        })
    }

    static func row(_ name: String, _ seconds: Double, note: String) -> String {
        "\(name.padding(toLength: 80, withPad: " ", startingAt: 0)) \(String(format: "%9.3f ms", seconds * 1000))   (\(note))"
    }
}
