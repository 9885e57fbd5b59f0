import AirlockCore

/// Codex's `apply_patch` names files relative to the agent's working directory; Airlock's
/// proposals name them relative to the workspace root. This rewrites the file lines of a
/// `*** Begin Patch` text (`Add File`, `Delete File`, `Update File`, `Move to`) so that
/// they do, and decides whether the patch is Airlock's to gate at all.
enum CodexPatchPaths {
    static let markers = ["*** Add File:", "*** Delete File:", "*** Update File:", "*** Move to:"]

    static func rebase(_ text: String, paths: HookPaths) -> ToolCall {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inside: [String] = [], outside: [String] = []
        for (index, line) in lines.enumerated() {
            // A chunk's lines start with ' ', '-' or '+': only a marker at the start of a
            // line names a file.
            guard let marker = markers.first(where: { line.hasPrefix($0) }) else { continue }
            var path = String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)
            if path.hasSuffix("\r") { path.removeLast() }
            switch paths.place(of: path) {
            case .outside:
                outside.append(path)
            case .forbidden(let why):
                return .refused("Airlock refuses this patch: \(VisibleText.escape(path)): \(why).")
            case .inside(let relative):
                inside.append(relative)
                lines[index] = marker + " " + relative + (line.hasSuffix("\r") ? "\r" : "")
            }
        }
        if inside.isEmpty { return .passThrough }
        if !outside.isEmpty {
            return .refused(
                "Airlock refuses this patch: it changes files inside the workspace and outside it (\(outside.map { VisibleText.escape($0) }.joined(separator: ", "))). "
                    + "Send the workspace's files in a patch of their own.")
        }
        let names = inside.count == 1 ? inside[0] : "\(inside.count) files: " + inside.prefix(3).joined(separator: ", ") + (inside.count > 3 ? ", …" : "")
        return .change(HookChange(
            tool: "apply_patch", title: "Patch \(names)", rationale: "Codex apply_patch, through its hook", format: .codex,
            patch: Array(lines.joined(separator: "\n").utf8), paths: inside, repeatAfterApply: .mustNotRepeat))
    }
}
