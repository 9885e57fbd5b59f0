import AirlockCore

/// A file entry of a patch as the review shows it: the canonical git diff text, line by
/// line, each with the style its place in the diff gives it.
enum DiffLines {
    static func show(_ file: FilePatch, on console: ReviewConsole) {
        var text: [UInt8] = []
        PatchRenderer.render(file, into: &text)
        var inHunks = false
        for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            // The style comes from the line's place, not its look: a removed line "-- x"
            // renders as "--- x" and must not pass for a file header.
            let first = line.first
            if first == UInt8(ascii: "@") && (inHunks || line.starts(with: Array("@@ ".utf8))) {
                inHunks = true
                console.line(bytes: line, .hunkHeader)
            } else if !inHunks {
                console.line(bytes: line, .fileHeader)
            } else if first == UInt8(ascii: "+") {
                console.line(bytes: line, .added)
            } else if first == UInt8(ascii: "-") {
                console.line(bytes: line, .removed)
            } else if first == UInt8(ascii: "\\") {
                console.line(bytes: line, .marker)
            } else {
                console.line(bytes: line, .plain)
            }
        }
    }

    static func show(_ patch: Patch, on console: ReviewConsole) {
        for file in patch.files { show(file, on: console) }
    }
}
