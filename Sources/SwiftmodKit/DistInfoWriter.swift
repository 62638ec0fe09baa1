import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// PEP 517's `prepare_metadata_for_build_wheel`: the wheel's `.dist-info` directory (METADATA,
/// `entry_points.txt`, `licenses/`) written without compiling anything, from the same
/// `DistInfo` the wheel and `develop`'s install write. `WHEEL` and `RECORD` are not written:
/// the tag and the files are only known once the extension is built, and PEP 517 lets the
/// backend leave them to `build_wheel`.
public struct DistInfoWriter {
    /// The command's context (only the project is read).
    public let context: BuildContext
    /// The directory the `.dist-info` directory is written into (PEP 517's `metadata_directory`).
    public let outDirectory: String

    /// A writer into `outDirectory`; nothing is written until `run()`.
    public init(context: BuildContext, outDirectory: String) {
        self.context = context
        self.outDirectory = outDirectory
    }

    /// Writes the directory; returns its name (`word_tools-0.1.0.dist-info`).
    public func run() throws -> String {
        let (core, licenses) = try DistributionAssembler.metadata(of: context.project)
        let distInfo = DistInfo(names: context.project.pyproject.names, metadata: core, licenseFiles: licenses)
        var writer = DiskWriter(root: outDirectory)
        for file in distInfo.files { try writer.write(file) }
        return distInfo.directory
    }
}
