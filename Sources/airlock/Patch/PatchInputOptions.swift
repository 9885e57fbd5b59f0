import AirlockCore
import ArgumentParser
import Foundation

/// Where a patch comes from and how to read it; shared by every `airlock patch` command.
struct PatchInputOptions: ParsableArguments {
    @Argument(help: "The patch file, or - (the default) for standard input.")
    var patch: String = "-"

    @Option(name: .customShort("p"), help: ArgumentHelp("Strip this many leading path components from diff names.", valueName: "n"))
    var strip: Int = 1

    @Option(help: "Input format: \(PatchFormat.allCases.map(\.rawValue).joined(separator: ", ")). Detected when omitted.")
    var format: PatchFormat?

    /// The name errors use for the input.
    var sourceName: String { patch == "-" ? "<stdin>" : patch }

    func readBytes() throws -> Bytes {
        do {
            if patch == "-" { return Bytes(try ByteStorage.readAll(0)) }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: patch, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CommandFailure.fail("\(patch): is a directory, not a patch file", code: CommandFailure.unusableInput)
            }
            return try ByteStorage(contentsOfFile: patch).bytes
        } catch let error as POSIXError {
            throw CommandFailure.fail("\(sourceName): cannot read: \(String(cString: strerror(error.code.rawValue)))", code: CommandFailure.unusableInput)
        }
    }

    /// Reads and parses the patch; unusable input is reported as `FILE:LINE: message`
    /// and exits with code 2. A change located by content that the workspace's files
    /// refuse (context not found, file missing) throws `ApplyRefusal`, as the applier
    /// does for a diff, for the command to report and exit 1. With `computesHeadings`
    /// false a diff's hunk headings are dropped instead of computed from the workspace.
    func read(workspace: WorkspaceContents?, computesHeadings: Bool = true) throws -> Patch {
        guard strip >= 0 else {
            throw CommandFailure.fail("-p must be 0 or more, not \(strip)", code: CommandFailure.unusableInput)
        }
        let bytes = try readBytes()
        do {
            return try PatchReader(strip: strip, workspace: workspace, computesHeadings: computesHeadings).read(bytes, format: format)
        } catch let error as PatchFormatError where error.cause == .workspace {
            throw ApplyRefusal(problems: [problem(error)])
        } catch {
            throw unusable(error)
        }
    }

    /// A change that the workspace refuses, as a problem named like the applier's, with
    /// the place in the input: `patch.txt:3: src/a.py: chunk 1 not found …`.
    func problem(_ error: PatchFormatError) -> ApplyProblem {
        ApplyProblem(path: error.path, "\(location(error.line)): \(error.path.map { "\($0): " } ?? "")\(error.message)")
    }

    private func location(_ line: Int?) -> String {
        line.map { "\(sourceName):\($0)" } ?? sourceName
    }

    /// Reports a patch that cannot be read as `FILE:LINE: message` and gives the exit
    /// (code 2) to throw.
    func unusable(_ error: Error) -> ExitCode {
        switch error {
        case let error as PatchParseError:
            return CommandFailure.fail("\(location(error.line)): \(error.message)", code: CommandFailure.unusableInput)
        case let error as PatchFormatError:
            let subject = error.path.map { "\($0): " } ?? ""
            return CommandFailure.fail("\(location(error.line)): \(subject)\(error.message)", code: CommandFailure.unusableInput)
        default:
            return CommandFailure.fail("\(sourceName): \(error)", code: CommandFailure.unusableInput)
        }
    }
}

extension PatchFormat: ExpressibleByArgument {}
