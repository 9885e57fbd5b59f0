import MCP

/// One tool as the client lists it, with the parameters it is checked against.
public struct ToolSpec: Sendable {
    public var name: String
    public var title: String
    public var summary: String
    public var parameters: [ToolParameter]
    /// It only reads (status, listing, waiting).
    public var readsOnly: Bool

    public init(_ name: String, title: String, readsOnly: Bool = false, _ summary: String, parameters: [ToolParameter]) {
        self.name = name
        self.title = title
        self.readsOnly = readsOnly
        self.summary = summary
        self.parameters = parameters
    }

    /// The input schema: an object of exactly these properties.
    public var inputSchema: JSONValue {
        .object([
            "type": .string("object"),
            "properties": .object(Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.schema) })),
            "required": .array(parameters.filter(\.isRequired).map { .string($0.name) }),
            "additionalProperties": .bool(false),
        ])
    }

    /// The tool as the MCP library lists it.
    public var mcpTool: Tool {
        Tool(
            name: name, title: title, description: summary, inputSchema: inputSchema.mcpValue,
            annotations: .init(title: title, readOnlyHint: readsOnly, destructiveHint: false, idempotentHint: readsOnly, openWorldHint: false))
    }

    /// The arguments checked against the parameters: an object with no unknown member,
    /// every required one present, each of its type and within its limits. A null
    /// stands for an optional argument left out, as many clients send it.
    public func check(_ arguments: JSONValue?) throws(ToolArgumentError) -> ToolInput {
        let members: [String: JSONValue]
        switch arguments {
        case nil, .null?: members = [:]
        case .object(let given)?: members = given
        case let other?: throw ToolArgumentError(nil, "\(name): the arguments must be an object, not \(other.typeName)")
        }
        let known = Set(parameters.map(\.name))
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            let takes = parameters.map(\.name).joined(separator: ", ")
            throw ToolArgumentError(unknown, "\(name): unknown argument \(ToolParameter.quote(unknown)) (it takes: \(takes))")
        }
        var checked: [String: JSONValue] = [:]
        for parameter in parameters {
            switch members[parameter.name] {
            case nil, .null?:
                if parameter.isRequired { throw ToolArgumentError(parameter.name, "\(name): missing argument `\(parameter.name)`: \(parameter.summary)") }
            case let value?:
                do {
                    checked[parameter.name] = try parameter.check(value)
                } catch {
                    throw ToolArgumentError(error.argument, "\(name): \(error.message)")
                }
            }
        }
        return ToolInput(values: checked)
    }
}

/// A tool's arguments after `ToolSpec.check`: each present one has its parameter's type.
public struct ToolInput: Sendable, Equatable {
    public var values: [String: JSONValue]

    public func string(_ name: String) -> String? {
        if case .string(let text)? = values[name] { return text }
        return nil
    }

    public func integer(_ name: String) -> Int64? {
        if case .integer(let number)? = values[name] { return number }
        return nil
    }

    public func number(_ name: String) -> Double? {
        if case .number(let number)? = values[name] { return number }
        return nil
    }

    public func bool(_ name: String) -> Bool? {
        if case .bool(let flag)? = values[name] { return flag }
        return nil
    }
}
