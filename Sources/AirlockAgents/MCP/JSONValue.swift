import Foundation
import MCP

/// A JSON value as the agent sent it. The MCP library's own `Value` turns every string
/// that looks like a `data:` URL into bytes and writes them back as base64, which would
/// change a file's content or a patch on its way to the reviewer; arguments and results
/// go through this type instead, which keeps strings as they are.
public enum JSONValue: Equatable, Sendable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses JSON text.
    public init(json: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: json)
    }

    /// Any encodable value as JSON, strings kept exactly.
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self = try JSONValue(json: encoder.encode(value))
    }

    /// Compact JSON text with sorted keys.
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// An object's member; nil for anything else.
    public subscript(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The JSON type's name, for an error that says what was sent instead.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    // MARK: - the MCP library's values

    /// The same value for the MCP library, which writes `.string` back unchanged.
    public var mcpValue: Value {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .integer(let value): return Int(exactly: value).map(Value.int) ?? .double(Double(value))
        case .number(let value): return .double(value)
        case .string(let value): return .string(value)
        case .array(let values): return .array(values.map(\.mcpValue))
        case .object(let members): return .object(members.mapValues(\.mcpValue))
        }
    }

    /// A value the MCP library decoded; nil when it turned a string into bytes (a string
    /// shaped like a `data:` URL), which cannot be read back exactly.
    public init?(mcp value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .integer(Int64(value))
        case .double(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .data: return nil
        case .array(let values):
            var converted: [JSONValue] = []
            for value in values {
                guard let element = JSONValue(mcp: value) else { return nil }
                converted.append(element)
            }
            self = .array(converted)
        case .object(let members):
            var converted: [String: JSONValue] = [:]
            for (key, value) in members {
                guard let element = JSONValue(mcp: value) else { return nil }
                converted[key] = element
            }
            self = .object(converted)
        }
    }
}
