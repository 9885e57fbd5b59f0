@testable import AirlockCore

/// Writes a patch as git diff text, so tests can feed resolved patches back through
/// `DiffParser`. (A public renderer is someone else's work; this one is for tests only.)
enum GitDiffText {
    static func render(_ patch: Patch) -> [UInt8] {
        var out = ""
        var bytes: [UInt8] = []
        func flush() {
            bytes += Array(out.utf8)
            out = ""
        }
        for file in patch.files {
            let old = file.oldPath ?? file.path, new = file.newPath ?? file.path
            out += "diff --git a/\(old) b/\(new)\n"
            switch file.operation {
            case .create: out += "new file mode 100644\n"
            case .delete: out += "deleted file mode 100644\n"
            case .rename: out += "similarity index 50%\nrename from \(old)\nrename to \(new)\n"
            case .modify, .copy: break
            }
            if !file.hunks.isEmpty {
                out += file.operation == .create ? "--- /dev/null\n" : "--- a/\(old)\n"
                out += file.operation == .delete ? "+++ /dev/null\n" : "+++ b/\(new)\n"
            }
            flush()
            for hunk in file.hunks { bytes += render(hunk) }
        }
        return bytes
    }

    static func render(_ hunk: Hunk) -> [UInt8] {
        var bytes = Array("@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@".utf8)
        bytes += hunk.section
        bytes.append(UInt8(ascii: "\n"))
        for line in hunk.lines {
            switch line.kind {
            case .context: bytes.append(UInt8(ascii: " "))
            case .removed: bytes.append(UInt8(ascii: "-"))
            case .added: bytes.append(UInt8(ascii: "+"))
            }
            bytes += line.text
            if !line.hasNewline { bytes += Array("\n\\ No newline at end of file\n".utf8) }
        }
        return bytes
    }
}
