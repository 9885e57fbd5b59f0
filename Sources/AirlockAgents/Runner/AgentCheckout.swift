import AirlockCore
import Foundation

/// The agent's own repository: a clone of the workspace that borrows its objects
/// read-only (`git clone --shared`), on the branch `airlock/NAME` at the workspace's
/// `HEAD`. Not a linked `git worktree`: that would share the workspace's refs, config and
/// hooks, so an agent could plant a hook that the user's next git command runs.
public struct AgentCheckout: Sendable, Equatable {
    public let agent: String
    /// The workspace's root, the top of its work tree.
    public let workspace: String
    /// The workspace's git common directory (`.git` of the main work tree).
    public let gitDirectory: String
    /// The commit the branch started from.
    public let base: String

    public init(agent: String, workspace: String, gitDirectory: String, base: String) {
        self.agent = agent
        self.workspace = workspace
        self.gitDirectory = gitDirectory
        self.base = base
    }

    /// Where Airlock keeps its own things in the git directory: check scratch slots,
    /// agents' checkouts, the runner's registry.
    public static func airlockDirectory(gitDirectory: String) -> String { gitDirectory + "/airlock" }

    public var airlockDirectory: String { Self.airlockDirectory(gitDirectory: gitDirectory) }
    public var path: String { airlockDirectory + "/worktrees/" + agent }
    public var branch: String { "airlock/" + agent }
    /// The runner's own files in the checkout (feedback, the socket): never proposed.
    public var stateDirectory: String { path + "/" + ManagedWorkspace.stateDirectoryName }
    public var feedbackPath: String { stateDirectory + "/feedback.md" }
    public var socketPath: String { stateDirectory + "/airlock.sock" }
    /// The clone's own git directory, which the agent controls.
    var cloneGitDirectory: String { path + "/.git" }

    // MARK: - making and removing

    /// The workspace's git common directory and `HEAD`; refuses a workspace that is not
    /// the top of a git work tree or has no commit yet.
    public static func repository(of workspace: String) throws -> (gitDirectory: String, head: String) {
        let git = Git(options: ["-C", workspace])
        let top: String
        do {
            top = try git.text(["rev-parse", "--show-toplevel"])
        } catch {
            throw CheckoutError.notGit(workspace)
        }
        guard standardized(top) == standardized(workspace) else { throw CheckoutError.notTopLevel(workspace, top: top) }
        guard let head = try? git.text(["rev-parse", "--verify", "-q", "HEAD^{commit}"]), !head.isEmpty else {
            throw CheckoutError.noCommit(workspace)
        }
        let common = try git.text(["rev-parse", "--path-format=absolute", "--git-common-dir"])
        return (standardized(common), head)
    }

    /// Clones the workspace for `agent` and checks out its branch. Refuses when the
    /// checkout is already there (a kept one, or another run of the same name).
    public static func create(workspace: String, agent: String) throws -> AgentCheckout {
        guard ManagedWorkspace.isValidAgentName(agent) else { throw CheckoutError.badName(agent) }
        let (gitDirectory, head) = try repository(of: workspace)
        let checkout = AgentCheckout(agent: agent, workspace: standardized(workspace), gitDirectory: gitDirectory, base: head)
        if FileManager.default.fileExists(atPath: checkout.path) { throw CheckoutError.exists(checkout.path) }
        try FileManager.default.createDirectory(atPath: checkout.airlockDirectory + "/worktrees", withIntermediateDirectories: true)
        do {
            try Git().run(["clone", "-q", "--shared", "--no-checkout", "--", checkout.workspace, checkout.path])
            let inClone = Git(options: ["-C", checkout.path])
            try inClone.run(["checkout", "-q", "-b", checkout.branch, head])
            try inClone.run(["remote", "remove", "origin"])
            try appendExclude(to: checkout.cloneGitDirectory + "/info/exclude")
        } catch {
            try? FileManager.default.removeItem(atPath: checkout.path)
            throw error
        }
        return checkout
    }

    /// Removes the checkout and with it the branch (it lives in the clone alone).
    public func remove() throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.removeItem(atPath: path)
    }

    private static func appendExclude(to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += "# Airlock's runner: feedback and the socket, never proposed\n/\(ManagedWorkspace.stateDirectoryName)/\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Why an agent's checkout cannot be made.
public enum CheckoutError: Error, Equatable, CustomStringConvertible {
    case notGit(String)
    case notTopLevel(String, top: String)
    case noCommit(String)
    case exists(String)
    case badName(String)

    public var description: String {
        switch self {
        case .notGit(let path):
            return "\(VisibleText.escape(path)) is not a git repository: airlock run gives the agent a clone of the workspace, so the workspace must be a git work tree (git init; git commit)"
        case .notTopLevel(let path, let top):
            return "\(VisibleText.escape(path)) lies inside the git work tree \(VisibleText.escape(top)) but is not its top: airlock run needs the workspace to be the top of its work tree"
        case .noCommit(let path):
            return "\(VisibleText.escape(path)) has no commit yet: the agent's branch starts at HEAD, so commit something first"
        case .exists(let path):
            return "\(VisibleText.escape(path)) already exists (a checkout kept with --keep, or an agent of that name still running): remove it or choose another --agent"
        case .badName(let name):
            return "agent name \(VisibleText.escape(name)) must be 1–64 characters of letters, digits, '.', '_' or '-'"
        }
    }
}
