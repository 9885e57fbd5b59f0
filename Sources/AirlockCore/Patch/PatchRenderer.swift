/// Writes a `Patch` as git diff text: the canonical form that digests are taken over.
public enum PatchRenderer {
    public static func render(_ patch: Patch) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(patch.files.reduce(0) { $0 + estimatedSize($1) })
        for file in patch.files { render(file, into: &out) }
        return out
    }

    public static func render(_ file: FilePatch, into out: inout [UInt8]) {
        let oldName = file.oldPath ?? file.newPath ?? ""
        let newName = file.newPath ?? file.oldPath ?? ""
        out += "diff --git \(quotedPair(oldName, newName))\n".utf8
        switch file.operation {
        case .create:
            out += "new file mode \(file.newMode ?? .regular)\n".utf8
        case .delete:
            out += "deleted file mode \(file.oldMode ?? .regular)\n".utf8
        case .modify, .rename, .copy:
            if let oldMode = file.oldMode, let newMode = file.newMode, oldMode != newMode {
                out += "old mode \(oldMode)\nnew mode \(newMode)\n".utf8
            } else if let oldMode = file.oldMode, file.newMode == nil {
                out += "old mode \(oldMode)\n".utf8
            } else if let newMode = file.newMode, file.oldMode == nil {
                out += "new mode \(newMode)\n".utf8
            } else if let oldMode = file.oldMode, file.newMode == oldMode {
                out += "old mode \(oldMode)\nnew mode \(oldMode)\n".utf8
            }
        }
        if let similarity = file.similarity { out += "similarity index \(similarity)%\n".utf8 }
        if let dissimilarity = file.dissimilarity { out += "dissimilarity index \(dissimilarity)%\n".utf8 }
        if file.operation == .rename {
            out += "rename from \(GitPathQuoting.quote(oldName))\nrename to \(GitPathQuoting.quote(newName))\n".utf8
        } else if file.operation == .copy {
            out += "copy from \(GitPathQuoting.quote(oldName))\ncopy to \(GitPathQuoting.quote(newName))\n".utf8
        }
        if let index = file.index {
            out += "index \(index.oldID)..\(index.newID)".utf8
            if let mode = index.mode { out += " \(mode)".utf8 }
            out.append(0x0A)
        }
        switch file.binary {
        case .marker?:
            let a = file.oldPath.map { "a/" + $0 } ?? "/dev/null"
            let b = file.newPath.map { "b/" + $0 } ?? "/dev/null"
            out += "Binary files \(GitPathQuoting.quote(a)) and \(GitPathQuoting.quote(b)) differ\n".utf8
            return
        case .gitBinaryPatch(let body)?:
            out += body
            return
        case nil:
            break
        }
        guard !file.hunks.isEmpty else { return }
        out += "--- \(file.oldPath.map { GitPathQuoting.quote("a/" + $0) } ?? "/dev/null")\n".utf8
        out += "+++ \(file.newPath.map { GitPathQuoting.quote("b/" + $0) } ?? "/dev/null")\n".utf8
        for hunk in file.hunks { render(hunk, into: &out) }
    }

    static func render(_ hunk: Hunk, into out: inout [UInt8]) {
        out += "@@ -\(range(hunk.oldStart, hunk.oldCount)) +\(range(hunk.newStart, hunk.newCount)) @@".utf8
        out += hunk.section
        out.append(0x0A)
        hunk.withUnsafeLines { lines in
            for i in lines.indices {
                switch lines.kind(i) {
                case .context: out.append(UInt8(ascii: " "))
                case .removed: out.append(UInt8(ascii: "-"))
                case .added: out.append(UInt8(ascii: "+"))
                }
                out.append(contentsOf: lines.text(i))
                if !lines.hasNewline(i) {
                    out += "\n\\ No newline at end of file\n".utf8
                }
            }
        }
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    /// `a/x b/y`, quoting each side as git does when either needs it.
    private static func quotedPair(_ old: String, _ new: String) -> String {
        "\(GitPathQuoting.quote("a/" + old)) \(GitPathQuoting.quote("b/" + new))"
    }

    private static func estimatedSize(_ file: FilePatch) -> Int {
        file.hunks.reduce(200) { total, hunk in
            hunk.records.reduce(total + 40) { $0 + $1.length + 1 }
        }
    }
}
