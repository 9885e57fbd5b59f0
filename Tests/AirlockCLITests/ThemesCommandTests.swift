import Foundation
import Testing

/// `airlock themes` lists built-in and user themes, marks the chosen one and names what
/// is wrong with a broken one.
@Suite("airlock themes")
struct ThemesCommandTests {
    @Test func listsThemesMarksTheChosenOneAndReportsBrokenOnes() throws {
        let root = try CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let themes = root.appendingPathComponent("airlock/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "description = \"mine \\u001b[2J\"\n".write(to: themes.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "[roles]\nerror = { fg = \"purple\" }\n".write(to: themes.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": root.path]

        let listed = try CLIHarness.run(["themes", "--theme", "mine"], in: root, environment: environment)
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "your themes: \(themes.path)")
        #expect(lines.dropFirst().map { $0.dropFirst(2).split(separator: " ").first.map(String.init) ?? "" } == [
            "broken", "default", "high-contrast", "light", "mine", "monochrome", "solarized-dark",
        ])
        #expect(lines.filter { $0.hasPrefix("* ") }.count == 1)
        #expect(lines.contains("* mine            yours · mine \\x1b[2J"))
        #expect(lines.contains { $0.hasPrefix("  default") && $0.contains("built in · Dark background") })
        #expect(lines.contains("  broken          yours, broken: \(themes.path)/broken.toml:2: field roles.error.fg: expected a colour: black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, default, 0–255 or \"#rrggbb\"; got \"purple\""))
        #expect(!listed.stdout.contains("\u{1b}"))

        let broken = try CLIHarness.run(["themes", "--theme", "broken"], in: root, environment: environment)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("theme broken cannot be used, the cockpit would use default: \(themes.path)/broken.toml:2"))
        let unknown = try CLIHarness.run(["themes", "--theme", "../x"], in: root, environment: environment)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("not a theme name"))
    }

    @Test func theWorkspacesThemeIsTheChosenOne() throws {
        let fixture = try ReviewFixture(files: [:], config: "[cockpit]\ntheme = \"solarized-dark\"\n")
        let listed = try CLIHarness.run(["themes"], in: fixture.root, environment: ["XDG_CONFIG_HOME": fixture.root.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("* solarized-dark"), "\(listed.stdout)")
        #expect(listed.stdout.contains("  default"))
    }
}
