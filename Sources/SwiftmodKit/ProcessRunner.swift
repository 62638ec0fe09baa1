import Foundation

/// Starts other programs: `ProcessRunner` on the system, or a double in tests, so that Kit's
/// drivers can be tested without a toolchain.
public protocol ProcessRunning: Sendable {
    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments`, in `directory`.
    func run(_ executable: String, _ arguments: [String], in directory: String?) throws -> ProcessRunner.Output
}

extension ProcessRunning {
    /// Runs `executable` with `arguments` in the current directory.
    public func run(_ executable: String, _ arguments: [String]) throws -> ProcessRunner.Output {
        try run(executable, arguments, in: nil)
    }
}

/// The one place where swiftmod starts other programs.
public struct ProcessRunner: ProcessRunning {
    /// What a finished process printed and how it exited.
    public struct Output: Sendable {
        /// The exit status (for a process killed by a signal, the signal number, as Foundation reports it).
        public var status: Int32
        /// Everything written to standard output, decoded as UTF-8 (invalid bytes replaced).
        public var stdout: String
        /// Everything written to standard error, decoded as UTF-8 (invalid bytes replaced).
        public var stderr: String
        /// When each line of standard output arrived, in seconds since the process started
        /// (SwiftPM prints a line as each step starts: how `swift build`'s time divides).
        public var lineTimes: [LineTime]
        /// Both streams, stdout first.
        public var combined: String { stdout + stderr }

        /// An outcome, as a test double returns it.
        public init(status: Int32, stdout: String, stderr: String = "", lineTimes: [LineTime] = []) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.lineTimes = lineTimes
        }
    }

    /// A line of output and when it arrived.
    public struct LineTime: Sendable, Equatable {
        /// Seconds since the process started when the line arrived.
        public var seconds: Double
        /// The line, without its newline.
        public var line: String

        /// A line that arrived `seconds` after the start.
        public init(seconds: Double, line: String) {
            self.seconds = seconds
            self.line = line
        }
    }

    /// Called with each command line before it runs (`-v`).
    public var echo: (@Sendable (String) -> Void)?

    /// A runner; `echo` (nil for none) sees each command line, shell-quoted, before it runs.
    public init(echo: (@Sendable (String) -> Void)? = nil) {
        self.echo = echo
    }

    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments`.
    public func run(_ executable: String, _ arguments: [String], in directory: String?) throws -> Output {
        echo?(([executable] + arguments).map(shellQuoted).joined(separator: " "))
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        do { try process.run() } catch {
            throw SwiftmodError.toolMissing(tool: executable, reason: "\(error.localizedDescription)")
        }
        // Read both pipes concurrently so that neither fills up and blocks the child.
        let errData = LockedData()
        let errReader = Thread { errData.set(errPipe.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        // Standard output as it comes, noting when each line arrived.
        var outData = Data()
        var lineTimes: [LineTime] = []
        var lineStart = 0
        let reader = outPipe.fileHandleForReading
        while case let chunk = reader.availableData, !chunk.isEmpty {
            let seconds = Date().timeIntervalSince(start)
            outData.append(chunk)
            while let newline = outData[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                lineTimes.append(LineTime(seconds: seconds, line: String(decoding: outData[lineStart..<newline], as: UTF8.self)))
                lineStart = newline + 1
            }
        }
        process.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.value, as: UTF8.self), lineTimes: lineTimes)
    }

    private func shellQuoted(_ word: String) -> String {
        word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:+,@".contains($0) })
            ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Data filled in by a reader thread.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ data: Data) { lock.withLock { self.data = data } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
