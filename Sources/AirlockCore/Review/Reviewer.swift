#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A person at an interactive terminal: who decides. It can only be made from an open
/// terminal descriptor (it is deliberately not `Codable`), so code that has no terminal —
/// an agent's channel, a pipe, a cron job — cannot produce one and so cannot decide.
public struct Reviewer: Sendable, CustomStringConvertible {
    public let identity: ReviewerIdentity

    /// The reviewer behind `terminal`, which must be a terminal device (the caller opens
    /// `/dev/tty`). Throws when it is not one.
    public init(terminal: Int32, environment: [String: String]) throws(ReviewerError) {
        guard isatty(terminal) == 1, let name = ttyname(terminal) else { throw ReviewerError.noTerminal }
        identity = ReviewerIdentity(
            user: currentUserName(),
            host: ReviewerIdentity.host(sshConnection: environment["SSH_CONNECTION"]),
            tty: String(cString: name)
        )
    }

    public var description: String { identity.description }

    /// Whether `approvers` lets this reviewer decide. Entries are `user` or `user@host`;
    /// an empty list means the workspace's owner only.
    public func mayDecide(approvers: [String], owner: String) -> Bool {
        if approvers.isEmpty { return identity.user == owner }
        return approvers.contains(identity.user) || approvers.contains(identity.address)
    }
}

/// Who a recorded decision names: user, host and terminal.
public struct ReviewerIdentity: Equatable, Sendable, Codable, CustomStringConvertible {
    /// The OS user name.
    public var user: String
    /// The client address from `SSH_CONNECTION`, or `local`.
    public var host: String
    /// The terminal device, such as `/dev/pts/3`.
    public var tty: String

    public init(user: String, host: String, tty: String) {
        self.user = user
        self.host = host
        self.tty = tty
    }

    /// `user@host`, the form `approvers` in config.toml uses.
    public var address: String { "\(user)@\(host)" }
    public var description: String { "\(address) on \(tty)" }

    static func host(sshConnection: String?) -> String {
        // SSH_CONNECTION is "client_ip client_port server_ip server_port".
        guard let connection = sshConnection, let client = connection.split(separator: " ").first else { return "local" }
        return String(client)
    }
}

public enum ReviewerError: Error, Equatable, CustomStringConvertible {
    case noTerminal

    public var description: String {
        "deciding needs an interactive terminal (/dev/tty), and there is none: run `airlock review` in a terminal"
    }
}

/// The name of the effective user.
public func currentUserName() -> String {
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return "uid-\(geteuid())"
}

/// The name of the user owning `path`.
public func ownerName(of path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    if let entry = getpwuid(info.st_uid), let name = entry.pointee.pw_name { return String(cString: name) }
    return "uid-\(info.st_uid)"
}
