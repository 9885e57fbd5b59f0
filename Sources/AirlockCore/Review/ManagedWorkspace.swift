import Foundation

/// A workspace Airlock manages: the directory with `.airlock/` (config, store, journal)
/// and the verbs of the review loop on it. Opening one finishes any apply a crash
/// interrupted and settles the proposal it belonged to.
public struct ManagedWorkspace: Sendable {
    public let root: String
    public let config: WorkspaceConfig
    public let store: AirlockStore

    public static let stateDirectoryName = ".airlock"

    public var stateDirectory: String { root + "/" + Self.stateDirectoryName }
    public var configPath: String { stateDirectory + "/config.toml" }
    public var journalDirectory: String { stateDirectory + "/journal" }
    static func storePath(root: String) -> String { root + "/\(stateDirectoryName)/store.sqlite" }

    /// The user who may decide when `approvers` is empty: the owner of `.airlock/`.
    public var owner: String { ownerName(of: stateDirectory) ?? currentUserName() }

    func applier() -> Applier {
        Applier(workspace: root, journalDirectory: journalDirectory)
    }

    public var reader: WorkspaceReader { WorkspaceReader(root: root) }

    // MARK: - finding and opening

    /// The nearest directory at or above `directory` that has `.airlock/`, as git finds
    /// its work tree.
    public static func find(from directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: current + "/" + stateDirectoryName, isDirectory: &isDirectory), isDirectory.boolValue {
                return current
            }
            if current == "/" || current.isEmpty { return nil }
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// Whether this process may write the workspace's state: `.airlock/` and the store.
    /// A user who may only read it (another user given `--group` at init) opens it as an
    /// observer.
    public static func mayWrite(root: String) -> Bool {
        let root = URL(fileURLWithPath: root).standardizedFileURL.path
        return access(root + "/" + stateDirectoryName, W_OK) == 0 && access(storePath(root: root), W_OK) == 0
    }

    /// Opens the managed workspace at `root`. A writer (`.oneShot`, `.longLived`) first
    /// runs crash recovery and settles interrupted applications; an observer opens the
    /// store read-only and touches nothing: no recovery, no apply lock, no write.
    public static func open(
        root: String, access: AirlockStore.Access = .oneShot,
        clock: @escaping @Sendable () -> Int64 = AirlockStore.systemClock
    ) throws -> (workspace: ManagedWorkspace, recovery: RecoveryNotice?) {
        let root = URL(fileURLWithPath: root).standardizedFileURL.path
        let state = root + "/" + stateDirectoryName
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: state, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkspaceError.notManaged(root)
        }
        let config = try WorkspaceConfig.load(path: state + "/config.toml")
        let store = try AirlockStore(
            path: storePath(root: root), access: access, busyTimeoutMilliseconds: config.store.busyTimeoutMilliseconds, clock: clock)
        let workspace = ManagedWorkspace(root: root, config: config, store: store)
        guard access != .observer else { return (workspace, nil) }
        let notice = try workspace.recover()
        return (workspace, notice)
    }

    /// Makes `root` a managed workspace: `.airlock/` with a commented `config.toml` and the
    /// store, and `.airlock/` in `.git/info/exclude` for a git work tree. Running it again
    /// keeps what is there. With `group`, `.airlock/` and the store belong to that group
    /// and its members may look (not write): see `SharedAccess`.
    @discardableResult
    public static func initialize(at root: String, group: String? = nil) throws -> ManagedWorkspace {
        let root = URL(fileURLWithPath: root).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkspaceError.noDirectory(root)
        }
        let groupID = try group.map(SharedAccess.groupID(named:))
        let state = root + "/" + stateDirectoryName
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let config = state + "/config.toml"
        if !FileManager.default.fileExists(atPath: config) {
            try Data(WorkspaceConfig.template.utf8).write(to: URL(fileURLWithPath: config), options: .atomic)
        }
        _ = try AirlockStore(path: storePath(root: root))
        try excludeFromGit(root: root)
        if let groupID { try SharedAccess.share(stateDirectory: state, group: groupID) }
        return try open(root: root).workspace
    }

    private static func excludeFromGit(root: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root + "/.git", isDirectory: &isDirectory), isDirectory.boolValue else { return }
        let info = root + "/.git/info"
        try FileManager.default.createDirectory(atPath: info, withIntermediateDirectories: true)
        let exclude = info + "/exclude"
        var text = (try? String(contentsOfFile: exclude, encoding: .utf8)) ?? ""
        let entry = "/\(stateDirectoryName)/"
        if text.split(separator: "\n").contains(where: { $0 == entry || $0 == stateDirectoryName || $0 == "\(stateDirectoryName)/" }) { return }
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += "# Airlock's state (proposals, audit log, config)\n\(entry)\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: exclude), options: .atomic)
    }
}

/// What opening a workspace had to repair after a crash.
public struct RecoveryNotice: Sendable, Equatable {
    public var journal: RecoveryOutcome?
    /// Each interrupted application and how its proposal was settled.
    public var settled: [(id: Int64, outcome: String)]
    /// Why a journal found on disk was not replayed: it matches no apply on record.
    public var refusedJournal: String?

    public init(journal: RecoveryOutcome?, settled: [(id: Int64, outcome: String)], refusedJournal: String? = nil) {
        self.journal = journal
        self.settled = settled
        self.refusedJournal = refusedJournal
    }

    public static func == (a: RecoveryNotice, b: RecoveryNotice) -> Bool {
        a.journal == b.journal && a.settled.map(\.id) == b.settled.map(\.id) && a.settled.map(\.outcome) == b.settled.map(\.outcome)
            && a.refusedJournal == b.refusedJournal
    }
}

public enum WorkspaceError: Error, Equatable, CustomStringConvertible {
    case notManaged(String)
    case noDirectory(String)
    case noSuchGroup(String)
    case cannotShare(path: String, reason: String)

    public var description: String {
        switch self {
        case .notManaged(let path): return "\(path) is not an Airlock workspace (no .airlock/ here or above it): run `airlock init` first"
        case .noDirectory(let path): return "\(path): no such directory"
        case .noSuchGroup(let name): return "--group \(VisibleText.escape(name)): no such group on this machine"
        case .cannotShare(let path, let reason): return "cannot give the group access to \(path): \(reason)"
        }
    }
}
