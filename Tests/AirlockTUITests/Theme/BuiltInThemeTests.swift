import AirlockCore
import Foundation
import Testing

@testable import AirlockTUI

@Suite("Built-in themes")
struct BuiltInThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test func theEmbeddedTextsAreTheFilesInThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(BuiltInThemes.names))
        for name in BuiltInThemes.names {
            let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent("\(name).toml"), encoding: .utf8)
            #expect(BuiltInThemes.texts[name] == text, "themes/\(name).toml differs from BuiltInThemes.swift: run themes/embed.sh")
        }
    }

    @Test(arguments: BuiltInThemes.names)
    func everyBuiltInThemeParsesAndStylesEveryRole(name: String) throws {
        let text = try #require(BuiltInThemes.texts[name])
        let theme = try Theme.parse(text, file: "themes/\(name).toml", name: name, fallback: nil)
        #expect(Set(theme.roles.keys) == Set(StyleRole.allCases), "themes/\(name).toml leaves roles out")
        #expect(!theme.summary.isEmpty)
        #expect(theme.selection != CellStyle())
        #expect(try ThemeCatalog(userDirectory: nil).theme(named: name) == theme)
    }

    @Test func theMonochromeThemeHasNoColour() {
        let styles = Theme.monochrome.roles.values + [Theme.monochrome.selection]
        #expect(styles.allSatisfy { $0.foreground == nil && $0.background == nil })
        #expect(Theme.monochrome.roles.count == StyleRole.allCases.count)
    }

    /// On a terminal without colour, states must differ by attributes alone.
    @Test(arguments: [
        [StyleRole.stateWaiting, .stateApproved, .stateApplied, .stateRejected, .stateProblem, .stateClosed],
        [.agentWorking, .agentWaiting, .agentBlocked, .agentIdle, .agentExited, .agentError, .agentStale],
        [.severityCritical, .severityHigh, .severityMedium, .severityLow, .severityInfo],
        [.passed, .failed, .warning],
        [.diffContext, .diffAdded, .diffRemoved, .diffHunkHeader, .diffFileHeader],
        [.diffChosen, .diffNotChosen],
        [.border, .borderFocused],
        [.title, .titleFocused],
    ])
    func statesStayApartWithoutColour(roles: [StyleRole]) {
        let looks = roles.map { Theme.default.terminalStyle(for: $0, selected: false, depth: .none) }
        #expect(Set(looks).count == roles.count, "\(roles) share a look without colour")
        #expect(looks.allSatisfy { $0.foreground == -1 && $0.background == -1 })
    }

    @Test(arguments: StyleRole.allCases)
    func aSelectedCellLooksDifferentWithoutColour(role: StyleRole) {
        #expect(
            Theme.default.terminalStyle(for: role, selected: true, depth: .none)
                != Theme.default.terminalStyle(for: role, selected: false, depth: .none))
    }
}
