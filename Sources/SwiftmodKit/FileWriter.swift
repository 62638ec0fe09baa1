import Foundation
import SwiftmodGenerator

/// Writes generated files: only when their contents change (so builds stay incremental), and
/// through a temporary file renamed into place (so nothing is ever half-written).
struct FileWriter {
    private let fileManager = FileManager.default

    func createDirectory(_ path: String) throws {
        do { try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw SwiftmodError.fileSystem(path: path, action: "create", reason: error.localizedDescription)
        }
    }

    /// Writes `files` below `directory`, skipping those whose contents are already there.
    func write(_ files: [GluePackage.File], below directory: String, onlyIfMissing: Bool = false) throws {
        for file in files {
            let path = directory + "/" + file.path
            let data = Data(file.contents.utf8)
            if let existing = fileManager.contents(atPath: path), onlyIfMissing || existing == data { continue }
            try createDirectory((path as NSString).deletingLastPathComponent)
            try writeAtomically(data, to: path)
        }
    }

    /// Whether writing `files` below `directory` would change any of them.
    func wouldChange(_ files: [GluePackage.File], below directory: String) throws -> Bool {
        files.contains { file in fileManager.contents(atPath: directory + "/" + file.path) != Data(file.contents.utf8) }
    }

    /// Writes `data` to a temporary file beside `path`, then renames it over `path`.
    func writeAtomically(_ data: Data, to path: String, permissions: Int? = nil) throws {
        let temporary = path + ".swiftmod-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            if let permissions { try fileManager.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary) }
            try rename(temporary, over: path)
        } catch {
            try? fileManager.removeItem(atPath: temporary)
            throw SwiftmodError.fileSystem(path: path, action: "write", reason: error.localizedDescription)
        }
    }

    /// Copies `source` to a temporary file beside `destination`, then renames it into place, so
    /// that a process that has the old file loaded keeps its (unlinked) copy.
    func copyAtomically(from source: String, to destination: String) throws {
        let temporary = destination + ".swiftmod-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try? fileManager.removeItem(atPath: temporary)
            try fileManager.copyItem(atPath: source, toPath: temporary)
            try rename(temporary, over: destination)
        } catch {
            try? fileManager.removeItem(atPath: temporary)
            throw SwiftmodError.fileSystem(path: destination, action: "write", reason: error.localizedDescription)
        }
    }

    private func rename(_ from: String, over to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw SwiftmodError.fileSystem(path: to, action: "replace", reason: String(cString: strerror(errno)))
        }
    }
}
