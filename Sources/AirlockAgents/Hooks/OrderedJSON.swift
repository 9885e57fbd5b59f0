import AirlockCore

/// A JSON value that keeps its objects' key order and its numbers' text, so a settings
/// file Airlock merges into comes back with the user's keys where they were.
public enum OrderedJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number as written.
    case number(String)
    case string(String)
    case array([OrderedJSON])
    /// Members in the order they were written.
    case object([(key: String, value: OrderedJSON)])

    public static func == (a: OrderedJSON, b: OrderedJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    // MARK: - Reading members

    /// The member `key` of an object (the last one, as JavaScript reads duplicates).
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var array: [OrderedJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var members: [(key: String, value: OrderedJSON)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// What kind of value this is, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The object with `key` set to `value` (replaced in place, or appended).
    public func setting(_ key: String, to value: OrderedJSON) -> OrderedJSON {
        var members = self.members ?? []
        if let index = members.lastIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }

    /// The object without `key`.
    public func removing(_ key: String) -> OrderedJSON {
        .object((members ?? []).filter { $0.key != key })
    }

    // MARK: - Writing

    /// Pretty-printed with `indentUnit` spaces a level: two as the agents write their own
    /// settings files, one as Jupyter writes notebooks.
    public func text(indentUnit: Int = 2) -> String {
        var out = ""
        write(to: &out, indent: 0, unit: indentUnit)
        return out
    }

    private func write(to out: inout String, indent: Int, unit: Int) {
        let inner = String(repeating: " ", count: indent + unit), closing = String(repeating: " ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): out += Self.quoted(text)
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(to: &out, indent: indent + unit, unit: unit)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += closing + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner + Self.quoted(member.key) + ": "
                member.value.write(to: &out, indent: indent + unit, unit: unit)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += closing + "}"
        }
    }

    /// A JSON string literal: control characters escaped, everything else as it is.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        CanonicalJSON.appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
