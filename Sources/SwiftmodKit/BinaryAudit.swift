import Foundation
import SwiftmodPackaging

/// The checks and tags of a built binary before it goes into a wheel (docs/design/building.md#extension-checks), shared by
/// users' wheels, `develop` and swiftmod's own wheel: strip a copy, read its ELF, refuse a
/// RUNPATH that points at this machine, and choose the platform tag.
enum BinaryAudit {
    /// Writes a stripped copy of `path` to `output`, also dropping `sections`.
    static func strip(_ path: String, to output: String, removing sections: [String] = [], runner: any ProcessRunning) throws {
        let result = try runner.run("strip", ["--strip-unneeded"] + sections.map { "--remove-section=" + $0 } + ["-o", output, path])
        guard result.status == 0, FileManager.default.fileExists(atPath: output) else {
            throw SwiftmodError.toolMissing(
                tool: "strip", reason: result.combined.trimmingCharacters(in: .whitespacesAndNewlines) + " (install binutils)")
        }
    }

    /// What the binary at `path` needs from the system. With `selfContained`, it must carry no
    /// RUNPATH outside itself (`$ORIGIN`, which SwiftPM adds, stays inside the wheel; an
    /// absolute path such as the toolchain's lib directory would point at this machine);
    /// `hint` says how to fix one. Messages name `named` (the original of a stripped copy), else `path`.
    static func requirements(of path: String, selfContained: Bool, hint: String? = nil, named: String? = nil) throws -> BinaryRequirements {
        let shown = named ?? path
        let elf: ELFFile
        do { elf = try ELFFile(bytes: [UInt8](FileManager.default.contents(atPath: path) ?? Data())) } catch {
            throw SwiftmodError.badExtension(path: shown, reason: error.description)
        }
        for runpath in elf.runpaths.flatMap({ $0.split(separator: ":") }) where selfContained && !runpath.hasPrefix("$ORIGIN") {
            throw SwiftmodError.badExtension(
                path: shown,
                reason: "it carries the RUNPATH \(runpath), which would not exist on another machine" + (hint.map { ": " + $0 } ?? ""))
        }
        return BinaryRequirements(elf: elf)
    }

    /// The most compatible platform tag the binary at `path` meets.
    static func platformTag(_ binary: BinaryRequirements, path: String, compatibility: PlatformTag.Compatibility) throws -> String {
        do { return try PlatformTag.choose(for: binary, compatibility: compatibility).tag } catch {
            throw SwiftmodError.platformTag(path: path, reason: error.description)
        }
    }
}
