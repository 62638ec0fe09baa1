import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// PEP 517's `prepare_metadata_for_build_wheel`: the wheel's `.dist-info` directory (METADATA,
/// `entry_points.txt`, `licenses/`) written without compiling anything. `WHEEL` and `RECORD`
/// are left out, as the tag is only known once the extension is built.
public struct DistInfoWriter {
    public let projectDirectory: String
    public let outDirectory: String

    public init(projectDirectory: String = ".", outDirectory: String) {
        self.projectDirectory = projectDirectory
        self.outDirectory = outDirectory
    }

    /// Writes the directory; returns its name (`word_tools-0.1.0.dist-info`).
    public func run() throws -> String {
        let project = try Project.load(projectDirectory)
        let (core, licenses) = try DistributionAssembler.metadata(of: project)
        let distribution = Distribution(
            names: project.pyproject.names, metadata: core, tag: WheelTag(python: "py3", abi: "none", platform: "any"),
            packageFiles: [], licenseFiles: licenses, generator: "swiftmod \(SwiftmodVersion.current)")
        var memory = MemoryWriter()
        try distribution.write(to: &memory)
        let name = distribution.distInfoDirectory
        let left = ["\(name)/WHEEL", "\(name)/RECORD"]
        let files = FileWriter()
        for file in memory.files where !left.contains(file.path) {
            let path = outDirectory + "/" + file.path
            try files.createDirectory((path as NSString).deletingLastPathComponent)
            try files.writeAtomically(file.data, to: path, permissions: 0o644)
        }
        return name
    }
}
