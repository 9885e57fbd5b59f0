import AirlockCore

/// One argument of a tool: its JSON type, its limits and what it means. The same table
/// gives the input schema the client sees and the checks the server makes itself, so
/// the two cannot drift apart.
public struct ToolParameter: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Text of at most `maxBytes` UTF-8 bytes; `allowEmpty` false refuses "".
        case string(maxBytes: Int, allowEmpty: Bool)
        case integer(ClosedRange<Int64>)
        case number(ClosedRange<Double>)
        case boolean
        /// One of these words.
        case choice([String])
        /// Plan items `{text, status}`, or text with one item a line (`[x] done`).
        case plan
    }

    public var name: String
    public var kind: Kind
    public var isRequired: Bool
    public var summary: String

    public init(_ name: String, _ kind: Kind, required: Bool = false, _ summary: String) {
        self.name = name
        self.kind = kind
        self.isRequired = required
        self.summary = summary
    }

    /// The most plan items one report may carry, and the longest item.
    public static let planItemLimit = 200
    public static let planTextLimit = 1024

    // MARK: - schema

    /// This argument's JSON Schema.
    public var schema: JSONValue {
        var schema: [String: JSONValue] = ["description": .string(summary)]
        switch kind {
        case .string(let maxBytes, let allowEmpty):
            schema["type"] = .string("string")
            // JSON Schema counts characters; a byte limit is at least that many characters.
            schema["maxLength"] = .integer(Int64(maxBytes))
            if !allowEmpty { schema["minLength"] = .integer(1) }
        case .integer(let range):
            schema["type"] = .string("integer")
            schema["minimum"] = .integer(range.lowerBound)
            schema["maximum"] = .integer(range.upperBound)
        case .number(let range):
            schema["type"] = .string("number")
            schema["minimum"] = .number(range.lowerBound)
            schema["maximum"] = .number(range.upperBound)
        case .boolean:
            schema["type"] = .string("boolean")
        case .choice(let words):
            schema["type"] = .string("string")
            schema["enum"] = .array(words.map(JSONValue.string))
        case .plan:
            let item: JSONValue = .object([
                "type": .string("object"),
                "properties": .object([
                    "text": .object(["type": .string("string"), "minLength": .integer(1), "maxLength": .integer(Int64(Self.planTextLimit))]),
                    "status": .object(["type": .string("string"), "enum": .array(Self.planStatuses.map(JSONValue.string))]),
                ]),
                "required": .array([.string("text"), .string("status")]),
                "additionalProperties": .bool(false),
            ])
            schema["anyOf"] = .array([
                .object(["type": .string("array"), "items": item, "maxItems": .integer(Int64(Self.planItemLimit))]),
                .object(["type": .string("string"), "maxLength": .integer(Int64(Self.planItemLimit * (Self.planTextLimit + 8)))]),
            ])
        }
        return .object(schema)
    }

    static let planStatuses = ["pending", "in_progress", "completed"]
}

/// A tool's arguments did not match its schema: the text names the argument.
public struct ToolArgumentError: Error, Equatable, CustomStringConvertible {
    /// The argument at fault, when one is.
    public var argument: String?
    public var message: String

    public init(_ argument: String?, _ message: String) {
        self.argument = argument
        self.message = message
    }

    public var description: String { message }
}

// MARK: - checking one value

extension ToolParameter {
    /// `value` checked against this parameter; the plan comes back as items.
    func check(_ value: JSONValue) throws(ToolArgumentError) -> JSONValue {
        let label = "argument `\(name)`"
        switch kind {
        case .string(let maxBytes, let allowEmpty):
            guard case .string(let text) = value else { throw mistyped("a string", value) }
            if text.utf8.count > maxBytes { throw ToolArgumentError(name, "\(label) is \(text.utf8.count) bytes, over the limit of \(maxBytes) bytes") }
            if !allowEmpty && text.isEmpty { throw ToolArgumentError(name, "\(label) must not be empty") }
            return value
        case .integer(let range):
            let number: Int64
            switch value {
            case .integer(let whole): number = whole
            case .number(let real) where real.rounded() == real && abs(real) < 9e15: number = Int64(real)
            default: throw mistyped("an integer", value)
            }
            guard range.contains(number) else { throw ToolArgumentError(name, "\(label) must be between \(range.lowerBound) and \(range.upperBound), not \(number)") }
            return .integer(number)
        case .number(let range):
            let number: Double
            switch value {
            case .integer(let whole): number = Double(whole)
            case .number(let real): number = real
            default: throw mistyped("a number", value)
            }
            guard number.isFinite, range.contains(number) else {
                throw ToolArgumentError(name, "\(label) must be between \(Self.figure(range.lowerBound)) and \(Self.figure(range.upperBound)), not \(number)")
            }
            return .number(number)
        case .boolean:
            guard case .bool = value else { throw mistyped("true or false", value) }
            return value
        case .choice(let words):
            guard case .string(let word) = value else { throw mistyped("one of: \(words.joined(separator: ", "))", value) }
            guard words.contains(word) else {
                throw ToolArgumentError(name, "\(label) must be one of: \(words.joined(separator: ", ")); not \(Self.quote(word))")
            }
            return value
        case .plan:
            return try checkPlan(value)
        }
    }

    private func checkPlan(_ value: JSONValue) throws(ToolArgumentError) -> JSONValue {
        let items: [PlanItem]
        switch value {
        case .string(let text):
            guard text.utf8.count <= Self.planItemLimit * (Self.planTextLimit + 8) else {
                throw ToolArgumentError(name, "argument `\(name)` is \(text.utf8.count) bytes, too long for a plan")
            }
            items = PlanItem.parse(text)
        case .array(let elements):
            var parsed: [PlanItem] = []
            for (index, element) in elements.enumerated() {
                let at = "argument `\(name)[\(index)]`"
                guard case .object(let fields) = element else { throw ToolArgumentError(name, "\(at) must be an object {text, status}, not \(element.typeName)") }
                if let extra = fields.keys.sorted().first(where: { $0 != "text" && $0 != "status" }) {
                    throw ToolArgumentError(name, "\(at) has an unknown field \(Self.quote(extra)) (a plan item has text and status)")
                }
                guard case .string(let text)? = fields["text"], !text.isEmpty else { throw ToolArgumentError(name, "\(at).text must be a non-empty string") }
                guard case .string(let word)? = fields["status"], let status = PlanItem.Status(rawValue: word) else {
                    throw ToolArgumentError(name, "\(at).status must be one of: \(Self.planStatuses.joined(separator: ", "))")
                }
                parsed.append(PlanItem(text, status: status))
            }
            items = parsed
        default:
            throw mistyped("an array of {text, status} or text with one item a line", value)
        }
        guard items.count <= Self.planItemLimit else { throw ToolArgumentError(name, "argument `\(name)` has \(items.count) items, over the limit of \(Self.planItemLimit)") }
        if let long = items.firstIndex(where: { $0.text.utf8.count > Self.planTextLimit }) {
            throw ToolArgumentError(name, "argument `\(name)`: item \(long) is over \(Self.planTextLimit) bytes")
        }
        return .array(items.map { .object(["text": .string($0.text), "status": .string($0.status.rawValue)]) })
    }

    private func mistyped(_ wanted: String, _ value: JSONValue) -> ToolArgumentError {
        ToolArgumentError(name, "argument `\(name)` must be \(wanted), not \(value.typeName)")
    }

    /// Agent text in an error message, visible and short.
    static func quote(_ text: String) -> String {
        let shown = text.count > 64 ? String(text.prefix(64)) + "…" : text
        return "\"\(VisibleText.escape(shown))\""
    }

    private static func figure(_ number: Double) -> String {
        number.rounded() == number ? String(Int64(number)) : String(number)
    }
}
