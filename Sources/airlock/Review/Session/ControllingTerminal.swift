#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AirlockCore

/// Where a review reads its answers and writes what it shows.
protocol LineTerminal: AnyObject {
    var capabilities: TerminalTraits { get }
    /// Writes text that is already safe for a terminal.
    func write(_ text: String)
    /// The next line the person typed, without its line ending; nil at end of input.
    func readLine() -> String?
    /// Drops whatever was typed before now and not yet read: keys typed ahead must not
    /// answer for something the person has not seen.
    func discardTypeAhead()
}

/// What the terminal can show: decided from the environment, since a line-mode review
/// never starts ncurses.
struct TerminalTraits: Equatable {
    var unicode: Bool
    var colour: Bool

    init(unicode: Bool, colour: Bool) {
        self.unicode = unicode
        self.colour = colour
    }

    /// UTF-8 when the effective locale (`LC_ALL`, then `LC_CTYPE`, then `LANG`) names it;
    /// colour unless `NO_COLOR` is set or `TERM` is missing or `dumb`.
    init(environment: [String: String]) {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let codeset = locale.lowercased()
        unicode = codeset.contains("utf-8") || codeset.contains("utf8")
        let term = environment["TERM"] ?? ""
        colour = (environment["NO_COLOR"] ?? "").isEmpty && !term.isEmpty && term != "dumb"
    }
}

/// The process's controlling terminal, opened as `/dev/tty`. Reading answers here and
/// never from stdin is what keeps a pipe, a script or an agent from deciding: a process
/// without a controlling terminal cannot open it.
final class ControllingTerminal: LineTerminal {
    let descriptor: Int32
    let capabilities: TerminalTraits
    private var pending: [UInt8] = []
    private var ended = false

    private init(descriptor: Int32, capabilities: TerminalTraits) {
        self.descriptor = descriptor
        self.capabilities = capabilities
    }

    /// Nil when the process has no controlling terminal, or `/dev/tty` is not one. The
    /// descriptor is on the device itself when it can be found, so the reviewer's
    /// identity names `/dev/pts/3` rather than `/dev/tty`.
    static func open(environment: [String: String]) -> ControllingTerminal? {
        let descriptor = openTerminal("/dev/tty")
        guard descriptor >= 0 else { return nil }
        guard isatty(descriptor) == 1 else {
            close(descriptor)
            return nil
        }
        if let path = TerminalDevice.controllingPath() {
            let device = openTerminal(path)
            if device >= 0 && isatty(device) == 1 {
                close(descriptor)
                return ControllingTerminal(descriptor: device, capabilities: TerminalTraits(environment: environment))
            }
            if device >= 0 { close(device) }
        }
        return ControllingTerminal(descriptor: descriptor, capabilities: TerminalTraits(environment: environment))
    }

    private static func openTerminal(_ path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, O_RDWR | O_CLOEXEC)
        #else
        Darwin.open(path, O_RDWR | O_CLOEXEC)
        #endif
    }

    deinit { close(descriptor) }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress, buffer.count)
                #else
                Darwin.write(descriptor, buffer.baseAddress, buffer.count)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // the terminal went away; reading will report the end
            }
            offset += written
        }
    }

    func discardTypeAhead() {
        pending.removeAll()
        guard !ended else { return }
        _ = tcflush(descriptor, TCIFLUSH)
    }

    func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[..<newline]
                pending.removeSubrange(...newline)
                return Self.text(line)
            }
            if ended {
                guard !pending.isEmpty else { return nil }
                defer { pending.removeAll() }
                return Self.text(pending[...])
            }
            var chunk = [UInt8](repeating: 0, count: 1024)
            let count = chunk.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                #else
                Darwin.read(descriptor, buffer.baseAddress, buffer.count)
                #endif
            }
            if count < 0 && errno == EINTR { continue }
            // 0 is end of input (^D); an error such as EIO means the terminal hung up.
            if count <= 0 {
                ended = true
                continue
            }
            pending += chunk[..<count]
        }
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var line = bytes
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }
}

extension ControllingTerminal {
    /// The controlling terminal and the person at it, as a command that decides needs them.
    /// Without one, `command` is refused (exit 2) saying `nothingDone`.
    static func reviewer(for command: String, nothingDone: String, environment: [String: String]) throws -> (ControllingTerminal, Reviewer) {
        guard let terminal = open(environment: environment) else {
            throw CommandFailure.fail(
                "\(command) needs an interactive terminal (/dev/tty), and this process has none: run it in a terminal, not from a pipe, a script or an agent. \(nothingDone)",
                code: CommandFailure.unusableInput)
        }
        do {
            return (terminal, try Reviewer(terminal: terminal.descriptor, environment: environment))
        } catch {
            throw CommandFailure.fail("\(command) needs an interactive terminal (/dev/tty): \(error)", code: CommandFailure.unusableInput)
        }
    }
}
