import Foundation
import TOMLKit

extension WorkspaceConfig {
    /// Reads `text` strictly. `file` names the file in error messages.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> WorkspaceConfig {
        let root = try TOMLText.parse(text, file: file)
        var reader = ConfigReader(file: file, lines: TOMLKeyLines(text))
        return try reader.read(root)
    }

    /// Reads and parses the file at `path`. A missing file is an error like any other: the
    /// caller decides whether defaults will do.
    public static func load(path: String) throws(ConfigError) -> WorkspaceConfig {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(path, errno) }
        defer { close(fd) }
        let bytes: [UInt8]
        do {
            bytes = try ByteStorage.readAll(fd)
        } catch {
            throw unreadable(path, (error as? POSIXError)?.code.rawValue ?? EIO)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(file: path, line: firstInvalidLine(bytes), "the file is not valid UTF-8")
        }
        return try parse(text, file: path)
    }

    private static func unreadable(_ path: String, _ code: Int32) -> ConfigError {
        ConfigError(file: path, "cannot read the config file: \(String(cString: strerror(code)))")
    }

    /// The line of the first byte that is not part of well-formed UTF-8.
    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1, start = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if String(validating: bytes[start..<offset], as: UTF8.self) == nil { return line }
            line += 1
            start = offset + 1
        }
        return line
    }
}
