import Testing
@testable import AirlockCore

/// The XML reader on its own: what it reads, and every way a hostile or broken file is refused.
@Suite("XMLReader")
struct XMLReaderTests {
    private func parse(_ text: String) throws(XMLReader.Failure) -> XMLTree {
        try XMLReader.parse(Array(text.utf8))
    }

    private func failure(_ text: String) -> XMLReader.Failure? {
        failure(Array(text.utf8))
    }

    private func failure(_ bytes: [UInt8]) -> XMLReader.Failure? {
        do {
            _ = try XMLReader.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - What it reads

    @Test func elementsAttributesTextAndNesting() throws {
        let tree = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment before the root -->
            <a x="1" y='two'>
              <b>text<c/>more</b>
              <?processing instruction?>
              <b z = "3" />
            </a>
            <!-- and one after -->
            """)
        #expect(tree.root.name == "a")
        #expect(tree.root.attributes == ["x": "1", "y": "two"])
        #expect(tree.root.children.map(\.name) == ["b", "b"])
        #expect(tree.root.children[0].text == "textmore")
        #expect(tree.root.children[0].children.map(\.name) == ["c"])
        #expect(tree.root.children[1].attributes == ["z": "3"])
        #expect(tree.location(of: tree.root.children[1].offset) == (line: 6, column: 3))
    }

    @Test func entitiesCharacterReferencesAndCDATA() throws {
        let tree = try parse(#"<m a="&lt;&amp;&gt;&quot;&apos; &#8594;&#x1F600;">&lt;x&gt; &#65;&#x42; <![CDATA[<raw> & ]] stays]]></m>"#)
        #expect(tree.root.attributes["a"] == "<&>\"' →😀")
        #expect(tree.root.text == "<x> AB <raw> & ]] stays")
    }

    @Test func lineEndsAreNormalisedAndAttributeWhitespaceBecomesSpaces() throws {
        let tree = try parse("<m a=\"one\r\ntwo\tthree&#10;four\">x\r\ny\rz</m>")
        #expect(tree.root.attributes["a"] == "one two three\nfour")
        #expect(tree.root.text == "x\ny\nz")
    }

    @Test func aByteOrderMarkIsSkippedAndLatin1IsTranscoded() throws {
        let bom = try XMLReader.parse([0xEF, 0xBB, 0xBF] + Array("<r>é</r>".utf8))
        #expect(bom.root.text == "é")
        let latin1 = try XMLReader.parse(Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>".utf8) + [0xE9] + Array("</r>".utf8))
        #expect(latin1.root.text == "é")
    }

    @Test func aDoctypeWithoutEntitiesIsSkippedUnread() throws {
        let tree = try parse(#"<!DOCTYPE r SYSTEM "http://example.com/never-fetched.dtd" [ <!ELEMENT r (#PCDATA)> ]><r>ok</r>"#)
        #expect(tree.root.text == "ok")
    }

    @Test func textIsKeptAsDataWhateverItHolds() throws {
        // Escapes and invalid UTF-8 are data here; escaping them is the renderer's job.
        let tree = try XMLReader.parse(Array("<r a=\"\u{1B}[31m\">\u{1B}]0;title\u{07}".utf8) + [0xFF] + Array("</r>".utf8))
        #expect(tree.root.attributes["a"] == "\u{1B}[31m")
        #expect(tree.root.text == "\u{1B}]0;title\u{07}\u{FFFD}")
        #expect(!VisibleText.escape(tree.root.text).contains("\u{1B}"))
    }

    // MARK: - Hostile files

    @Test func billionLaughsIsRefusedBeforeAnyExpansion() {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <testsuites>&lol3;</testsuites>
            """
        let refused = failure(laughs)
        #expect(refused?.reason.contains("declares entities") == true)
        #expect(refused?.line == 3)
    }

    @Test func anEntityHiddenBehindAStrayQuoteIsStillRefused() {
        let sneaky = "<!DOCTYPE r [ <!-- it's --> <!ENTITY x SYSTEM \"file:///etc/passwd\"> <!-- ' --> ]><r>&x;</r>"
        #expect(failure(sneaky)?.reason.contains("declares entities") == true)
    }

    @Test func anUndeclaredEntityIsRefusedNotExpanded() {
        let refused = failure("<r>\n  &xxe;</r>")
        #expect(refused?.reason.contains("&xxe;") == true)
        #expect(refused?.line == 2)
        #expect(refused?.column == 3)
    }

    @Test func deepNestingIsCappedWithoutRecursion() {
        let depth = 100_000
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let refused = failure(text)
        #expect(refused?.reason.contains("nested deeper than \(XMLReader.maximumDepth)") == true)
        let allowed = String(repeating: "<a>", count: XMLReader.maximumDepth) + String(repeating: "</a>", count: XMLReader.maximumDepth)
        #expect(failure(allowed) == nil)
    }

    @Test func badCharacterReferencesAreRefused() {
        for reference in ["&#0;", "&#xD800;", "&#x110000;", "&#+65;", "&#x;", "&#99999999999999;", "& ", "&amp"] {
            #expect(failure("<r>\(reference)</r>") != nil, "\(reference) was accepted")
        }
    }

    @Test(arguments: [
        ("", "the file is empty", 1),
        ("  \n ", "the file is empty", 2),
        ("not xml at all", "text before the root element", 1),
        ("<a><b></a>", "</a> closes <b>", 1),
        ("<a>\n<b>", "the file ends inside <b> (opened at line 2)", 2),
        ("<a x=\"1\" x=\"2\"/>", "appears twice", 1),
        ("<a x=1/>", "must be quoted", 1),
        ("<a x=\"<\"/>", "`<` inside an attribute value", 1),
        ("<a/><b/>", "content after the root element", 1),
        ("<a/>trailing", "content after the root element", 1),
        ("<a><!-- never closed </a>", "a comment that never ends", 1),
        ("<a><![CDATA[ open </a>", "a CDATA section that never ends", 1),
        ("<a x=\"1\"y=\"2\"/>", "expected a space", 1),
        ("</a>", "closes nothing", 1),
        ("<a><!DOCTYPE x></a>", "a declaration inside the document", 1),
    ])
    func malformedDocumentsSayWhereAndWhy(_ text: String, _ reason: String, _ line: Int) {
        let refused = failure(text)
        #expect(refused?.reason.contains(reason) == true, "\(String(describing: refused))")
        #expect(refused?.line == line)
    }

    @Test func utf16AndUnknownEncodingsAreRefused() {
        #expect(failure([0xFF, 0xFE, 0x3C, 0x00])?.reason.contains("UTF-16") == true)
        #expect(failure([0x3C, 0x00, 0x61, 0x00])?.reason.contains("UTF-16") == true)
        #expect(failure("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><r/>")?.reason.contains("Shift_JIS") == true)
    }

    @Test func aHugeFlatDocumentIsReadInLinearTime() throws {
        // 50,000 siblings and a 1 MB text: a quadratic step would take hours here, while the
        // generous bound leaves room for a debug build on a busy machine.
        let text = "<r>" + String(repeating: "<c a=\"1\">x</c>", count: 50_000) + String(repeating: "y", count: 1_000_000) + "</r>"
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let tree = try parse(text)
            #expect(tree.root.children.count == 50_000)
            #expect(tree.root.text.utf8.count == 1_000_000)
        }
        #expect(elapsed < .seconds(60))
    }
}
