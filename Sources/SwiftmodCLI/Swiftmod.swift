import ArgumentParser
import SwiftmodModel

/// The `swiftmod` command: Swift packages as CPython extension modules.
public struct Swiftmod: ParsableCommand {
    /// The command's name, help text, version and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "swiftmod",
        abstract: "Build and ship Swift packages as Python extension modules.",
        discussion: """
            Write plain public Swift; swiftmod generates the CPython bindings, builds the \
            extension module and packages it for Python.
            """,
        version: SwiftmodVersion.current,
        subcommands: [
            New.self, Init.self, Compile.self, Develop.self, Build.self, Sdist.self, Upload.self, Publish.self, ListPython.self,
            GenerateCI.self, WriteDistInfo.self, PackageSelf.self,
        ]
    )

    /// The root command; ArgumentParser creates it when it parses the arguments.
    public init() {}
}
