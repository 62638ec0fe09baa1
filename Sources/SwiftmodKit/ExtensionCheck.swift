import Foundation
import SwiftmodPackaging

/// The checks of docs/design/building.md#extension-checks on a built extension: `PyInit_<module>` exported, no libpython.
enum ExtensionCheck {
    static func verify(library: String, module: String) throws {
        guard let data = FileManager.default.contents(atPath: library) else {
            throw SwiftmodError.badExtension(path: library, reason: "the build produced no extension module")
        }
        let elf: ELFFile
        do { elf = try ELFFile(bytes: [UInt8](data)) } catch {
            throw SwiftmodError.badExtension(path: library, reason: error.description)
        }
        guard elf.exportedSymbols.contains("PyInit_\(module)") else {
            throw SwiftmodError.badExtension(path: library, reason: "it does not export PyInit_\(module), so Python cannot import it as '\(module)'")
        }
        if let problem = BinaryRequirements(elf: elf).libpythonProblem {
            throw SwiftmodError.badExtension(path: library, reason: problem)
        }
    }
}
