import Foundation
import Testing
@testable import AirlockCore

@Suite("WholeFile: whole-file writes")
struct WholeFileTests {
    private func resolve(_ writes: [FileWrite], _ files: [String: String]) throws(PatchFormatError) -> Patch {
        try WholeFile.resolve(writes, workspace: memoryWorkspace(files))
    }

    private func failure(_ writes: [FileWrite], _ files: [String: String] = [:]) -> PatchFormatError? {
        do {
            _ = try resolve(writes, files)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingFileIsCreated() throws {
        let patch = try resolve([FileWrite(path: "n.txt", content: "a\nb\n")], [:])
        #expect(patch.files == [FilePatch(
            operation: .create, oldPath: nil, newPath: "n.txt", newMode: .regular,
            hunks: [Hunk(oldStart: 0, oldCount: 0, newStart: 1, newCount: 2, lines: lines("+a\n", "+b\n"))])])
    }

    @Test func emptyContentCreatesAnEmptyFile() throws {
        #expect(try resolve([FileWrite(path: "e", content: "")], [:]).files
            == [FilePatch(operation: .create, oldPath: nil, newPath: "e", newMode: .regular)])
    }

    @Test func existingFileIsDiffed() throws {
        let old = (1...10).map { "\($0)\n" }.joined()
        let patch = try resolve([FileWrite(path: "f", content: old.replacingFirst("5\n", with: "five\n"))], ["f": old])
        let file = try #require(patch.files.first)
        #expect(file.operation == .modify)
        #expect(file.hunks.map { [$0.oldStart, $0.oldCount, $0.newStart, $0.newCount] } == [[2, 7, 2, 7]])
    }

    @Test func identicalContentGivesNoEntry() throws {
        #expect(try resolve([FileWrite(path: "f", content: "same\n")], ["f": "same\n"]).files.isEmpty)
    }

    @Test func bytesAreKeptExactly() throws {
        let patch = try resolve([FileWrite(path: "f", content: "a\r\nb")], ["f": "a\r\nb\n"])
        #expect(patch.files.first?.hunks.first?.lines == lines(" a\r\n", "-b\n", "+b"))
        #expect(try TestApplier.apply(patch, to: ["f": bytes("a\r\nb\n")]) == ["f": bytes("a\r\nb")])
    }

    @Test func pathErrors() {
        #expect(failure([FileWrite(path: "", content: "x")])?.description == "writes[0].path: empty")
        #expect(failure([FileWrite(path: "a", content: "x"), FileWrite(path: "a", content: "y")])?.description
            == "a: writes[1]: the file is already written by writes[0]")
    }

    @Test func generatedWritesApply() throws {
        var gen = RandomText(seed: 0x3417E)
        for n in 0..<300 {
            let old = gen.file(lines: gen.int(0...20), alphabet: 6, crlf: gen.bool(), finalNewline: gen.bool()).joinedBytes
            let new = gen.file(lines: gen.int(0...20), alphabet: 6, crlf: gen.bool(), finalNewline: gen.bool()).joinedBytes
            let exists = gen.bool()
            let before: [String: [UInt8]] = exists ? ["f": old] : [:]
            let patch = try WholeFile.resolve([FileWrite(path: "f", content: String(decoding: new, as: UTF8.self))], workspace: memoryWorkspace(before))
            #expect(try TestApplier.apply(patch, to: before) == ["f": new], "case \(n)")
            #expect(patch.files.isEmpty == (exists && old == new), "case \(n)")
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
