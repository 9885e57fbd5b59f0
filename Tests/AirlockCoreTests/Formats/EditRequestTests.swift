import Testing
@testable import AirlockCore

@Suite("EditRequest: JSON for the CLI")
struct EditRequestTests {
    private func decodeFailure(_ json: String) -> String? {
        do {
            _ = try EditRequest.decode(json: bytes(json))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func decodesEditsAndWrites() throws {
        let request = try EditRequest.decode(json: bytes("""
            {"edits": [{"path": "a", "old": "x", "new": "y"}, {"path": "b", "old": "p", "new": "q", "replaceAll": true}],
             "writes": [{"path": "c", "content": "line\\r\\n"}]}
            """))
        #expect(request == EditRequest(
            edits: [Edit(path: "a", old: "x", new: "y"), Edit(path: "b", old: "p", new: "q", replaceAll: true)],
            writes: [FileWrite(path: "c", content: "line\r\n")]))
    }

    @Test func encodesAndDecodesBack() throws {
        let request = EditRequest(edits: [Edit(path: "a", old: "x", new: "y", replaceAll: false)], writes: nil)
        let json = try JSONEncoderForTests.encode(request)
        #expect(try EditRequest.decode(json: json) == request)
    }

    @Test func missingFieldIsNamed() {
        #expect(decodeFailure(#"{"edits": [{"path": "a", "old": "x", "new": "y"}, {"path": "b", "old": "x", "new": "y"}, {"path": "c", "new": "y"}]}"#)
            == "edits[2].old: missing")
        #expect(decodeFailure(#"{"writes": [{"path": "c"}]}"#) == "writes[0].content: missing")
    }

    @Test func wrongTypesAreNamed() {
        #expect(decodeFailure(#"{"edits": [{"path": "a", "old": "x", "new": "y", "replaceAll": "yes"}]}"#)
            == "edits[0].replaceAll: expected true or false")
        #expect(decodeFailure(#"{"edits": [{"path": 3, "old": "x", "new": "y"}]}"#) == "edits[0].path: expected a string")
        #expect(decodeFailure(#"{"edits": {"path": "a"}}"#) == "edits: expected an array")
        #expect(decodeFailure(#"[1, 2]"#) == "request: expected an object")
        #expect(decodeFailure(#"{"edits": [{"path": "a", "old": null, "new": "y"}]}"#) == "edits[0].old: null, expected a string")
    }

    @Test func unknownFieldsAreNamed() {
        #expect(decodeFailure(#"{"edits": [{"path": "a", "old_string": "x", "old": "x", "new": "y"}]}"#)
            == "edits[0].old_string: unknown field (expected `path`, `old`, `new`, `replaceAll`)")
        #expect(decodeFailure(#"{"edit": []}"#) == "edit: unknown field (expected `edits`, `writes`)")
    }

    @Test func invalidJSONAndEmptyRequests() {
        // The detail after the colon is Foundation's wording.
        #expect(decodeFailure(#"{"edits": [1 2]}"#)?.hasPrefix("not valid JSON: ") == true)
        #expect(decodeFailure("{}") == "request: no `edits` and no `writes`")
        #expect(decodeFailure(#"{"edits": []}"#) == "request: no `edits` and no `writes`")
    }

    @Test func resolvesEditsThenWrites() throws {
        let request = EditRequest(edits: [Edit(path: "a", old: "1", new: "2")], writes: [FileWrite(path: "b", content: "new\n")])
        let patch = try request.resolve(workspace: memoryWorkspace(["a": "1\n"]))
        #expect(patch.files.map(\.path) == ["a", "b"])
        #expect(patch.files.map(\.operation) == [.modify, .create])
    }

    @Test func aFileCannotBeBothEditedAndWritten() {
        let request = EditRequest(edits: [Edit(path: "a", old: "1", new: "2")], writes: [FileWrite(path: "a", content: "new\n")])
        do {
            _ = try request.resolve(workspace: memoryWorkspace(["a": "1\n"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "a: writes[0]: the file is also changed by `edits`; send either edits or a whole-file write for it")
        }
    }
}
