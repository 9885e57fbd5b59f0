/// Which paths a patch may name. Pure: it looks at the text of the path (and the mode the
/// entry gives it), never at the disk. The rules follow git's `verify_path` with
/// `core.protectNTFS` and `core.protectHFS` on, because a workspace may be shared with, or
/// copied to, a Windows or macOS machine, plus Airlock's own state directories.
enum PathPolicy {
    /// The safe components of `path`, or the rule it breaks.
    static func check(_ path: String, mode: FileMode? = nil) throws(ApplyProblem) -> WorkspacePath {
        func refuse(_ rule: String) -> ApplyProblem {
            ApplyProblem(path: path, "\(Quoted.name(path)): \(rule)")
        }
        guard !path.isEmpty else { throw refuse("empty path") }
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\0": throw refuse("contains a NUL byte")
            case "\n", "\r": throw refuse("contains a newline or carriage return")
            case "\\": throw refuse("contains a backslash (a path separator on Windows)")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                throw refuse("contains a control character")
            default: continue
            }
        }
        if path.hasPrefix("//") { throw refuse("UNC-style path (starts with `//`) is not allowed") }
        if path.hasPrefix("/") { throw refuse("absolute path is not allowed") }
        if isDrivePath(path) { throw refuse("drive-letter path is not allowed") }

        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for component in components {
            switch component {
            case "": throw refuse("empty component (`//` or a trailing `/`) is not allowed")
            case ".": throw refuse("`.` component is not allowed")
            case "..": throw refuse("`..` component is not allowed (it climbs out of the workspace)")
            default: break
            }
            if component.utf8.count > 255 {
                throw refuse("component of \(component.utf8.count) bytes is longer than a file name may be (255)")
            }
            if let alias = gitDirectoryAlias(component) {
                throw refuse("\(Quoted.name(component)) \(alias); nothing inside `.git` may be patched")
            }
            let folded = fold(component)
            // At any depth: below the workspace may lie another one that Airlock manages.
            if airlockStateDirectories.contains(folded) {
                throw refuse("`\(folded)` holds Airlock's own state and may not be patched")
            }
            if folded.hasPrefix(stagePrefix) {
                throw refuse("names starting with `\(stagePrefix)` are reserved for Airlock's staged files")
            }
        }
        if mode == .symlink, let last = components.last, let special = symlinkForbidden(last) {
            throw refuse("`\(special)` may not be a symlink (git reads it without following links)")
        }
        return WorkspacePath(components: components)
    }

    /// Prefix of the staged files written next to their targets.
    static let stagePrefix = ".airlock-stage-"

    private static let airlockStateDirectories: Set<String> = [".airlock", ".airlock-journal"]

    // MARK: - aliases

    /// How `component` names `.git`, or nil when it does not.
    private static func gitDirectoryAlias(_ component: String) -> String? {
        let lower = asciiLowercased(component)
        if lower == ".git" { return "is git's own directory `.git`" }
        let visible = removingHFSIgnorables(lower)
        if visible == ".git" {
            return "is `.git` on HFS+ (it ignores the invisible code points in it)"
        }
        let ntfs = ntfsTrimmed(visible)
        if ntfs == ".git" {
            return "is `.git` on NTFS (it drops trailing dots and spaces and `:` stream names)"
        }
        if isShortName(ntfs, of: "git") {
            return "is the NTFS 8.3 short name of `.git`"
        }
        return nil
    }

    /// What a file system that ignores case, HFS+ ignorables and NTFS trailers sees.
    private static func fold(_ component: String) -> String {
        ntfsTrimmed(removingHFSIgnorables(asciiLowercased(component)))
    }

    /// `.gitmodules` and the other dotfiles git opens without following links.
    private static func symlinkForbidden(_ component: String) -> String? {
        let folded = fold(component)
        for name in [".gitmodules", ".gitattributes", ".gitignore", ".mailmap"] where folded == name {
            return name
        }
        if isShortName(folded, of: "gitmod") { return ".gitmodules" }
        return nil
    }

    /// `git~1`-style names: the first letters of the long name, `~` and a number.
    private static func isShortName(_ folded: String, of stem: String) -> Bool {
        guard folded.hasPrefix(stem + "~") else { return false }
        let digits = folded.dropFirst(stem.count + 1)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isDrivePath(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars.prefix(2))
        guard scalars.count == 2, scalars[1] == ":" else { return false }
        return ("a"..."z").contains(scalars[0]) || ("A"..."Z").contains(scalars[0])
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
        }))
    }

    /// HFS+ drops these code points when it compares names (git's `next_hfs_char`).
    private static func removingHFSIgnorables(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x200C...0x200F, 0x202A...0x202E, 0x206A...0x206F, 0xFEFF: false
            default: true
            }
        }))
    }

    /// NTFS ignores an alternate-stream suffix (`:stream:$TYPE`) and trailing dots and spaces.
    private static func ntfsTrimmed(_ text: String) -> String {
        var name = Substring(text)
        if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
        while let last = name.last, last == "." || last == " " { name = name.dropLast() }
        return String(name)
    }
}
