import Foundation

/// What a scratch slot held after its last preparation: for each file, how the workspace's
/// file and the slot's copy looked when it was copied. A file whose two stamps still match
/// need not be copied again; anything else is. Stored beside the slot, where a command
/// run in the slot cannot reach it; a manifest that does not read is an empty one, so the
/// worst it can cost is a full copy.
struct ScratchManifest: Equatable {
    struct Entry: Equatable {
        var workspace: FileStamp
        var slot: FileStamp
    }

    var entries: [String: Entry] = [:]

    private static let header = Array("airlock scratch manifest 1\n".utf8)

    // MARK: - reading and writing

    static func read(_ path: String) -> ScratchManifest {
        guard let data = FileManager.default.contents(atPath: path) else { return ScratchManifest() }
        return parse(Array(data)) ?? ScratchManifest()
    }

    /// Writes to a temporary file and renames it into place, so a crash leaves the old
    /// manifest or the new one.
    func write(_ path: String) throws {
        var bytes = Self.header
        bytes.reserveCapacity(entries.count * 200)
        for (path, entry) in entries {
            bytes += path.utf8
            bytes.append(0)
            for (position, number) in (Self.numbers(entry.workspace) + Self.numbers(entry.slot)).enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: " ")) }
                Self.appendDecimal(number, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        let temporary = path + ".new"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    static func parse(_ bytes: [UInt8]) -> ScratchManifest? {
        guard bytes.starts(with: header) else { return nil }
        var manifest = ScratchManifest()
        var index = header.count
        var numbers = [Int64](repeating: 0, count: 12)
        while index < bytes.count {
            guard let nul = bytes[index...].firstIndex(of: 0) else { return nil }
            let path = String(decoding: bytes[index..<nul], as: UTF8.self)
            index = nul + 1
            for position in 0..<12 {
                guard let (number, next) = decimal(in: bytes, at: index) else { return nil }
                numbers[position] = number
                let separator: UInt8 = position == 11 ? UInt8(ascii: "\n") : UInt8(ascii: " ")
                guard next < bytes.count, bytes[next] == separator else { return nil }
                index = next + 1
            }
            guard let workspace = stamp(numbers[0..<6]), let slot = stamp(numbers[6..<12]) else { return nil }
            manifest.entries[path] = Entry(workspace: workspace, slot: slot)
        }
        return manifest
    }

    /// A decimal number, maybe negative, starting at `index`; the index after it.
    private static func decimal(in bytes: [UInt8], at start: Int) -> (Int64, Int)? {
        var index = start
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value: Int64 = 0
        let first = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAgain) = times.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow, !overflowAgain else { return nil }
            value = sum
            index += 1
        }
        guard index > first else { return nil }
        return (negative ? -value : value, index)
    }

    private static func appendDecimal(_ number: Int64, to bytes: inout [UInt8]) {
        bytes += String(number).utf8
    }

    private static func numbers(_ stamp: FileStamp) -> [Int64] {
        [stamp.size, stamp.modified, stamp.changed, Int64(stamp.mode), Int64(bitPattern: stamp.inode), Int64(bitPattern: stamp.device)]
    }

    private static func stamp(_ numbers: ArraySlice<Int64>) -> FileStamp? {
        let n = Array(numbers)
        guard n.count == 6, let mode = UInt32(exactly: n[3]) else { return nil }
        return FileStamp(size: n[0], modified: n[1], changed: n[2], mode: mode, inode: UInt64(bitPattern: n[4]), device: UInt64(bitPattern: n[5]))
    }
}
