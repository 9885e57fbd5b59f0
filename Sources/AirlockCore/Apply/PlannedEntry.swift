/// One file entry of a patch as the planner sees it: which path it reads, which it
/// writes, and what kind of file each is. Built only when everything that needs no disk
/// (paths, modes, binary content, hunk shapes) is acceptable.
struct PlannedEntry {
    enum Kind: Equatable, CustomStringConvertible {
        case regular
        case symlink
        case gitlink

        init(_ mode: FileMode) {
            switch mode {
            case .symlink: self = .symlink
            case .gitlink: self = .gitlink
            default: self = .regular
            }
        }

        var description: String {
            switch self {
            case .regular: "regular file"
            case .symlink: "symlink"
            case .gitlink: "gitlink"
            }
        }
    }

    /// 1-based position in the patch.
    let number: Int
    let file: FilePatch
    /// Read from the workspace as it was before the patch: modify, delete, rename, copy.
    let source: WorkspacePath?
    /// Written: modify, create, rename, copy.
    let target: WorkspacePath?
    let oldKind: Kind
    let newKind: Kind

    var operation: FilePatch.Operation { file.operation }
    var removesSource: Bool { operation == .delete || operation == .rename }
    var isGitlink: Bool { oldKind == .gitlink || newKind == .gitlink }

    /// `entry 3 (rename `a` → `b`)`, for messages that involve two entries.
    var summary: String {
        let paths = switch operation {
        case .rename, .copy: "\(Quoted.name(file.oldPath ?? "")) → \(Quoted.name(file.newPath ?? ""))"
        default: Quoted.name(file.path)
        }
        return "entry \(number) (\(operation.verb) \(paths))"
    }

    // MARK: - static checks

    /// The entry, or every problem that can be seen without looking at the disk.
    static func make(number: Int, file: FilePatch, options: ApplyOptions) -> (PlannedEntry?, [ApplyProblem]) {
        var problems: [ApplyProblem] = []
        let name = file.path
        func problem(_ text: String) {
            problems.append(ApplyProblem(path: name, "\(Quoted.name(name)): \(text)"))
        }

        let recordedOld = file.oldMode ?? file.index?.mode
        let recordedNew = file.newMode ?? file.index?.mode ?? file.oldMode
        let oldKind = recordedOld.map(Kind.init) ?? .regular
        let newKind = recordedNew.map(Kind.init) ?? oldKind
        var refusedModes: Set<UInt32> = []
        for mode in [file.oldMode, file.newMode, file.index?.mode].compactMap({ $0 }) where !refusedModes.contains(mode.rawValue) {
            if let reason = refusal(of: mode, options: options) {
                refusedModes.insert(mode.rawValue)
                problem(reason)
            }
        }

        var source: WorkspacePath?, target: WorkspacePath?
        func checked(_ path: String?, mode: FileMode?, role: String) -> WorkspacePath? {
            guard let path else {
                problem("\(file.operation.verb) entry has no \(role) path")
                return nil
            }
            do {
                return try PathPolicy.check(path, mode: mode)
            } catch {
                problems.append(error)
                return nil
            }
        }
        switch file.operation {
        case .modify:
            if let old = file.oldPath, let new = file.newPath, old != new {
                problem("modify entry names two paths (\(Quoted.name(old)) and \(Quoted.name(new)))")
            }
            source = checked(file.oldPath ?? file.newPath, mode: recordedOld, role: "file")
            target = source
        case .create:
            target = checked(file.newPath, mode: recordedNew, role: "new")
        case .delete:
            source = checked(file.oldPath, mode: recordedOld, role: "old")
        case .rename, .copy:
            source = checked(file.oldPath, mode: recordedOld, role: "old")
            target = checked(file.newPath, mode: recordedNew, role: "new")
            if let old = file.oldPath, old == file.newPath {
                problem("\(file.operation.verb) onto itself")
            }
        }

        if file.operation != .create && file.operation != .delete && recordedOld != nil && oldKind != newKind {
            problem("changes a \(oldKind) into a \(newKind) in one entry (git writes that as a deletion and a creation)")
        }
        if file.binary != nil {
            problem("binary patch cannot be verified; Airlock applies only text hunks")
        }
        problems += HunkApplication.shapeProblems(of: file.hunks, path: name)
        if file.operation == .create, file.hunks.contains(where: { $0.oldCount > 0 }) {
            problem("a created file's hunks may not expect old lines")
        }
        if file.operation == .delete, file.hunks.contains(where: { $0.newCount > 0 }) {
            problem("a deleted file's hunks may not leave new lines")
        }

        guard problems.isEmpty else { return (nil, problems) }
        let entry = PlannedEntry(number: number, file: file, source: source, target: target, oldKind: oldKind, newKind: newKind)
        return (entry, [])
    }

    private static func refusal(of mode: FileMode, options: ApplyOptions) -> String? {
        switch mode {
        case .regular, .executable:
            return nil
        case .symlink:
            return options.allowSymlinks ? nil : "mode 120000 (symlink) is refused; ApplyOptions.allowSymlinks is off"
        case .gitlink:
            return options.allowGitlinks ? nil : "mode 160000 (gitlink, a submodule commit) is refused; ApplyOptions.allowGitlinks is off"
        default:
            return "mode \(mode) is not allowed (only 100644 and 100755 are)"
        }
    }
}
