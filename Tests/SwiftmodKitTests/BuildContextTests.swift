import Foundation
import SwiftmodModel
import SwiftmodPackaging
import Testing

@testable import SwiftmodKit
@testable import SwiftmodScanner
@testable import SwiftmodTemplates

/// A runner that records the commands and answers each with `status`.
private final class RecordingRunner: ProcessRunning, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [[String]] = []
    let status: Int32

    init(status: Int32) { self.status = status }

    var commands: [[String]] { lock.withLock { recorded } }

    func run(_ executable: String, _ arguments: [String], in directory: String?) throws -> ProcessRunner.Output {
        lock.withLock { recorded.append([executable] + arguments) }
        return ProcessRunner.Output(status: status, stdout: "", stderr: "error: no")
    }
}

/// A project with a pyproject.toml and an empty Swift target, in a fresh temporary directory.
private func smallProject(_ extra: String = "") throws -> URL {
    let root = try makeTemporaryDirectory()
    let files = [
        "pyproject.toml": "[project]\nname = \"word-tools\"\nversion = \"0.1.0\"\n" + extra,
        "Package.swift": "// swift-tools-version:5.9\n",
        "Sources/WordTools/WordTools.swift": "public func f() {}\n",
        "LICENSE": "MIT\n",
    ]
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return root
}

/// The build context (docs/design/stages.md#build-context): what a command makes once and
/// hands to every stage.
@Suite struct BuildContexts {
    @Test func theEnvironmentNamesTheSwiftDriverAndTheModuleCache() throws {
        let root = try smallProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = try BuildContext.load(root.path, environment: ["HOME": "/home/u"], runner: RecordingRunner(status: 0))
        #expect(plain.swift == "swift")
        #expect(plain.moduleCache == "/home/u/.cache/swiftmod/ModuleCache")
        let set = try BuildContext.load(
            root.path, environment: ["SWIFTMOD_SWIFT": "/opt/swift", "XDG_CACHE_HOME": "/c", "HOME": "/home/u"],
            runner: RecordingRunner(status: 0))
        #expect(set.swift == "/opt/swift")
        #expect(set.moduleCache == "/c/swiftmod/ModuleCache")
        let off = try BuildContext.load(root.path, environment: ["SWIFTMOD_MODULE_CACHE": ""], runner: RecordingRunner(status: 0))
        #expect(off.moduleCache == nil)
    }

    /// The environment a command was given reaches `swift build`: the driver and the module
    /// cache come from the context, not from the process.
    @Test func theExtensionBuildRunsTheContextsSwift() throws {
        let root = try smallProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let runner = RecordingRunner(status: 1)
        let context = try BuildContext.load(
            root.path, environment: ["SWIFTMOD_SWIFT": "/bin/true", "SWIFTMOD_MODULE_CACHE": "/tmp/cache-from-context"], runner: runner)
        let python = PythonInterpreter(
            executable: "/usr/bin/python3", include: "/usr/include/python3.12", extSuffix: ".so", version: "3.12.0")
        let builder = context.extensionBuilder(for: BuildTarget(interpreter: python), options: .init())
        #expect(throws: SwiftmodError.self) { try builder.build() }
        let command = try #require(runner.commands.first)
        #expect(command.first == "/bin/true")
        #expect(command.contains("/tmp/cache-from-context"))
    }

    @Test func aMissingSwiftFromTheContextIsReportedAsTheVariables() throws {
        let root = try smallProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let context = try BuildContext.load(
            root.path, environment: ["SWIFTMOD_SWIFT": "/nonexistent/swift"], runner: RecordingRunner(status: 0))
        let python = PythonInterpreter(
            executable: "/usr/bin/python3", include: "/usr/include/python3.12", extSuffix: ".so", version: "3.12.0")
        let error = #expect(throws: SwiftmodError.self) {
            try context.extensionBuilder(for: BuildTarget(interpreter: python), options: .init()).build()
        }
        #expect(error?.description.hasPrefix("no Swift toolchain: SWIFTMOD_SWIFT=/nonexistent/swift") == true)
    }
}

/// Every error reaches the user in one format, whichever library threw it.
@Suite struct ErrorMessages {
    @Test func anUnreadableSymbolGraphGetsSwiftmodsFormat() {
        let error = SwiftmodError(SymbolGraphScanner.InvalidSymbolGraph(reason: "no module"))
        #expect(
            error.description == "could not read the compiler's symbol graph: no module\n"
                + "  this is a bug in swiftmod or a Swift compiler it does not support; please report it with the output of `swift --version`"
        )
    }

    @Test func aTemplateErrorIsAnInternalError() {
        let error = SwiftmodError(TemplateError(template: "glue/Glue.swift.tmpl", message: "no value for {{x}}"))
        #expect(
            error.description
                == "internal error: template glue/Glue.swift.tmpl: no value for {{x}} (this is a bug in swiftmod; please report it)")
    }

    @Test func swiftmodsOwnErrorsAreKept() {
        let error = SwiftmodError(SwiftmodError.noProject(path: "/p"))
        #expect(error.description == SwiftmodError.noProject(path: "/p").description)
    }

    @Test func anyOtherErrorIsAnInternalError() {
        struct Odd: Error {}
        #expect(SwiftmodError(Odd()).description.hasPrefix("internal error: Odd()"))
    }
}

/// One `.dist-info` writer: PEP 517's metadata directory is exactly the wheel's, less `WHEEL`
/// and `RECORD`.
@Suite struct DistInfoDirectories {
    @Test func prepareMetadataWritesTheWheelsDistInfoWithoutWheelAndRecord() throws {
        let root = try smallProject("[project.scripts]\nwc = \"word_tools:main\"\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("meta").path
        let context = try BuildContext.load(root.path, environment: [:], runner: RecordingRunner(status: 0))
        let name = try DistInfoWriter(context: context, outDirectory: out).run()
        #expect(name == "word_tools-0.1.0.dist-info")
        let written = ProjectWalker.files(out, recursive: true).sorted()
        #expect(written == ["\(name)/METADATA", "\(name)/entry_points.txt", "\(name)/licenses/LICENSE"])

        let (core, licenses) = try DistributionAssembler.metadata(of: context.project)
        let wheel = Distribution(
            names: context.project.pyproject.names, metadata: core, tag: WheelTag(python: "cp312", abi: "cp312", platform: "linux_x86_64"),
            packageFiles: [], licenseFiles: licenses, generator: "test")
        var memory = MemoryWriter()
        try wheel.write(to: &memory)
        let inWheel = memory.files.filter { !$0.path.hasSuffix("/WHEEL") && !$0.path.hasSuffix("/RECORD") }
        #expect(inWheel.map(\.path) == written)
        for file in inWheel {
            #expect(FileManager.default.contents(atPath: out + "/" + file.path) == file.data)
        }
    }
}
