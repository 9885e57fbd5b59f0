/// A language the diff pane colours, chosen from a file's path.
public enum SyntaxLanguage: String, Sendable, CaseIterable {
    case swift, python, go, rust, javaScript, c, shell, yaml, json, markdown

    /// The language of the file at `path` by its extension or, for files such as
    /// `Makefile` and `Dockerfile`, its name; nil when it is none of them.
    public init?(path: String) {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        if let byName = Self.byName[name] {
            self = byName
            return
        }
        guard let dot = name.lastIndex(of: "."), let byExtension = Self.byExtension[String(name[name.index(after: dot)...])] else {
            return nil
        }
        self = byExtension
    }

    private static let byName: [String: SyntaxLanguage] = [
        // Make and Docker files are read as shell: `#` comments, quoted strings, `$` words.
        "makefile": .shell, "gnumakefile": .shell, "dockerfile": .shell, "containerfile": .shell,
        ".bashrc": .shell, ".bash_profile": .shell, ".zshrc": .shell, ".profile": .shell, ".envrc": .shell,
    ]

    private static let byExtension: [String: SyntaxLanguage] = {
        var table: [String: SyntaxLanguage] = [:]
        let lists: [(SyntaxLanguage, [String])] = [
            (.swift, ["swift"]),
            (.python, ["py", "pyi", "pyw"]),
            (.go, ["go"]),
            (.rust, ["rs"]),
            (.javaScript, ["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"]),
            (.c, ["c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "m", "mm"]),
            (.shell, ["sh", "bash", "zsh", "ksh", "bats", "mk", "dockerfile"]),
            (.yaml, ["yml", "yaml"]),
            (.json, ["json", "jsonc"]),
            (.markdown, ["md", "markdown"]),
        ]
        for (language, extensions) in lists {
            for name in extensions { table[name] = language }
        }
        return table
    }()
}
