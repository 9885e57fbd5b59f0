import Foundation
import MCP

/// Carries a tool call's arguments past the MCP library exactly as the client sent them.
/// The library decodes every string shaped like a `data:` URL into bytes and cannot give
/// the string back (a file's content `data: [1, 2]` would arrive changed), so the
/// transport replaces the arguments by one string member holding their JSON text, and
/// the tool handler reads them back from it.
public enum ArgumentEnvelope {
    /// The one member of a wrapped `arguments` object.
    public static let key = "airlock.raw_arguments"

    /// A message as read, and the id of the request it is (its JSON text), if it is one.
    public struct Message: Sendable {
        public var data: Data
        public var requestID: String?
    }

    /// `data` with a `tools/call` request's arguments wrapped; anything else unchanged.
    public static func wrapping(_ data: Data) -> Message {
        guard case .object(var message)? = try? JSONValue(json: data), case .string(let method)? = message["method"] else {
            return Message(data: data, requestID: nil)
        }
        let id = message["id"].map { $0.jsonText() }
        guard method == CallTool.name, case .object(var params)? = message["params"], let arguments = params["arguments"] else {
            return Message(data: data, requestID: id)
        }
        params["arguments"] = .object([key: .string(arguments.jsonText())])
        message["params"] = .object(params)
        return Message(data: Data(JSONValue.object(message).jsonText().utf8), requestID: id)
    }

    /// The arguments a handler was given, unwrapped; a value the library changed (a
    /// `data:` URL string that came another way than through `LineTransport`) is refused.
    public static func unwrap(_ arguments: [String: Value]?) -> Result<JSONValue?, ToolArgumentError> {
        guard let arguments else { return .success(nil) }
        if arguments.count == 1, case .string(let text)? = arguments[key] {
            do {
                return .success(try JSONValue(json: Data(text.utf8)))
            } catch {
                return .failure(ToolArgumentError(nil, "the arguments are not valid JSON"))
            }
        }
        var members: [String: JSONValue] = [:]
        for (name, value) in arguments {
            guard let converted = JSONValue(mcp: value) else {
                return .failure(ToolArgumentError(name, "argument `\(name)`: a string shaped like a data: URL cannot be read back exactly here"))
            }
            members[name] = converted
        }
        return .success(.object(members))
    }

    /// The id of the response in `data` (a message the server writes), as JSON text.
    static func answeredID(_ data: Data) -> String? {
        // The library writes sorted keys: a result starts with its id.
        let head = Data(#"{"id":"#.utf8)
        if data.starts(with: head), let id = leadingID(data.prefix(512)) { return id }
        guard case .object(let message)? = try? JSONValue(json: data), message["method"] == nil else { return nil }
        return message["id"].map { $0.jsonText() }
    }

    /// The first `"id": <number or string>` in `prefix`, as JSON text.
    static func leadingID(_ prefix: Data) -> String? {
        let bytes = [UInt8](prefix)
        let key = Array(#""id""#.utf8)
        guard bytes.count > key.count else { return nil }
        for start in 0...(bytes.count - key.count) where bytes[start..<(start + key.count)].elementsEqual(key) {
            var index = start + key.count
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { continue }
            index += 1
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            var end = index
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                end += 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                end += 1
            } else {
                while end < bytes.count, bytes[end] == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            }
            guard end <= bytes.count, end > index, let value = try? JSONValue(json: Data(bytes[index..<end])) else { return nil }
            switch value {
            case .integer, .string: return value.jsonText()
            default: return nil
            }
        }
        return nil
    }
}
