import AirlockCore
import Foundation
import Testing

@testable import AirlockTUI

@Suite("Theme catalog")
struct ThemeCatalogTests {
    /// A user themes directory that disappears with the test.
    final class UserThemes {
        let path: String
        init(_ files: [String: String]) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-themes-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for (name, text) in files { try text.write(toFile: "\(path)/\(name)", atomically: true, encoding: .utf8) }
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var catalog: ThemeCatalog { ThemeCatalog(userDirectory: path) }
    }

    @Test func theUserDirectoryFollowsXDG() {
        #expect(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "/x/conf", "HOME": "/home/me"]) == "/x/conf/airlock/themes")
        #expect(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/me"]) == "/home/me/.config/airlock/themes")
        #expect(ThemeCatalog.userDirectory(environment: ["HOME": "/home/me"]) == "/home/me/.config/airlock/themes")
        #expect(ThemeCatalog.userDirectory(environment: [:]) == nil)
    }

    @Test func aUserThemeComesBeforeTheBuiltInOneOfItsName() throws {
        let user = try UserThemes(["light.toml": "description = \"my light\"\n[roles]\nerror = { fg = \"blue\" }\n"])
        let theme = try user.catalog.theme(named: "light")
        #expect(theme.summary == "my light")
        #expect(theme.roles[.error] == CellStyle(foreground: .ansi(4)))
        // Left out: from the default theme, not from the built-in light one.
        #expect(theme.roles[.text] == Theme.default.roles[.text])
        #expect(try ThemeCatalog(userDirectory: nil).theme(named: "light").summary == "Light background")
    }

    @Test func theListMarksUserThemesAndTheirProblems() throws {
        let user = try UserThemes([
            "mine.toml": "description = \"mine\"\n",
            "light.toml": "description = \"my light\"\n",
            "broken.toml": "[roles]\ntext = { fg = \"purple\" }\n",
            "notes.txt": "not a theme",
            "bad name.toml": "",
        ])
        let entries = user.catalog.list()
        #expect(entries.map(\.name) == ["broken", "default", "high-contrast", "light", "mine", "monochrome", "solarized-dark"])
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        #expect(byName["default"]?.origin == .builtIn)
        #expect(byName["light"]?.origin == .user(path: "\(user.path)/light.toml", shadowsBuiltIn: true))
        #expect(byName["mine"]?.origin == .user(path: "\(user.path)/mine.toml", shadowsBuiltIn: false))
        #expect(byName["mine"]?.problem == nil)
        let problem = try #require(byName["broken"]?.problem)
        #expect(problem.file == "\(user.path)/broken.toml" && problem.line == 2 && problem.field == "roles.text.fg")
    }

    @Test func aBrokenOrUnknownThemeGivesTheDefaultAndSaysWhy() throws {
        let user = try UserThemes(["broken.toml": "[roles\n"])
        let broken = user.catalog.themeOrDefault(named: "broken")
        #expect(broken.theme == .default)
        #expect(broken.problem?.line == 1)
        let unknown = user.catalog.themeOrDefault(named: "nope")
        #expect(unknown.theme == .default)
        #expect(unknown.problem?.message.contains("no such theme") == true)
        #expect(unknown.problem?.message.contains("broken") == true)
    }

    @Test(arguments: ["../../etc/passwd", "a/b", "", ".hidden", "x.toml", String(repeating: "a", count: 65), "dark\u{1b}"])
    func aNameThatIsNotAThemeNameReadsNoFile(name: String) throws {
        let user = try UserThemes([:])
        #expect(throws: ConfigError.self) { _ = try user.catalog.theme(named: name) }
        #expect(!ThemeCatalog.isValidName(name))
    }

    @Test func anOversizedOrNonUTF8ThemeFileIsRefused() throws {
        let user = try UserThemes(["big.toml": String(repeating: "# padding\n", count: 30_000)])
        try Data([0x23, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: "\(user.path)/latin.toml"))
        #expect(user.catalog.themeOrDefault(named: "big").problem?.message.contains("larger than") == true)
        #expect(user.catalog.themeOrDefault(named: "latin").problem?.message.contains("UTF-8") == true)
    }
}
