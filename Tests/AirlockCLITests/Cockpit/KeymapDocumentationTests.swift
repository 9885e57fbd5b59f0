import AirlockTUI
import Foundation
import Testing

/// README's key section is the keymap table, so the two cannot drift apart.
@Suite("Keymap documentation")
struct KeymapDocumentationTests {
    @Test func readmeKeysAreTheKeymapTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- keys: generated from Keymap.tables -->\n"))
        let end = try #require(readme.range(of: "<!-- /keys -->", range: start.upperBound..<readme.endIndex))
        let documented = String(readme[start.upperBound..<end.lowerBound])
        #expect(documented == Keymap.markdown(), "README's key section should read:\n\(Keymap.markdown())")
    }

    @Test func noKeyIsBoundTwiceInOnePane() {
        for (context, table) in Keymap.tables {
            let keys = table.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context) binds a key twice")
            // A pane's key must not hide a global one by accident: only the listed ones may.
            let global = Set((Keymap.tables[.global] ?? []).flatMap(\.keys))
            if context != .global {
                #expect(global.isDisjoint(with: keys), "\(context) shadows a global key")
            }
        }
    }

    @Test func deciderKeysAreMarkedAsDeciding() {
        for table in Keymap.tables.values {
            for binding in table where [.approve, .reject, .revert].contains(binding.action) {
                #expect(binding.decides, "\(binding.name) must be disabled for look-only reviewers")
            }
        }
    }
}
