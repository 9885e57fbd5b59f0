// Placeholder until the policy branch lands.
public struct GateResult: Codable, Equatable, Sendable {
    public var gate: String
    public var passed: Bool
    public var detail: String
}
public struct WorkspaceConfig: Equatable, Sendable {
    public struct Gates: Equatable, Sendable { public var protectedPaths: [String] = []; public var maxFiles = 50; public var maxLines = 1000 }
    public struct Store: Equatable, Sendable { public var busyTimeoutMilliseconds = 5000 }
    public struct Review: Equatable, Sendable { public var editor = "" }
    public var approvers: [String] = []
    public var gates = Gates()
    public var store = Store()
    public var review = Review()
    public static let defaults = WorkspaceConfig()
    public static let template = "# placeholder\n"
    public static func load(path: String) throws -> WorkspaceConfig { .defaults }
}
public enum PolicyGates {
    public static func evaluate(_ patch: Patch, gates: WorkspaceConfig.Gates) -> [GateResult] { [] }
}
