#if canImport(Glibc)
import Glibc
#endif

/// The slot's side of a preparation: reading what the slot holds, removing what it must
/// not hold and copying files in from the workspace. Every call names an entry in an open
/// directory (`*at`) and never follows a symlink, so a link a command planted in the slot
/// cannot redirect a write into the workspace or anywhere else.
final class ScratchTree {
    let path: String
    private(set) var cost = ScratchCost()
    /// Directories of the slot opened so far, by relative path ("" is the slot itself).
    private var directories: [String: Int32] = [:]
    private var clonesWork = true

    /// Opens the slot directory `path`, creating it (mode 0700) when it does not exist.
    init(opening path: String) throws(ScratchError) {
        self.path = path
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw .fileSystem(call: "mkdir", path: path, errno: errno) }
        let root = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else { throw .fileSystem(call: "open", path: path, errno: errno) }
        directories[""] = root
    }

    deinit {
        for descriptor in directories.values { close(descriptor) }
    }

    // MARK: - what the slot holds

    /// Every file, symlink or other non-directory in the slot with its stamp, and every
    /// directory. Names that are not UTF-8 cannot be workspace files here: they are removed
    /// on sight. Directories get back the mode 0755 a command may have taken away.
    func contents() throws(ScratchError) -> (files: [String: FileStamp], directories: Set<String>) {
        var files: [String: FileStamp] = [:]
        var found: Set<String> = []
        try visit(directory(""), relative: "", files: &files, directories: &found)
        return (files, found)
    }

    private func visit(_ descriptor: Int32, relative: String, files: inout [String: FileStamp], directories found: inout Set<String>) throws(ScratchError) {
        for name in try Self.names(in: descriptor, label: label(relative)) {
            guard let text = String(validating: Self.bytes(of: name), as: UTF8.self) else {
                try removeEntry(name, in: descriptor, label: label(relative))
                continue
            }
            let path = relative.isEmpty ? text : relative + "/" + text
            cost.statted += 1
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let stamp = FileStamp(info)
            guard stamp.isDirectory else {
                files[path] = stamp
                continue
            }
            found.insert(path)
            if stamp.mode & 0o7777 != 0o755 { _ = fchmodat(descriptor, name, 0o755, 0) }
            let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else { throw .fileSystem(call: "openat", path: label(path), errno: errno) }
            defer { close(child) }
            try visit(child, relative: path, files: &files, directories: &found)
        }
    }

    // MARK: - removing

    /// Removes the entry at `relative`, with everything under it when it is a directory.
    func remove(_ relative: String) throws(ScratchError) {
        let (parent, name) = Self.split(relative)
        guard let parentDescriptor = try? openedDirectory(parent) else { return }
        try removeEntry(Array(name.utf8CString), in: parentDescriptor, label: label(relative))
    }

    private func removeEntry(_ name: [CChar], in parent: Int32, label: String, counted: Bool = true) throws(ScratchError) {
        var info = stat()
        guard fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            _ = fchmodat(parent, name, 0o700, 0)
            let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw .fileSystem(call: "openat", path: label, errno: errno) }
            defer { close(descriptor) }
            for child in try Self.names(in: descriptor, label: label) {
                try removeEntry(child, in: descriptor, label: label + "/" + String(decoding: Self.bytes(of: child), as: UTF8.self), counted: counted)
            }
            guard unlinkat(parent, name, AT_REMOVEDIR) == 0 else { throw .fileSystem(call: "rmdir", path: label, errno: errno) }
            // A directory opened earlier may be gone now.
            for key in directories.keys where key != "" && (label == self.label(key) || self.label(key).hasPrefix(label + "/")) {
                if let descriptor = directories.removeValue(forKey: key) { close(descriptor) }
            }
        } else {
            guard unlinkat(parent, name, 0) == 0 || errno == ENOENT else { throw .fileSystem(call: "unlink", path: label, errno: errno) }
        }
        if counted { cost.removed += 1 }
    }

    // MARK: - copying

    /// Copies the workspace's file or symlink `relative` (read through `workspace`, an open
    /// directory) into the slot, replacing whatever is there. Returns the stamps of the
    /// workspace's file as it was read and of the copy, or nil when the workspace no longer
    /// has a file or symlink there.
    func copy(_ relative: String, from workspace: Int32) throws(ScratchError) -> (workspace: FileStamp, slot: FileStamp)? {
        let (parentPath, name) = Self.split(relative)
        let parent = try directory(parentPath)
        try removeEntry(Array(name.utf8CString), in: parent, label: label(relative), counted: false)
        guard let before = FileStamp.of(relative, in: workspace) else { return nil }
        cost.statted += 1
        if before.isSymlink {
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlinkat(workspace, relative, &target, target.count - 1)
            guard length >= 0 else { return nil }
            target[length] = 0
            guard symlinkat(target, parent, name) == 0 else { throw .fileSystem(call: "symlink", path: label(relative), errno: errno) }
            guard let slot = FileStamp.of(name, in: parent) else { throw .fileSystem(call: "lstat", path: label(relative), errno: errno) }
            cost.copied += 1
            return (before, slot)
        }
        guard before.isRegularFile else { return nil }
        let source = openat(workspace, relative, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard source >= 0 else { return nil }
        defer { close(source) }
        guard let read = FileStamp.of(descriptor: source), read.isRegularFile else { return nil }
        let destination = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard destination >= 0 else { throw .fileSystem(call: "create", path: label(relative), errno: errno) }
        defer { close(destination) }
        if clonesWork && CopyCalls.clone(source, to: destination) {
            cost.reflinked += 1
        } else {
            clonesWork = false
            guard CopyCalls.copy(source, to: destination) != nil else { throw .fileSystem(call: "copy", path: label(relative), errno: errno) }
        }
        guard fchmod(destination, read.copyPermissions) == 0, let slot = FileStamp.of(descriptor: destination) else {
            throw .fileSystem(call: "fchmod", path: label(relative), errno: errno)
        }
        cost.copied += 1
        cost.bytesCopied += slot.size
        // Changed while it was being copied: the copy may be torn, and says nothing.
        let after = FileStamp.of(descriptor: source)
        return (after == read ? read : Self.untrusted(read), slot)
    }

    /// A stamp that will not match the file's next one.
    private static func untrusted(_ stamp: FileStamp) -> FileStamp {
        var stamp = stamp
        stamp.changed = Int64.max
        return stamp
    }

    // MARK: - directories

    /// The open slot directory `relative`, created (0755) when missing; anything else in
    /// its place is removed first.
    private func directory(_ relative: String) throws(ScratchError) -> Int32 {
        if let open = directories[relative] { return open }
        let (parentPath, name) = Self.split(relative)
        let parent = try directory(parentPath)
        var descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if descriptor < 0 {
            if errno != ENOENT { try removeEntry(Array(name.utf8CString), in: parent, label: label(relative)) }
            guard mkdirat(parent, name, 0o755) == 0 else { throw .fileSystem(call: "mkdir", path: label(relative), errno: errno) }
            descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw .fileSystem(call: "openat", path: label(relative), errno: errno) }
        }
        directories[relative] = descriptor
        return descriptor
    }

    /// The slot directory `relative` when it exists, never creating it.
    private func openedDirectory(_ relative: String) throws(ScratchError) -> Int32? {
        if let open = directories[relative] { return open }
        let (parentPath, name) = Self.split(relative)
        guard let parent = try openedDirectory(parentPath) else { return nil }
        let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        directories[relative] = descriptor
        return descriptor
    }

    // MARK: - helpers

    private func label(_ relative: String) -> String {
        relative.isEmpty ? path : path + "/" + relative
    }

    static func split(_ relative: String) -> (parent: String, name: String) {
        guard let slash = relative.lastIndex(of: "/") else { return ("", relative) }
        return (String(relative[..<slash]), String(relative[relative.index(after: slash)...]))
    }

    /// A name's bytes, without the terminating NUL.
    private static func bytes(of name: [CChar]) -> [UInt8] {
        name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    }

    /// The names in an open directory, without `.` and `..`, as C strings.
    private static func names(in descriptor: Int32, label: String) throws(ScratchError) -> [[CChar]] {
        let duplicate = dup(descriptor)
        guard duplicate >= 0, let stream = fdopendir(duplicate) else {
            if duplicate >= 0 { close(duplicate) }
            throw .fileSystem(call: "opendir", path: label, errno: errno)
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [[CChar]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.bindMemory(to: CChar.self).prefix { $0 != 0 }) + [0]
            }
            if name == [46, 0] || name == [46, 46, 0] { continue }
            names.append(name)
        }
        return names
    }
}
