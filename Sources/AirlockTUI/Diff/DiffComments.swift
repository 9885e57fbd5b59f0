import AirlockCore

/// The reviewer's line comments, found by the line they are on, for drawing them under it.
public struct DiffComments: Sendable, Equatable {
    struct Anchor: Hashable, Sendable {
        var path: String
        var side: LineComment.Side
        var line: Int
    }

    private var texts: [Anchor: [String]] = [:]

    public init(_ comments: [LineComment] = []) {
        for comment in comments {
            texts[Anchor(path: comment.path, side: comment.side, line: comment.line), default: []].append(comment.text)
        }
    }

    public static let none = DiffComments()

    public var isEmpty: Bool { texts.isEmpty }

    func on(path: String, side: LineComment.Side, line: Int?) -> [String] {
        guard let line, !texts.isEmpty else { return [] }
        return texts[Anchor(path: path, side: side, line: line)] ?? []
    }
}
