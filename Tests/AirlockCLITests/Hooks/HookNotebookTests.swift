import AirlockCore
import Foundation
import Testing

/// Claude Code's `NotebookEdit` becomes the notebook it would leave, in the notebook's own
/// layout, so the proposal shows only the cell that changed.
@Suite("Hook gate on notebook cells")
struct HookNotebookTests {
    /// A notebook as Jupyter writes it: one-space indent, sorted keys, a final newline.
    static let notebook = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "a1",
           "metadata": {},
           "source": [
            "# Title\\n",
            "text"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "id": "b2",
           "metadata": {},
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [
              "1\\n"
             ]
            }
           ],
           "source": [
            "print(1)"
           ]
          }
         ],
         "metadata": {
          "kernelspec": {
           "display_name": "Python 3",
           "language": "python",
           "name": "python3"
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }

        """

    @Test func aReplacedCellIsTheOnlyChange() throws {
        let hook = try HookFixture(files: ["n.ipynb": Self.notebook])
        let input = try hook.toolEvent("claude-code", tool: "NotebookEdit", input: [
            "notebook_path": hook.path + "/n.ipynb", "cell_id": "b2", "new_source": "print(2)\nprint(3)", "edit_mode": "replace",
        ])
        let result = try hook.decided("claude-code", input) { proposal, service, reviewer in
            #expect(proposal.title == "Notebook: edit a cell of n.ipynb")
            let patch = String(decoding: proposal.patch, as: UTF8.self)
            #expect(patch.contains("-    \"print(1)\"\n+    \"print(2)\\n\",\n+    \"print(3)\"\n"), "\(patch)")
            #expect(!patch.contains("# Title") && !patch.contains("kernelspec"), "only cell b2 changes: \(patch)")
            try HookFixture.approveAndApply(proposal, service, reviewer)
        }
        let answer = try HookFixture.answer(result)
        #expect(answer.decision == "deny" && answer.reason.contains("Do not repeat this NotebookEdit"), "\(answer.reason)")
        let written = try hook.review.read("n.ipynb")
        let cells = try #require((try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])?["cells"] as? [[String: Any]])
        #expect(cells[1]["source"] as? [String] == ["print(2)\n", "print(3)"])
        #expect((cells[1]["outputs"] as? [Any])?.isEmpty == true && cells[1]["execution_count"] is NSNull)
        #expect(written.hasPrefix(String(Self.notebook.prefix(through: Self.notebook.range(of: "\"cell_type\": \"code\",")!.upperBound))))
        #expect(written.hasSuffix(" \"nbformat_minor\": 5\n}\n"))
    }

    @Test func insertAndDeleteAreProposedAndAMissingCellIsRefused() throws {
        let hook = try HookFixture(files: ["n.ipynb": Self.notebook], waitSeconds: 1)
        let insert = try hook.run("claude-code", try hook.toolEvent("claude-code", tool: "NotebookEdit", input: [
            "notebook_path": hook.path + "/n.ipynb", "cell_id": "a1", "new_source": "x = 1", "cell_type": "code", "edit_mode": "insert",
        ]))
        #expect(try HookFixture.answer(insert).reason.contains("queued as proposal #1"))
        let first = try hook.review.proposal(1)
        #expect(first.title == "Notebook: insert a cell into n.ipynb" && first.removedLines == 0, "\(String(decoding: first.patch, as: UTF8.self))")
        #expect(String(decoding: first.patch, as: UTF8.self).contains("+    \"x = 1\"\n"))

        let delete = try hook.run("claude-code", try hook.toolEvent("claude-code", tool: "NotebookEdit", input: [
            "notebook_path": hook.path + "/n.ipynb", "cell_id": "cell-0", "edit_mode": "delete",
        ]))
        #expect(try HookFixture.answer(delete).reason.contains("queued as proposal #2"))
        #expect(try hook.review.proposal(2).addedLines == 0)

        let missing = try HookFixture.answer(try hook.run("claude-code", try hook.toolEvent("claude-code", tool: "NotebookEdit", input: [
            "notebook_path": hook.path + "/n.ipynb", "cell_id": "zz\u{1b}", "new_source": "y",
        ])))
        #expect(missing.decision == "deny" && missing.reason.contains("has no cell zz\\x1b"), "\(missing.reason)")
        let badMode = try hook.run("claude-code", try hook.toolEvent("claude-code", tool: "NotebookEdit", input: [
            "notebook_path": hook.path + "/n.ipynb", "new_source": "y", "edit_mode": "append",
        ]))
        #expect(badMode.status == 2 && badMode.stderr.contains("tool_input.edit_mode: append is not replace, insert or delete"))
        #expect(try hook.proposals().count == 2)
    }
}
