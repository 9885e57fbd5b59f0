import AirlockCore
import Foundation

/// Claude Code's `NotebookEdit` (`{notebook_path, new_source, cell_id?, cell_type?,
/// edit_mode?}`) as the notebook it would leave: the `.ipynb` is read, the cell replaced,
/// inserted or deleted, and the JSON written back in the notebook's own layout (its indent,
/// key order, numbers and final newline), so the proposal shows only the cell's change.
struct NotebookCellEdit {
    enum Mode: String {
        case replace, insert, delete
    }

    var source: String
    var cellID: String?
    var cellType: String?
    var mode: Mode

    init(input: OrderedJSON) throws(HookInputError) {
        source = try HookEvent.optionalText(input, "new_source", in: "tool_input") ?? ""
        cellID = try HookEvent.optionalText(input, "cell_id", in: "tool_input")
        cellType = try HookEvent.optionalText(input, "cell_type", in: "tool_input")
        let modeText = try HookEvent.optionalText(input, "edit_mode", in: "tool_input") ?? "replace"
        guard let mode = Mode(rawValue: modeText) else {
            throw HookInputError(field: "tool_input.edit_mode", "\(VisibleText.escape(modeText)) is not replace, insert or delete")
        }
        self.mode = mode
        if let cellType, cellType != "code", cellType != "markdown" {
            throw HookInputError(field: "tool_input.cell_type", "\(VisibleText.escape(cellType)) is not code or markdown")
        }
        if mode != .delete, input["new_source"] == nil { throw HookInputError(field: "tool_input.new_source", "missing") }
    }

    /// The notebook at `relative` with this edit, as a whole-file write; or why not.
    func change(relative: String, root: String) -> ToolCall {
        let shown = VisibleText.escape(relative)
        let fd = open(root + "/" + relative, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return .refused("Airlock cannot read the notebook \(shown) to edit its cell (\(String(cString: strerror(errno)))); create it with Write.") }
        let data = FileHandle(fileDescriptor: fd, closeOnDealloc: true).readDataToEndOfFile()
        let text = Array(data)
        let notebook: OrderedJSON
        do {
            notebook = try JSONParser.parse(text)
        } catch {
            return .refused("Airlock cannot edit a cell of \(shown): it is not a valid notebook (\(error)). Rewrite it with Write.")
        }
        guard var cells = notebook["cells"]?.array else { return .refused("Airlock cannot edit a cell of \(shown): it has no \"cells\" array.") }
        var index: Int?
        if let cellID {
            index = cells.firstIndex { $0["id"]?.string == cellID } ?? Self.position(cellID, count: cells.count)
            guard index != nil else { return .refused("\(shown) has no cell \(VisibleText.escape(cellID)): read the notebook again.") }
        }
        switch mode {
        case .replace:
            guard let at = index ?? (cells.isEmpty ? nil : 0) else { return .refused("\(shown) has no cell to replace: use edit_mode insert.") }
            cells[at] = replaced(cells[at])
        case .insert:
            guard let type = cellType else { return .refused("Inserting a cell into \(shown) needs its cell_type (code or markdown).") }
            let at = index.map { $0 + 1 } ?? 0
            cells.insert(newCell(type, withID: cells.contains { $0["id"] != nil }), at: at)
        case .delete:
            guard let at = index else { return .refused("Deleting a cell of \(shown) needs its cell_id.") }
            cells.remove(at: at)
        }
        let edited = notebook.setting("cells", to: .array(cells))
        let content = edited.text(indentUnit: Self.indentUnit(text)) + (text.last == UInt8(ascii: "\n") ? "\n" : "")
        let what = mode == .insert ? "insert a cell into" : mode == .delete ? "delete a cell of" : "edit a cell of"
        return .change(HookChange(
            tool: "NotebookEdit", title: "Notebook: \(what) \(relative)", rationale: "Claude Code NotebookEdit, through its hook",
            format: .edits, patch: Self.request(FileWrite(path: relative, content: content)), paths: [relative], repeatAfterApply: .mustNotRepeat))
    }

    // MARK: - Cells

    private func replaced(_ cell: OrderedJSON) -> OrderedJSON {
        var cell = cell.setting("source", to: Self.source(source, like: cell["source"]))
        let type = cellType ?? cell["cell_type"]?.string ?? "code"
        if cell["cell_type"]?.string != type { cell = cell.setting("cell_type", to: .string(type)) }
        if type == "code" {
            // The old outputs belong to the old code.
            cell = cell.setting("execution_count", to: .null).setting("outputs", to: .array([]))
        } else {
            cell = cell.removing("execution_count").removing("outputs")
        }
        return cell
    }

    private func newCell(_ type: String, withID: Bool) -> OrderedJSON {
        var members: [(key: String, value: OrderedJSON)] = [("cell_type", .string(type))]
        if type == "code" { members.append(("execution_count", .null)) }
        if withID { members.append(("id", .string(String(UInt32.random(in: 0...UInt32.max), radix: 16)))) }
        members.append(("metadata", .object([])))
        if type == "code" { members.append(("outputs", .array([]))) }
        members.append(("source", Self.source(source, like: nil)))
        return .object(members)
    }

    /// A cell's source as nbformat writes it: a list of lines, each but the last ending in
    /// a newline; a single string where the notebook had one.
    private static func source(_ text: String, like old: OrderedJSON?) -> OrderedJSON {
        if case .string = old { return .string(text) }
        var lines: [OrderedJSON] = []
        var line = ""
        for character in text {
            line.append(character)
            if character == "\n" {
                lines.append(.string(line))
                line = ""
            }
        }
        if !line.isEmpty { lines.append(.string(line)) }
        return .array(lines)
    }

    /// `cell-3` or `3`: the position Claude Code names a cell by when it has no id.
    private static func position(_ id: String, count: Int) -> Int? {
        let digits = id.hasPrefix("cell-") ? String(id.dropFirst(5)) : id
        guard let n = Int(digits), (0..<count).contains(n) else { return nil }
        return n
    }

    /// The notebook's indent: Jupyter writes one space, other tools two or four.
    private static func indentUnit(_ text: [UInt8]) -> Int {
        guard let newline = text.firstIndex(of: UInt8(ascii: "\n")) else { return 1 }
        let spaces = text[(newline + 1)...].prefix { $0 == UInt8(ascii: " ") }.count
        return (1...8).contains(spaces) ? spaces : 1
    }

    private static func request(_ write: FileWrite) -> [UInt8] {
        (try? Array(JSONEncoder().encode(EditRequest(writes: [write])))) ?? []
    }
}
