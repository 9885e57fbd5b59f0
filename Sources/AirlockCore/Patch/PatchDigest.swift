import Crypto

/// The SHA-256 of a patch's canonical git diff text: what an approval names, so that
/// exactly the approved bytes — and nothing else — can be applied.
public struct PatchDigest: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Lowercase hex, 64 characters.
    public let hex: String

    public init(of patch: Patch) {
        self.init(canonicalText: PatchRenderer.render(patch))
    }

    public init(canonicalText: [UInt8]) {
        hex = SHA256.hash(data: canonicalText).hexString
    }

    public init?(hex: String) {
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        self.hex = hex
    }

    public var description: String { "sha256:\(hex)" }
}

extension Digest {
    /// Lowercase hex of the digest bytes.
    public var hexString: String {
        var out = ""
        out.reserveCapacity(Self.byteCount * 2)
        let digits = Array("0123456789abcdef")
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }
}
