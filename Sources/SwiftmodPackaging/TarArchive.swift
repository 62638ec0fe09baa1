import Foundation
import ZIPFoundation

/// Writes files into a gzipped tar archive in memory, as sdists are (POSIX.1-2001 pax: ustar
/// headers, with a pax `path` record for a name ustar cannot hold). Every entry has the same
/// timestamp, owner 0/0 and mode 644 (755 when executable), and the gzip header carries no
/// name or time, so equal inputs give equal bytes. `finish()` returns the `.tar.gz`.
public final class TarArchive: DistributionWriter {
    private var tar = Data()
    private let mtime: Int

    /// `date` is every entry's modification time: `SOURCE_DATE_EPOCH` when set.
    public init(date: Date) {
        mtime = max(0, Int(date.timeIntervalSince1970))
    }

    /// Appends `file` below the archive's root: a ustar header, with a pax `path` record first when the path is too long for
    /// ustar, then the bytes padded to 512. Never throws (the signature is `DistributionWriter`'s).
    public func write(_ file: DistributionFile) throws {
        let name = Array(file.path.utf8)
        if let (prefix, base) = Self.ustarSplit(name) {
            tar += Self.header(
                name: base, prefix: prefix, size: file.data.count, mode: file.executable ? 0o755 : 0o644, mtime: mtime, type: "0")
        } else {
            let record = Self.paxRecord(key: "path", value: file.path)
            tar += Self.header(name: Array("././@PaxHeader".utf8), prefix: [], size: record.count, mode: 0o644, mtime: mtime, type: "x")
            tar += Self.padded(record)
            // The ustar name is a truncated stand-in; readers use the pax path.
            tar += Self.header(
                name: Array(name.suffix(99)), prefix: [], size: file.data.count, mode: file.executable ? 0o755 : 0o644, mtime: mtime,
                type: "0")
        }
        tar += Self.padded(file.data)
    }

    /// The uncompressed tar stream, ended by two zero blocks.
    public func finishTar() -> Data {
        tar + Data(count: 1024)
    }

    /// The `.tar.gz` bytes.
    public func finish() throws -> Data {
        try Self.gzip(finishTar())
    }

    // MARK: - ustar

    /// Splits a path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) at a `/`, or nil
    /// when it cannot be held that way (too long, or not ASCII, which pax records carry better).
    static func ustarSplit(_ path: [UInt8]) -> (prefix: [UInt8], name: [UInt8])? {
        guard path.allSatisfy({ $0 < 0x80 }) else { return nil }
        if path.count <= 100 { return ([], path) }
        for index in path.indices where path[index] == UInt8(ascii: "/") {
            let prefix = Array(path[..<index])
            let name = Array(path[(index + 1)...])
            if prefix.count <= 155, name.count <= 100, !name.isEmpty { return (prefix, name) }
        }
        return nil
    }

    /// One 512-byte ustar header.
    static func header(name: [UInt8], prefix: [UInt8], size: Int, mode: Int, mtime: Int, type: Character) -> Data {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int, width: Int) {
            for (index, byte) in bytes.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            // width - 1 digits, then NUL.
            let digits = String(value, radix: 8)
            put(Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8), at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(mode, at: 100, width: 8)
        octal(0, at: 108, width: 8)  // uid
        octal(0, at: 116, width: 8)  // gid
        octal(size, at: 124, width: 12)
        octal(mtime, at: 136, width: 12)
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148, width: 8)  // checksum, as spaces while summing
        block[156] = type.asciiValue ?? UInt8(ascii: "0")
        put(Array("ustar\0".utf8), at: 257, width: 6)
        put(Array("00".utf8), at: 263, width: 2)
        put(prefix, at: 345, width: 155)
        let checksum = block.reduce(0) { $0 + Int($1) }
        let digits = String(checksum, radix: 8)
        put(Array((String(repeating: "0", count: max(0, 6 - digits.count)) + digits).utf8) + [0, UInt8(ascii: " ")], at: 148, width: 8)
        return Data(block)
    }

    /// A pax extended-header record: `"<length> <key>=<value>\n"`, the length counting itself.
    public static func paxRecord(key: String, value: String) -> Data {
        let body = " \(key)=\(value)\n"
        let count = body.utf8.count
        var digits = String(count).count
        while String(count + digits).count != digits { digits = String(count + digits).count }
        return Data((String(count + digits) + body).utf8)
    }

    /// `data` padded with zeros to a whole number of 512-byte blocks.
    static func padded(_ data: Data) -> Data {
        let remainder = data.count % 512
        return remainder == 0 ? data : data + Data(count: 512 - remainder)
    }

    // MARK: - gzip

    /// A gzip member (RFC 1952) holding `data`: no file name, no time, so it is reproducible.
    static func gzip(_ data: Data) throws -> Data {
        var deflated = Data()
        let crc = try Data.compress(
            size: Int64(data.count), bufferSize: 64 * 1024,
            provider: { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }, consumer: { deflated.append($0) })
        var out = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03])
        out += deflated
        for value in [UInt32(crc), UInt32(truncatingIfNeeded: data.count)] {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }
}
