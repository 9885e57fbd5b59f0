/// A SARIF artifact location made into the path a finding names: relative to the
/// scratch copy the linter ran on, as paths in a patch are.
enum ArtifactPath {
    /// A `uriBaseId`'s definition from `run.originalUriBaseIds`.
    struct Base {
        var uri: String?
        var baseID: String?
    }

    /// `uri` resolved through `baseID` and `bases`, percent-decoded, with `.` and `..`
    /// taken out lexically, and made relative when it lies in `scratchRoot`. A base id that
    /// is not defined (semgrep's `%SRCROOT%`) leaves the path relative, which is relative
    /// to where the linter ran. A URI of another scheme (`https:`) stays as it is: it names
    /// no file of the patch.
    static func resolve(uri: String, baseID: String?, bases: [String: Base], scratchRoot: String?) -> String {
        let path = locate(uri: uri, baseID: baseID, bases: bases, depth: 0)
        if hasOtherScheme(path) { return path }
        guard path.hasPrefix("/") else { return path.isEmpty ? path : normalized(path) }
        return relative(normalized(path), to: scratchRoot.map(normalized))
    }

    /// A path as a URI reference: every byte but unreserved characters and `/`
    /// percent-encoded, which `resolve` decodes again.
    static func uri(for path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    // MARK: - steps

    /// Base ids may refer to other base ids; a chain longer than this is a loop.
    private static let maximumBaseDepth = 8

    private static func locate(uri: String, baseID: String?, bases: [String: Base], depth: Int) -> String {
        let lowered = uri.lowercased()
        var path: String
        if lowered.hasPrefix("file:") {
            var rest = Substring(uri.dropFirst(5))
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
                let authority = rest[..<authorityEnd].lowercased()
                // A file on another host is not one of the scratch copy's.
                guard authority.isEmpty || authority == "localhost" else { return uri }
                rest = rest[authorityEnd...]
            }
            path = percentDecoded(rest)
        } else if hasOtherScheme(uri) {
            return uri
        } else {
            path = percentDecoded(Substring(uri))
        }
        if !path.hasPrefix("/"), let baseID, depth < maximumBaseDepth, let base = bases[baseID], let baseURI = base.uri {
            let basePath = locate(uri: baseURI, baseID: base.baseID, bases: bases, depth: depth + 1)
            guard !hasOtherScheme(basePath) else { return path }
            if !basePath.isEmpty {
                path = basePath.hasSuffix("/") ? basePath + path : basePath + "/" + path
            }
        }
        return path
    }

    /// `https://…`: a scheme and an authority. A bare `name:rest` is read as a file name,
    /// as tools that do not encode their paths write them.
    private static func hasOtherScheme(_ uri: String) -> Bool {
        guard let colon = uri.firstIndex(of: ":"), uri[colon...].hasPrefix("://") else { return false }
        let scheme = uri[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) }
    }

    /// `%XX` as the byte it stands for; a `%` not followed by two hex digits stays as it
    /// is. Bytes that are not UTF-8 become U+FFFD, which the screen shows escaped.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Without empty and `.` components, each `..` taking out the component before it
    /// (at the root of an absolute path it is dropped; leading ones of a relative path stay).
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        return (absolute ? "/" : "") + parts.joined(separator: "/")
    }

    /// `/scratch/12/src/a.py` in `/scratch/12` is `src/a.py`; a path elsewhere stays absolute.
    static func relative(_ path: String, to root: String?) -> String {
        guard let root, root != "/" else { return root == "/" ? String(path.dropFirst()) : path }
        if path == root { return "" }
        guard path.hasPrefix(root), path.dropFirst(root.count).hasPrefix("/") else { return path }
        return String(path.dropFirst(root.count + 1))
    }
}
