import AirlockAgents
import AirlockCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The socket file: private, never in place of something else, removed only while it is
/// still the broker's, reachable at any path length.
@Suite("Broker: the socket file")
struct BrokerSocketFileTests {
    /// A workspace and a private run directory, without a broker.
    final class Place {
        let base: String
        let service: LocalReviewService
        var run: String { base + "/run" }

        init() throws {
            base = try BrokerFixture.temporaryDirectory()
            try FileManager.default.createDirectory(atPath: base + "/run", withIntermediateDirectories: true)
            _ = chmod(base + "/run", 0o700)
            service = LocalReviewService(workspace: try ManagedWorkspace.initialize(at: base))
        }

        deinit { try? FileManager.default.removeItem(atPath: base) }

        func server(_ path: String, agent: String? = nil) -> BrokerServer {
            BrokerServer(service: service, socketPath: path, agent: agent)
        }
    }

    @Test("the socket is made with mode 0600, owned by this user, and removed by stop")
    func modeAndRemoval() throws {
        let place = try Place()
        let server = place.server(place.run + "/b.sock")
        try server.start()
        var info = stat()
        #expect(lstat(place.run + "/b.sock", &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(info.st_uid == geteuid())
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: place.run + "/b.sock"))
    }

    @Test("a file, a symlink or a directory at the path is refused and left as it was")
    func refusesToReplace() throws {
        let place = try Place()
        let file = place.run + "/file.sock", link = place.run + "/link.sock", directory = place.run + "/dir.sock"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: place.base + "/target")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        for path in [file, link, directory] {
            let error = #expect(throws: BrokerError.self) { try place.server(path).start() }
            #expect(error?.description.contains("that is not a socket is there: it is not replaced") == true, "\(path)")
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == place.base + "/target")
        #expect(!FileManager.default.fileExists(atPath: place.base + "/target"))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Test("a dead broker's socket is replaced; a live one is not")
    func staleAndLive() throws {
        let place = try Place()
        let path = place.run + "/b.sock"
        // A socket nobody listens at, as a killed broker leaves it.
        let dead = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(dead, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(bound == 0)
        close(dead)

        let first = place.server(path)
        try first.start()
        defer { first.stop() }
        let second = #expect(throws: BrokerError.self) { try place.server(path).start() }
        #expect(second?.description.contains("another broker is serving there") == true)
        #expect(try BrokerClient(socketPath: path).blocking.proposals(.all).isEmpty)
    }

    @Test("stop leaves alone what another put at the path since")
    func stopRemovesOnlyItsOwn() throws {
        let place = try Place()
        let path = place.run + "/b.sock"
        let server = place.server(path)
        try server.start()
        try FileManager.default.moveItem(atPath: path, toPath: place.run + "/moved.sock")
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: path))
        server.stop()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else's")
    }

    @Test("a directory anyone may write is refused")
    func sharedDirectory() throws {
        let place = try Place()
        let shared = place.base + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        #expect(chmod(shared, 0o1777) == 0)
        let error = #expect(throws: BrokerError.self) { try place.server(shared + "/b.sock").start() }
        #expect(error?.description.contains("anyone may write its directory") == true)
        #expect(!FileManager.default.fileExists(atPath: shared + "/b.sock"))
    }

    @Test("a path longer than a socket address holds works, through the directory")
    func longPath() throws {
        let place = try Place()
        var directory = place.run
        while directory.utf8.count < 180 { directory += "/a-rather-long-directory-name" }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/broker.sock"
        #expect(path.utf8.count > 108)
        let server = place.server(path, agent: "coder-1")
        try server.start()
        defer { server.stop() }
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let client = try BrokerClient(socketPath: path)
        #expect(client.agent == "coder-1")
        try client.blocking.reportStatus(AgentStatusReport(agent: "coder-1", state: .idle))
        #expect(try place.service.blocking.agents().first?.state == .idle)
    }

    @Test("stop ends every connection: a waiting call fails with a clear error, new clients cannot connect")
    func stopEndsConnections() async throws {
        let fixture = try BrokerFixture()
        let client = try fixture.client()
        let proposal = try await client.propose(BrokerFixture.submission("a.txt")).proposal
        let wait = Task { try await client.waitForOutcome(proposal.id, timeout: 60) }
        try await Task.sleep(for: .milliseconds(200))
        fixture.server.stop()
        let error = await #expect(throws: BrokerError.self) { try await wait.value }
        #expect(error?.kind == .disconnected)
        #expect(error?.description.contains("closed the connection") == true)
        #expect(throws: BrokerError.self) { try fixture.client() }
        let later = await #expect(throws: BrokerError.self) { try await client.proposals(.all) }
        #expect(later?.kind == .disconnected)
    }
}
