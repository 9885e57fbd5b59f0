import Foundation

/// JSON objects from agents are read strictly: a misspelt field (`old_string` for `old`)
/// is an error that names it, not a silently missing value.
enum StrictKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            stringValue = String(intValue)
            self.intValue = intValue
        }
    }

    static func check<Key: CodingKey>(_ decoder: any Decoder, allowed: [Key]) throws {
        let names = Set(allowed.map(\.stringValue))
        let container = try decoder.container(keyedBy: AnyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !names.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        let expected = allowed.map { "`\($0.stringValue)`" }.joined(separator: ", ")
        throw DecodingError.dataCorrupted(.init(
            codingPath: decoder.codingPath + [AnyKey(stringValue: first)],
            debugDescription: "unknown field (expected \(expected))"))
    }

    /// `edits[2].old: missing`: a decoding failure named by the field it concerns.
    static func describe(_ error: DecodingError, json: [UInt8]) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(fieldPath(context.codingPath + [key])): missing"
        case .valueNotFound(let type, let context):
            return "\(fieldPath(context.codingPath)): null, expected \(typeName(type))"
        case .typeMismatch(let type, let context):
            return "\(fieldPath(context.codingPath)): expected \(typeName(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return "not valid JSON" + (syntaxDetail(json).map { ": \($0)" } ?? "")
            }
            return "\(fieldPath(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// JSONDecoder on Linux says only "not valid JSON"; JSONSerialization says where.
    private static func syntaxDetail(_ json: [UInt8]) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(json), options: [.fragmentsAllowed])
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        }
    }

    static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "request" : text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: String(describing: type)
        }
    }
}
