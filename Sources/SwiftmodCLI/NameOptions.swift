import ArgumentParser
import SwiftmodKit

/// The naming flags shared by `new` and `init`.
struct NameOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The project (distribution) name. Default: the directory's name.",
            valueName: "name"))
    var name: String?

    @Option(
        help: ArgumentHelp(
            "The Python module name. Default: the project name with '-' and '.' as '_'.",
            valueName: "identifier"))
    var moduleName: String?

    @Option(
        help: ArgumentHelp(
            "The Swift library target. Default: the project name in UpperCamelCase.",
            valueName: "identifier"))
    var swiftTarget: String?

    @Flag(help: "A mixed project: a Python package in python/ around the Swift core, which is the module <package>._native.")
    var mixed = false

    var choices: Scaffolder.NameChoices {
        .init(distribution: name, module: moduleName, swiftTarget: swiftTarget, mixed: mixed)
    }
}
