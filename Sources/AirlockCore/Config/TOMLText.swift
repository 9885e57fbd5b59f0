import TOMLKit

/// TOML text read strictly, for the config and for themes: a NUL byte or a syntax error
/// is a `ConfigError` naming the file and line.
public enum TOMLText {
    public static func parse(_ text: String, file: String) throws(ConfigError) -> TOMLTable {
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].count { $0 == UInt8(ascii: "\n") } + 1
            throw ConfigError(file: file, line: line, "the file contains a NUL byte")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                "TOML syntax error: \(VisibleText.escape(error.description))")
        } catch {
            throw ConfigError(file: file, "TOML syntax error: \(VisibleText.escape(String(describing: error)))")
        }
    }
}
