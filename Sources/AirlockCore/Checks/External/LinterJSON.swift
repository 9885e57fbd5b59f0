import Foundation

/// A linter's JSON report as a tree. JSONSerialization reads it: it bounds nesting (512
/// levels, so a hostile report cannot exhaust the stack) and says where a syntax error
/// is; JSONDecoder would take five times as long on a large report.
enum LinterJSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([LinterJSON])
    case object([String: LinterJSON])

    /// The document's root, named for errors by `format` and `source`.
    static func parse(_ bytes: [UInt8], format: ExternalFindingsFormat, source: String?) throws(ExternalFindingsError) -> Node {
        let origin = Node.Origin(format: format, source: source)
        let any: Any
        do {
            any = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw ExternalFindingsError(format: format, source: source, path: "", reason: "not valid JSON" + (detail.map { ": \($0)" } ?? ""))
        }
        guard let value = convert(any) else {
            throw ExternalFindingsError(format: format, source: source, path: "", reason: "not valid JSON")
        }
        return Node(value: value, path: "", origin: origin)
    }

    private static let booleanType = ObjectIdentifier(type(of: NSNumber(value: true)))

    private static func convert(_ any: Any) -> LinterJSON? {
        switch any {
        case is NSNull:
            return .null
        case let text as String:
            return .string(text)
        case let number as NSNumber:
            // Foundation hands out one class for true and false; numbers are others.
            return ObjectIdentifier(type(of: number)) == booleanType ? .bool(number.boolValue) : .number(number.doubleValue)
        case let items as [Any]:
            var converted: [LinterJSON] = []
            converted.reserveCapacity(items.count)
            for item in items {
                guard let value = convert(item) else { return nil }
                converted.append(value)
            }
            return .array(converted)
        case let members as [String: Any]:
            var converted: [String: LinterJSON] = [:]
            converted.reserveCapacity(members.count)
            for (key, item) in members {
                guard let value = convert(item) else { return nil }
                converted[key] = value
            }
            return .object(converted)
        default:
            return nil
        }
    }

    /// What a message calls this kind of value.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

// MARK: - reading with paths

extension LinterJSON {
    /// A value and where it is in the document, so that every complaint names its place:
    /// `runs[0].results[3].locations: expected an array, found a string`.
    struct Node {
        struct Origin {
            var format: ExternalFindingsFormat
            var source: String?
        }

        let value: LinterJSON
        let path: String
        let origin: Origin

        func failure(_ reason: String) -> ExternalFindingsError {
            ExternalFindingsError(format: origin.format, source: origin.source, path: path, reason: reason)
        }

        private func mismatch(_ expected: String) -> ExternalFindingsError {
            failure("expected \(expected), found \(value.kind)")
        }

        /// The member `key` of this object; nil when it is absent or null.
        func member(_ key: String) throws(ExternalFindingsError) -> Node? {
            guard case .object(let members) = value else { throw mismatch("an object") }
            guard let child = members[key], child != .null else { return nil }
            return Node(value: child, path: Self.join(path, key), origin: origin)
        }

        /// The member `key`, which must be there.
        func required(_ key: String) throws(ExternalFindingsError) -> Node {
            guard let child = try member(key) else {
                throw ExternalFindingsError(format: origin.format, source: origin.source, path: Self.join(path, key), reason: "missing")
            }
            return child
        }

        /// This object, checked to be one.
        func object() throws(ExternalFindingsError) -> Node {
            guard case .object = value else { throw mismatch("an object") }
            return self
        }

        func elements() throws(ExternalFindingsError) -> [Node] {
            guard case .array(let items) = value else { throw mismatch("an array") }
            return items.enumerated().map { Node(value: $0.element, path: "\(path)[\($0.offset)]", origin: origin) }
        }

        func string() throws(ExternalFindingsError) -> String {
            guard case .string(let text) = value else { throw mismatch("a string") }
            return text
        }

        /// A whole number in `range`.
        func integer(in range: ClosedRange<Int> = 0...Int(Int32.max)) throws(ExternalFindingsError) -> Int {
            guard case .number(let number) = value, number.rounded() == number, Double(range.lowerBound) <= number,
                number <= Double(range.upperBound)
            else {
                if case .number(let number) = value {
                    throw failure("expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(Self.format(number))")
                }
                throw mismatch("a whole number")
            }
            return Int(number)
        }

        /// `runs[0].tool`, `properties["security-severity"]`.
        private static func join(_ path: String, _ key: String) -> String {
            let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || $0 == "_" }
            if plain { return path.isEmpty ? key : "\(path).\(key)" }
            var quoted: [UInt8] = []
            CanonicalJSON.appendString(VisibleText.escape(key), to: &quoted)
            return "\(path)[\(String(decoding: quoted, as: UTF8.self))]"
        }

        private static func format(_ number: Double) -> String {
            number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        }
    }
}
