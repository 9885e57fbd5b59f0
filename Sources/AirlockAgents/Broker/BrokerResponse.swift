import Foundation

/// Answer lines: `{"id":N,"result":…}` or `{"id":N,"error":{"kind":…,"message":…}}`.
/// The id comes first, written by hand, so a client finds whose answer a line is
/// without parsing a large result twice.
enum BrokerResponse {
    /// The result of a call that returns nothing.
    struct Empty: Codable, Equatable, Sendable {}

    static func result(_ id: Int64, _ value: some Encodable) throws -> Data {
        var line = Data("{\"id\":\(id),\"result\":".utf8)
        line.append(try encoder.encode(value))
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }

    static func error(_ id: Int64?, _ error: BrokerError) -> Data {
        var line = Data("{\"id\":\(id.map(String.init) ?? "null"),\"error\":".utf8)
        // A BrokerError always encodes: two strings.
        line.append((try? encoder.encode(error)) ?? Data("{\"kind\":\"failed\",\"message\":\"\"}".utf8))
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }

    static func hello(_ hello: BrokerHello) -> Data {
        var line = (try? encoder.encode(hello)) ?? Data("{}".utf8)
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The id an answer line starts with, read without parsing the rest; nil when the
    /// line is not one this broker wrote (then the client parses it whole).
    static func leadingID(_ line: some Collection<UInt8>) -> Int64?? {
        let prefix = Array("{\"id\":".utf8)
        guard line.starts(with: prefix) else { return nil }
        var rest = line.dropFirst(prefix.count)
        if rest.starts(with: Array("null,".utf8)) { return .some(nil) }
        var value: Int64 = 0
        var negative = false
        if rest.first == UInt8(ascii: "-") {
            negative = true
            rest = rest.dropFirst()
        }
        var digits = 0
        while let byte = rest.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            digits += 1
            rest = rest.dropFirst()
        }
        guard digits > 0, rest.first == UInt8(ascii: ",") else { return nil }
        return .some(negative ? -value : value)
    }

    /// One answer line read whole.
    struct Answer<Value: Decodable>: Decodable {
        var id: Int64?
        var result: Value?
        var error: BrokerError?
    }

    /// Just the id of an answer line.
    struct Head: Decodable {
        var id: Int64?
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}
