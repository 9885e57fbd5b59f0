import AirlockCore

/// The properties every parser must keep on any input: it returns a patch or a parse
/// error (never crashes), and what it returns renders back to text that parses to the
/// same patch with the same digest.
enum ParserFuzzTarget {
    static func check(_ input: [UInt8]) {
        for strip in [0, 1] {
            for format in [PatchFormat.git, .unified, nil] {
                let reader = PatchReader(strip: strip, workspace: nil)
                guard let patch = try? reader.read(input, format: format) else { continue }
                roundTrip(patch)
            }
        }
        // The formats located by content, against a small fixed workspace.
        let reader = PatchReader(workspace: workspace)
        for format in [PatchFormat.codex, .aider, .edits] {
            guard let patch = try? reader.read(input, format: format) else { continue }
            roundTrip(patch)
        }
    }

    private static let files: [String: [UInt8]] = [
        "a.txt": Array("one\ntwo\nthree\nfour\nfive\n".utf8),
        "src/main.c": Array("int main() {\n    return 0;\n}\n".utf8),
        "crlf.txt": Array("x\r\ny\r\n".utf8),
        "nonl.txt": Array("last".utf8),
        "empty.txt": [],
    ]

    private static let workspace: WorkspaceContents = { path in files[path] }

    private static func roundTrip(_ patch: Patch) {
        let rendered = PatchRenderer.render(patch)
        let again: Patch
        do {
            again = try PatchReader.canonical(Bytes(rendered))
        } catch {
            fatalError("rendered patch does not parse: \(error)\n\(String(decoding: rendered, as: UTF8.self))")
        }
        guard again == patch else {
            fatalError("parse(render(p)) != p\n\(String(decoding: rendered, as: UTF8.self))")
        }
        guard PatchDigest(of: again) == PatchDigest(canonicalText: rendered) else {
            fatalError("digest is not the digest of the canonical text")
        }
        let all = HunkSelection(files: Set(patch.files.indices))
        guard (try? patch.selecting(all)) == patch else { fatalError("selecting everything changed the patch") }
        _ = PatchStats(patch).numstat
    }
}
