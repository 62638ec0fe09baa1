// A small file pipeline: what the async bridge is for. Python awaits `scan_files(paths)` or
// iterates `scan_as_completed(paths)` while its event loop goes on; Swift reads the files on its
// own threads, a bounded number at a time, without the GIL.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What a scan found in one file: `wc`'s byte, line and word counts and a 64-bit FNV-1a
/// checksum of the contents.
public struct FileReport: Sendable, Equatable {
    public let path: String
    public let bytes: Int
    public let lines: Int
    public let words: Int
    public let checksum: UInt64
}

/// A file that could not be read: `concurrency.ScanError`, a subclass of `OSError`
/// (`[tool.swiftmod.exceptions]`), naming the path and the system's reason.
public enum ScanError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        }
    }
}

/// A concurrency limit outside 1...256: `concurrency.LimitError`, a subclass of `ValueError`.
public enum LimitError: Error, CustomStringConvertible {
    case outOfRange(Int)

    public var description: String {
        switch self {
        case .outOfRange(let value): "concurrency must be between 1 and 256, not \(value)"
        }
    }
}

let scansCancelled = Atomic<Int>(0)
let filesOpen = Atomic<Int>(0)
let mostFilesOpen = Atomic<Int>(0)

/// How many scans have ended because their Python task was cancelled (the tests' witness).
public func cancelledScanCount() -> Int {
    scansCancelled.load(ordering: .relaxed)
}

/// The most files that were open at once since the last call, which resets it: never more than
/// a scan's `concurrency`.
public func takeMostFilesOpen() -> Int {
    mostFilesOpen.exchange(0, ordering: .relaxed)
}

/// Reads every file in `paths`, at most `concurrency` at a time, on Swift's threads; the reports
/// come back in the order of `paths`. The first unreadable file ends the scan with its
/// `ScanError` (the reads still running are cancelled); cancelling the awaiting Python task
/// cancels every read at its next 64 KB block.
public func scanFiles(_ paths: [String], concurrency: Int = 4) async throws -> [FileReport] {
    let limit = try checkedLimit(concurrency)
    var reports = [FileReport?](repeating: nil, count: paths.count)
    do {
        try await withThrowingTaskGroup(of: (Int, FileReport).self) { group in
            var next = 0
            while next < paths.count && next < limit {
                let index = next
                group.addTask { (index, try readReport(paths[index])) }
                next += 1
            }
            while let (index, report) = try await group.next() {
                reports[index] = report
                if next < paths.count {
                    let index = next
                    group.addTask { (index, try readReport(paths[index])) }
                    next += 1
                }
            }
        }
    } catch let error as CancellationError {
        scansCancelled.add(1, ordering: .relaxed)
        throw error
    }
    return reports.map { $0! }
}

/// The reports of a scan, each as soon as its file is read (completion order): an async
/// iterator. Leaving the `async for` early cancels the reads still running.
public func scanAsCompleted(_ paths: [String], concurrency: Int = 4) -> AsyncThrowingStream<FileReport, any Error> {
    AsyncThrowingStream { continuation in
        let task = Task {
            do {
                let limit = try checkedLimit(concurrency)
                try await withThrowingTaskGroup(of: FileReport.self) { group in
                    var next = 0
                    while next < paths.count && next < limit {
                        let path = paths[next]
                        group.addTask { try readReport(path) }
                        next += 1
                    }
                    while let report = try await group.next() {
                        continuation.yield(report)
                        if next < paths.count {
                            let path = paths[next]
                            group.addTask { try readReport(path) }
                            next += 1
                        }
                    }
                }
                continuation.finish()
            } catch let error as CancellationError {
                scansCancelled.add(1, ordering: .relaxed)
                continuation.finish(throwing: error)
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
    }
}

func checkedLimit(_ concurrency: Int) throws(LimitError) -> Int {
    guard (1...256).contains(concurrency) else { throw .outOfRange(concurrency) }
    return concurrency
}

/// Reads the file at `path` in 64 KB blocks, checking for cancellation before each.
func readReport(_ path: String) throws -> FileReport {
    try Task.checkCancellation()
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ScanError.unreadable(path: path, reason: systemReason()) }
    defer { close(descriptor) }
    let nowOpen = filesOpen.add(1, ordering: .relaxed).newValue
    defer { filesOpen.subtract(1, ordering: .relaxed) }
    var most = mostFilesOpen.load(ordering: .relaxed)
    while nowOpen > most {
        let (exchanged, current) = mostFilesOpen.compareExchange(expected: most, desired: nowOpen, ordering: .relaxed)
        if exchanged { break }
        most = current
    }

    var counts = Counts()
    let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { block.deallocate() }
    while true {
        try Task.checkCancellation()
        let count = read(descriptor, block.baseAddress, block.count)
        if count < 0 {
            if errno == EINTR { continue }
            throw ScanError.unreadable(path: path, reason: systemReason())
        }
        if count == 0 { break }
        counts.add(UnsafeRawBufferPointer(rebasing: block[..<count]))
    }
    return FileReport(path: path, bytes: counts.bytes, lines: counts.lines, words: counts.words, checksum: counts.checksum)
}

func systemReason() -> String {
    String(cString: strerror(errno))
}

/// `wc`'s counts (a word is a run of bytes other than ASCII whitespace, as Python's
/// `bytes.split()` sees it) and FNV-1a, fed block by block.
struct Counts {
    var bytes = 0
    var lines = 0
    var words = 0
    var checksum: UInt64 = 0xcbf2_9ce4_8422_2325
    var inWord = false

    mutating func add(_ block: UnsafeRawBufferPointer) {
        bytes += block.count
        for byte in block {
            checksum = (checksum ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            if byte == 0x0A { lines += 1 }
            let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if !space && !inWord { words += 1 }
            inWord = !space
        }
    }
}
