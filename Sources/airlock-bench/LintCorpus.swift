import Foundation

/// A deterministic patch of realistic code in several languages, mostly new files and
/// some edits, with a planted secret every `secretEvery` added lines; and the same added
/// lines alone, one per line, for `rg`.
struct LintCorpus {
    var targetBytes: Int
    var linesPerFile = 500
    var secretEvery = 20_000

    struct Output {
        var patch: [UInt8]
        var addedLines: [UInt8]
        var addedLineCount: Int
        var plantedSecrets: Int
    }

    private struct Random {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func string(_ alphabet: String, _ count: Int) -> String {
            let characters = Array(alphabet)
            return String((0..<count).map { _ in characters[Int(next() % UInt64(characters.count))] })
        }
    }

    static let names = ["user", "order", "item", "config", "request", "response", "cache", "session", "client", "buffer", "index", "value"]
    static let languages: [(ext: String, lines: [String])] = [
        ("py", [
            "def handle_{n}(self, {n}_id, retries=3):", "    result = self.{n}_store.get({n}_id)", "    if result is None:",
            "        raise KeyError(f\"missing {n} {{{n}_id}}\")", "    for entry in sorted(entries, key=lambda e: e.created_at):",
            "    logger.info(\"processed %d {n}s in %.2fs\", count, elapsed)", "    return {\"id\": {n}.id, \"name\": {n}.name}",
            "    token = self.auth.current_token()  # refreshed by the middleware", "import os, sys, json",
            "    cur.execute(\"SELECT id, name FROM {n}s WHERE id = %s\", ({n}_id,))", "    msg.send(channel, payload)",
        ]),
        ("js", [
            "export async function load{N}(id) {", "  const {n} = await api.get(`/{n}s/${id}`);", "  if (!{n}) return null;",
            "  return {n}s.filter(x => x.active).map(x => x.id);", "  setState(prev => ({ ...prev, {n}: next }));",
            "  // update the {n} cache when the task finishes", "  const url = 'https://api.example.com/v1/{n}s';", "}",
        ]),
        ("go", [
            "func (s *Server) {N}(ctx context.Context, id string) (*{N}, error) {", "\tif err != nil {", "\t\treturn nil, fmt.Errorf(\"load {n}: %w\", err)",
            "\t}", "\tfor i, v := range {n}s {", "\tdefer rows.Close()", "\tmu.Lock()", "\tresp, err := http.Get(s.baseURL + \"/{n}\")",
        ]),
        ("swift", [
            "    func load{N}(id: {N}.ID) async throws -> {N} {", "        guard let {n} = cache[id] else { throw LoadError.missing }",
            "        return try await client.fetch({N}.self, at: path)", "    }", "    private var {n}s: [{N}] = []",
            "        let sorted = {n}s.sorted { $0.date < $1.date }",
        ]),
        ("sh", [
            "set -euo pipefail", "for f in \"$@\"; do", "  echo \"processing $f\" >&2", "done", "if [ -z \"${{N}_DIR:-}\" ]; then",
            "  cp -a \"$src\" \"$dst\"", "  curl -fsSL -o \"$tmp/{n}.tar.gz\" \"$BASE/{n}.tar.gz\"",
        ]),
    ]

    func generate() -> Output {
        var random = Random()
        var patch: [UInt8] = []
        var added: [UInt8] = []
        patch.reserveCapacity(targetBytes + (1 << 20))
        added.reserveCapacity(targetBytes)
        var addedCount = 0, planted = 0, file = 0
        func addLine(_ line: String) {
            patch.append(UInt8(ascii: "+"))
            patch += line.utf8
            patch.append(UInt8(ascii: "\n"))
            added += line.utf8
            added.append(UInt8(ascii: "\n"))
            addedCount += 1
        }
        func codeLine(_ templates: [String]) -> String {
            let name = random.pick(Self.names)
            return random.pick(templates)
                .replacingOccurrences(of: "{N}", with: name.prefix(1).uppercased() + name.dropFirst())
                .replacingOccurrences(of: "{n}", with: name)
        }
        func secret() -> String {
            planted += 1
            switch random.next() % 3 {
            case 0: return "AWS_ACCESS_KEY_ID = \"AKIA" + random.string("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + "\""
            case 1: return "const token = \"ghp_" + random.string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36) + "\";"
            default: return "    \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEv" + random.string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef+/", 40) + "\","
            }
        }
        while patch.count < targetBytes {
            let language = Self.languages[file % Self.languages.count]
            let path = "src/pkg\(file / 50)/\(Self.names[file % Self.names.count])_\(file).\(language.ext)"
            file += 1
            patch += Array("diff --git a/\(path) b/\(path)\n".utf8)
            if file % 5 == 0 {
                // An edit: hunks of three context lines, one removed, four added.
                patch += Array("--- a/\(path)\n+++ b/\(path)\n".utf8)
                var old = 1, new = 1
                for _ in 0..<(linesPerFile / 8) {
                    patch += Array("@@ -\(old),7 +\(new),10 @@\n".utf8)
                    for _ in 0..<3 { patch += Array(" \(codeLine(language.lines))\n".utf8) }
                    patch += Array("-\(codeLine(language.lines))\n".utf8)
                    for _ in 0..<4 { addLine(addedCount % secretEvery == secretEvery - 1 ? secret() : codeLine(language.lines)) }
                    for _ in 0..<3 { patch += Array(" \(codeLine(language.lines))\n".utf8) }
                    old += 20
                    new += 23
                }
            } else {
                patch += Array("new file mode 100644\n--- /dev/null\n+++ b/\(path)\n@@ -0,0 +1,\(linesPerFile) @@\n".utf8)
                for _ in 0..<linesPerFile { addLine(addedCount % secretEvery == secretEvery - 1 ? secret() : codeLine(language.lines)) }
            }
        }
        return Output(patch: patch, addedLines: added, addedLineCount: addedCount, plantedSecrets: planted)
    }
}
