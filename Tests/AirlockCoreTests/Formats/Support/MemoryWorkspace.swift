@testable import AirlockCore

/// Workspace contents held in memory.
func memoryWorkspace(_ files: [String: [UInt8]]) -> WorkspaceContents {
    { path in files[path] }
}

func memoryWorkspace(_ files: [String: String]) -> WorkspaceContents {
    let bytes = files.mapValues { Array($0.utf8) }
    return { path in bytes[path] }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Hunk lines written compactly: `" a\n"`, `"-b\n"`, `"+c"` (prefix, then the exact text).
func lines(_ specs: String...) -> [HunkLine] {
    specs.map { spec in
        let text = String(spec.dropFirst())
        switch spec.first {
        case " ": return HunkLine(.context, text)
        case "-": return HunkLine(.removed, text)
        default: return HunkLine(.added, text)
        }
    }
}
