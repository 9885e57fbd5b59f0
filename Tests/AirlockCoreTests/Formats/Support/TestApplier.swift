@testable import AirlockCore

/// A deliberately small applier for tests: it trusts nothing but the hunk headers, checks
/// that every hunk's old lines are exactly where its header says, and that the new line
/// numbers agree with what came before. Independent of the code under test.
enum TestApplier {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func lines(_ array: [UInt8]) -> [Bytes] {
        let text = Bytes(array)
        var lines: [Bytes] = []
        var start = 0
        for (i, byte) in array.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(text[start..<(i + 1)])
            start = i + 1
        }
        if start < array.count { lines.append(text[start..<array.count]) }
        return lines
    }

    static func apply(_ hunks: [Hunk], to old: [UInt8]) throws -> [UInt8] {
        let oldLines = lines(old)
        var out: [Bytes] = []
        var cursor = 0
        for (n, hunk) in hunks.enumerated() {
            let start = hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1
            guard hunk.oldLines.count == hunk.oldCount, hunk.newLines.count == hunk.newCount else {
                throw Failure(description: "hunk \(n + 1): header counts disagree with its lines")
            }
            guard start >= cursor, start + hunk.oldCount <= oldLines.count else {
                throw Failure(description: "hunk \(n + 1): old range \(hunk.oldStart),\(hunk.oldCount) out of order or past the end (\(oldLines.count) lines)")
            }
            guard Array(oldLines[start..<(start + hunk.oldCount)]) == hunk.oldLines else {
                throw Failure(description: "hunk \(n + 1): old lines do not match at line \(hunk.oldStart)")
            }
            out += oldLines[cursor..<start]
            let expectedNewStart = hunk.newCount == 0 ? out.count : out.count + 1
            guard hunk.newStart == expectedNewStart else {
                throw Failure(description: "hunk \(n + 1): new start \(hunk.newStart), expected \(expectedNewStart)")
            }
            out += hunk.newLines
            cursor = start + hunk.oldCount
        }
        out += oldLines[cursor...]
        if out.dropLast().contains(where: { $0.last != UInt8(ascii: "\n") }) {
            throw Failure(description: "a line without newline ends up before other lines")
        }
        return out.flatMap { $0 }
    }

    /// Applies a whole patch to an in-memory workspace.
    static func apply(_ patch: Patch, to workspace: [String: [UInt8]]) throws -> [String: [UInt8]] {
        var files = workspace
        for file in patch.files {
            switch file.operation {
            case .create:
                guard let path = file.newPath, files[path] == nil else {
                    throw Failure(description: "create: \(file.path) exists")
                }
                files[path] = try apply(file.hunks, to: [])
            case .delete:
                guard let path = file.oldPath, let old = files[path] else {
                    throw Failure(description: "delete: \(file.path) missing")
                }
                guard try apply(file.hunks, to: old).isEmpty else {
                    throw Failure(description: "delete: \(path) would not be empty")
                }
                files[path] = nil
            case .modify:
                guard let path = file.oldPath, file.newPath == path, let old = files[path] else {
                    throw Failure(description: "modify: \(file.path) missing")
                }
                files[path] = try apply(file.hunks, to: old)
            case .rename:
                guard let from = file.oldPath, let to = file.newPath, let old = files[from], files[to] == nil else {
                    throw Failure(description: "rename: \(file.oldPath ?? "?") → \(file.path) impossible")
                }
                files[from] = nil
                files[to] = try apply(file.hunks, to: old)
            case .copy:
                throw Failure(description: "copy is not produced by the formats")
            }
        }
        return files
    }
}
