import AirlockCore
import Testing

@testable import AirlockTUI

@Suite("Theme files")
struct ThemeParsingTests {
    @Test func aStyleReadsNamesIndexesHexAndAttributes() throws {
        let theme = try Theme.parse(
            """
            description = "mine"
            [selection]
            bg = 24
            [roles]
            error = { fg = "bright-red", bg = "default", attrs = ["bold", "underline"] }
            diff_added = { fg = "#00Ff7f" }
            border = { fg = 244, attrs = ["dim", "italic", "reverse"] }
            """, file: "mine.toml", name: "mine")
        #expect(theme.name == "mine")
        #expect(theme.summary == "mine")
        #expect(theme.roles[.error] == CellStyle(foreground: .ansi(9), background: .terminalDefault, attributes: [.bold, .underline]))
        #expect(theme.roles[.diffAdded] == CellStyle(foreground: .rgb(red: 0, green: 255, blue: 127)))
        #expect(theme.roles[.border] == CellStyle(foreground: .indexed(244), attributes: [.dim, .italic, .reverse]))
        #expect(theme.selection == CellStyle(background: .indexed(24)))
    }

    @Test func rolesLeftOutComeFromTheDefaultTheme() throws {
        let theme = try Theme.parse("[roles]\nerror = { fg = \"blue\" }\n", file: "t.toml", name: "t")
        #expect(theme.roles[.error] == CellStyle(foreground: .ansi(4)))
        #expect(theme.roles[.diffAdded] == Theme.default.roles[.diffAdded])
        #expect(theme.roles[.diffAdded] != nil)
        #expect(theme.selection == Theme.default.selection)
        #expect(theme.summary == "")
    }

    @Test func roleKeysAreSnakeCaseNamesOfEveryRole() {
        #expect(Theme.key(of: .diffWordAdded) == "diff_word_added")
        #expect(Theme.key(of: .text) == "text")
        #expect(Set(StyleRole.allCases.map(Theme.key(of:))).count == StyleRole.allCases.count)
    }

    @Test func aSelectedCellTakesTheSelectionOverItsRole() {
        let theme = Theme(
            name: "t", roles: [.diffAdded: CellStyle(foreground: .ansi(2), attributes: [.bold]), .placeholder: CellStyle(attributes: [.reverse])],
            selection: CellStyle(background: .indexed(24), attributes: [.underline, .reverse]))
        #expect(theme.style(for: .diffAdded, selected: false) == CellStyle(foreground: .ansi(2), attributes: [.bold]))
        #expect(
            theme.style(for: .diffAdded, selected: true)
                == CellStyle(foreground: .ansi(2), background: .indexed(24), attributes: [.bold, .underline, .reverse]))
        // Reverse on reverse cancels, so a reversed cell still changes when selected.
        #expect(theme.style(for: .placeholder, selected: true).attributes == [.underline])
    }

    // MARK: - Errors

    @Test(arguments: [
        // (text, line, field, part of the message)
        ("[roles]\ntext = {}\n\ndiff_addded = { fg = \"green\" }\n", 4, "roles.diff_addded", "unknown role"),
        ("[roles]\nerror = { fg = \"purpl\" }\n", 2, "roles.error.fg", "expected a colour"),
        ("[roles]\nerror = { fg = \"#12345\" }\n", 2, "roles.error.fg", "expected a colour"),
        ("[roles]\nerror = { bg = 256 }\n", 2, "roles.error.bg", "0–255"),
        ("[roles.error]\nfg = \"red\"\nattrs = [\n  \"bold\",\n  \"blink\",\n]\n", 5, "roles.error.attrs[1]", "expected an attribute"),
        ("[roles]\nerror = { colour = \"red\" }\n", 2, "roles.error.colour", "unknown key"),
        ("[roles]\nerror = \"red\"\n", 2, "roles.error", "expected a table"),
        ("# a comment\nname = \"x\"\n", 2, "name", "unknown key"),
        ("[selection]\nattrs = \"bold\"\n", 2, "selection.attrs", "expected an array"),
        ("[roles.error]\nfg = \"red\"\nbg = true\n", 3, "roles.error.bg", "got a boolean"),
    ] as [(String, Int, String, String)])
    func aBrokenThemeNamesFileLineAndKey(text: String, line: Int, field: String, message: String) {
        #expect {
            _ = try Theme.parse(text, file: "/home/me/.config/airlock/themes/mine.toml", name: "mine")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.file == "/home/me/.config/airlock/themes/mine.toml" && error.line == line && error.field == field
                && error.message.contains(message)
                && error.description.hasPrefix("/home/me/.config/airlock/themes/mine.toml:\(line): field \(field): ")
        }
    }

    @Test func badTOMLNamesItsLine() {
        #expect {
            _ = try Theme.parse("[roles]\ntext = {}\nerror = { fg = \"red\" \n", file: "bad.toml", name: "bad")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.file == "bad.toml" && error.line == 3 && error.message.hasPrefix("TOML syntax error")
        }
    }

    @Test func theFirstProblemInTheFileIsReported() {
        #expect {
            _ = try Theme.parse("[roles]\ntext = { fg = \"nope\" }\nerror = { fg = \"nada\" }\n", file: "t.toml", name: "t")
        } throws: { error in
            (error as? ConfigError)?.line == 2
        }
    }

    @Test func hostileTextInAThemeFileIsShownEscaped() throws {
        #expect {
            _ = try Theme.parse("[roles]\n\"te\\u001b]0;x\\u0007\" = {}\n", file: "t\u{1b}[2J.toml", name: "t")
        } throws: { error in
            let text = (error as? ConfigError)?.description ?? ""
            return !text.unicodeScalars.contains { $0.value < 0x20 } && text.contains("\\x1b")
        }
        let theme = try Theme.parse("description = \"fine\\u001b[2J\"\n", file: "t.toml", name: "t")
        #expect(theme.summary == "fine\\x1b[2J")
    }
}
