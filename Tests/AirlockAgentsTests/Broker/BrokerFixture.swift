import AirlockAgents
import AirlockCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A managed workspace in a private temporary directory, its service, and a broker serving
/// it at `run/broker.sock`. Stopped and removed when released.
final class BrokerFixture {
    let base: String
    let workspace: ManagedWorkspace
    let service: LocalReviewService
    let server: BrokerServer
    var socketPath: String { server.socketPath }

    init(agent: String? = nil, maxLineBytes: Int = BrokerProtocol.maxLineBytes, socketName: String = "broker.sock") throws {
        base = try Self.temporaryDirectory()
        let root = base + "/workspace", run = base + "/run"
        for directory in [root, run] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        _ = chmod(run, 0o700)
        workspace = try ManagedWorkspace.initialize(at: root)
        service = LocalReviewService(workspace: workspace)
        server = BrokerServer(service: service, socketPath: run + "/" + socketName, agent: agent, maxLineBytes: maxLineBytes)
        try server.start()
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: base)
    }

    func client() throws -> BrokerClient {
        try BrokerClient(socketPath: socketPath)
    }

    /// A fresh private directory on tmpfs where there is one.
    static func temporaryDirectory() throws -> String {
        let parent = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array("\(parent)/airlock-broker-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        return String(cString: made)
    }

    /// A git diff creating `path` with one line.
    static func creation(_ path: String, _ line: String = "hello") -> [UInt8] {
        Array("diff --git a/\(path) b/\(path)\nnew file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1 @@\n+\(line)\n".utf8)
    }

    static func submission(_ path: String, agent: String = "coder-1", title: String? = nil) -> Submission {
        Submission(agent: agent, title: title, patch: creation(path))
    }

    /// The proposals in the store, whoever made them.
    func stored() throws -> [ProposalSummary] {
        try service.blocking.proposals(.all)
    }
}

/// A client that speaks the wire protocol by hand, line by line, as a hostile one would.
final class RawBrokerClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects; reads nothing yet (the hello is the first line).
    init(_ path: String, timeoutSeconds: Int = 20) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        sendBytes(Array(text.utf8))
    }

    func sendBytes(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// The next line, or nil at the end of the connection (or after the timeout).
    func line() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// The next line as a JSON object.
    func object() -> [String: Any]? {
        line().flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The error object of the next line: kind and message.
    func error() -> (id: Int64?, kind: String, message: String)? {
        guard let object = object(), let error = object["error"] as? [String: Any] else { return nil }
        return ((object["id"] as? NSNumber)?.int64Value, error["kind"] as? String ?? "", error["message"] as? String ?? "")
    }
}

/// Polls `condition` until it holds or `seconds` pass.
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(10_000)
    }
    return try condition()
}
