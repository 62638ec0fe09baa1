import Foundation
import ZIPFoundation

/// Writes a distribution into a zip archive in memory (deflated; fixed timestamps and
/// permissions, so equal inputs give equal bytes). `finish()` returns the archive.
public final class WheelArchive: DistributionWriter {
    private let archive: Archive
    private let date: Date

    /// `date` is every entry's timestamp: `SOURCE_DATE_EPOCH` when set.
    public init(date: Date) throws {
        archive = try Archive(accessMode: .create)
        // Zip timestamps cannot go before 1980.
        self.date = max(date, Date(timeIntervalSince1970: 315_532_800))
    }

    /// Appends `file`, deflated, with the fixed timestamp and mode 644 (755 when executable); throws when the zip library fails.
    public func write(_ file: DistributionFile) throws {
        let data = file.data
        try archive.addEntry(
            with: file.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
            permissions: file.executable ? 0o755 : 0o644, compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    /// The archive's bytes.
    public func finish() -> Data {
        archive.data ?? Data()
    }
}

extension WheelArchive {
    /// The files of a zip archive (for tests and checks): path → bytes, in archive order.
    public static func entries(of data: Data) throws -> [(String, Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        var result: [(String, Data)] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            result.append((entry.path, bytes))
        }
        return result
    }
}
