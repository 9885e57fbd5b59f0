#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The device `/dev/tty` stands for. A decision names the reviewer's terminal, and
/// `ttyname()` of a `/dev/tty` descriptor says only `/dev/tty`; the kernel's `tty_nr` for
/// the process says which device it really is (`/dev/pts/3`).
enum TerminalDevice {
    /// The controlling terminal's own path, or nil when it cannot be told.
    static func controllingPath() -> String? {
        guard let number = controllingDeviceNumber() else { return nil }
        var candidates: [String] = (Int32(0)...2).compactMap { descriptor in
            guard isatty(descriptor) == 1, let name = ttyname(descriptor) else { return nil }
            return String(cString: name)
        }
        let pts = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/pts")) ?? []
        candidates += pts.filter { $0.allSatisfy(\.isNumber) }.map { "/dev/pts/" + $0 }
        return candidates.first { path in
            var info = stat()
            guard path != "/dev/tty", stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFCHR else { return false }
            return DeviceNumber(UInt64(info.st_rdev)) == number
        }
    }

    struct DeviceNumber: Equatable {
        var major: UInt64
        var minor: UInt64

        /// From glibc's `dev_t` layout.
        init(_ device: UInt64) {
            major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
            minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
        }

        /// From the kernel's 32-bit encoding in `/proc/PID/stat`.
        init(tty: UInt64) {
            major = (tty >> 8) & 0xfff
            minor = (tty & 0xff) | ((tty >> 12) & 0xfff00)
        }
    }

    /// Field 7 (`tty_nr`) of `/proc/self/stat`; nil off Linux or without a terminal.
    static func controllingDeviceNumber() -> DeviceNumber? {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let nameEnd = text.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm)": state ppid pgrp session tty_nr …; comm may hold spaces.
        let fields = text[text.index(after: nameEnd)...].split(separator: " ")
        guard fields.count > 4, let tty = Int64(fields[4]), tty > 0 else { return nil }
        return DeviceNumber(tty: UInt64(tty))
    }
}
