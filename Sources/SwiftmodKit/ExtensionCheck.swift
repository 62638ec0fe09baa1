import Foundation
import SwiftmodPackaging

/// The checks of docs/design/building.md#extension-checks on a built extension: `PyInit_<module>`
/// exported (`PyModExport_<module>` for abi3t, PEP 793), no libpython.
enum ExtensionCheck {
    static func verify(library: String, module: String, exportsWithPyModExport: Bool = false) throws {
        guard let data = FileManager.default.contents(atPath: library) else {
            throw SwiftmodError.badExtension(path: library, reason: "the build produced no extension module")
        }
        let elf: ELFFile
        do { elf = try ELFFile(bytes: [UInt8](data)) } catch {
            throw SwiftmodError.badExtension(path: library, reason: error.description)
        }
        let entry = (exportsWithPyModExport ? "PyModExport_" : "PyInit_") + module
        guard elf.exportedSymbols.contains(entry) else {
            throw SwiftmodError.badExtension(
                path: library, reason: "it does not export \(entry), so Python cannot import it as '\(module)'")
        }
        if let problem = BinaryRequirements(elf: elf).libpythonProblem {
            throw SwiftmodError.badExtension(path: library, reason: problem)
        }
    }
}
