import Foundation
import SwiftmodTemplates

/// `swiftmod upload` (issue 19): wheels and sdists to a package index over the upload API that
/// twine uses. The settings (index, credentials) are resolved here, as twine resolves them; the
/// HTTP request is made by a Python interpreter (`Templates/upload/upload.py.tmpl`, the standard
/// library's urllib and TLS), because the toolchain's HTTP client would tie swiftmod's own wheel
/// to the system's libcurl.
public struct Uploader {
    /// What to upload, and where.
    public struct Request: Sendable {
        /// The wheels and sdists to upload, in order.
        public var files: [String]
        /// `--repository-url`.
        public var repositoryURL: String?
        /// `-r/--repository`: a section of `~/.pypirc` (default `pypi`).
        public var repository: String?
        /// `-u/--username`; nil falls back to the environment, `~/.pypirc`, or `__token__` for an API token.
        public var username: String?
        /// `-p/--password` (or API token); nil falls back to `SWIFTMOD_PASSWORD`, `TWINE_PASSWORD`, then `~/.pypirc`.
        public var password: String?
        /// Files the index has already are reported and skipped, not an error.
        public var skipExisting: Bool
        /// The interpreter that makes the requests.
        public var python: String

        /// A request; the index and credentials default to what the environment and `~/.pypirc` say.
        public init(
            files: [String], repositoryURL: String? = nil, repository: String? = nil, username: String? = nil, password: String? = nil,
            skipExisting: Bool = false, python: String = "python3"
        ) {
            self.files = files
            self.repositoryURL = repositoryURL
            self.repository = repository
            self.username = username
            self.password = password
            self.skipExisting = skipExisting
            self.python = python
        }
    }

    /// Where to upload and as whom.
    public struct Settings: Equatable, Sendable {
        /// The index's upload endpoint (`https://upload.pypi.org/legacy/` by default).
        public var url: String
        /// The user name sent with basic authentication (`__token__` for a PyPI API token).
        public var username: String
        /// The password or API token.
        public var password: String

        /// Settings as resolved, not checked.
        public init(url: String, username: String, password: String) {
            self.url = url
            self.username = username
            self.password = password
        }
    }

    /// One file's outcome.
    public struct Result: Sendable {
        /// The file as given in the request.
        public var file: String
        /// `uploaded` or `skipped`.
        public var status: String
        /// What the index answered (`200 OK`), or why the file was skipped (`it is on the index already`).
        public var message: String
    }

    /// The public index's upload URL.
    public static let defaultURL = "https://upload.pypi.org/legacy/"

    /// The files and the settings asked for on the command line.
    public let request: Request
    /// Runs the interpreter that makes the HTTP requests.
    public let runner: any ProcessRunning
    /// The process environment (`SWIFTMOD_*` and `TWINE_*` credentials, `HOME`).
    public let environment: [String: String]

    /// An uploader; nothing is sent until `run()`.
    public init(request: Request, runner: any ProcessRunning, environment: [String: String]) {
        self.request = request
        self.runner = runner
        self.environment = environment
    }

    /// Resolves the index and the credentials as twine does: flags, then `SWIFTMOD_*` and
    /// `TWINE_*` variables, then the `~/.pypirc` section; a PyPI API token needs no username.
    public static func settings(_ request: Request, environment: [String: String], pypirc: String?) throws -> Settings {
        let sectionName = request.repository ?? environment["TWINE_REPOSITORY"] ?? "pypi"
        let sections = pypirc.map(Self.parseINI) ?? [:]
        let section = sections[sectionName]
        if request.repository != nil, section == nil, request.repositoryURL == nil {
            throw SwiftmodError.upload(
                reason: "no [\(sectionName)] section in ~/.pypirc: add one with `repository = URL`, or pass --repository-url")
        }
        func first(_ values: String?...) -> String? { values.lazy.compactMap { $0 }.first { !$0.isEmpty } }
        let url = first(request.repositoryURL, environment["TWINE_REPOSITORY_URL"], section?["repository"]) ?? defaultURL
        guard let password = first(request.password, environment["SWIFTMOD_PASSWORD"], environment["TWINE_PASSWORD"], section?["password"])
        else {
            throw SwiftmodError.upload(
                reason:
                    "no password for \(url): pass --password, set SWIFTMOD_PASSWORD (or TWINE_PASSWORD), or add it to the [\(sectionName)] section of ~/.pypirc"
            )
        }
        let username =
            first(request.username, environment["SWIFTMOD_USERNAME"], environment["TWINE_USERNAME"], section?["username"])
            ?? (password.hasPrefix("pypi-") ? "__token__" : nil)
        guard let username else {
            throw SwiftmodError.upload(
                reason:
                    "no username for \(url): pass --username, set SWIFTMOD_USERNAME (or TWINE_USERNAME), or add it to the [\(sectionName)] section of ~/.pypirc"
            )
        }
        return Settings(url: url, username: username, password: password)
    }

    /// `~/.pypirc`'s sections as twine's configparser reads them (`key = value` or `key: value`;
    /// `#` and `;` comments).
    static func parseINI(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                sections[current!, default: [:]] = sections[current!] ?? [:]
                continue
            }
            guard let current, let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
            sections[current]?[key] = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        }
        return sections
    }

    /// Uploads every file, in order; stops at the first failure with one message.
    public func run() throws -> [Result] {
        for file in request.files {
            guard FileManager.default.fileExists(atPath: file) else {
                throw SwiftmodError.upload(reason: "\(file) does not exist")
            }
            guard file.hasSuffix(".whl") || file.hasSuffix(".tar.gz") else {
                throw SwiftmodError.upload(reason: "\(file) is neither a wheel (.whl) nor an sdist (.tar.gz)")
            }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let pypirc = FileManager.default.contents(atPath: home + "/.pypirc").map { String(decoding: $0, as: UTF8.self) }
        let settings = try Self.settings(request, environment: environment, pypirc: pypirc)
        let input: [String: Any] = [
            "files": request.files.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            "url": settings.url, "username": settings.username, "password": settings.password,
            "skip_existing": request.skipExisting, "timeout": 120,
        ]
        let script = try Template("upload/upload.py.tmpl").render([:])
        // The settings hold the password: a file only this user can read, removed afterwards.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftmod-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let settingsFile = directory.appendingPathComponent("settings.json").path
        guard
            FileManager.default.createFile(
                atPath: settingsFile, contents: try JSONSerialization.data(withJSONObject: input), attributes: [.posixPermissions: 0o600])
        else {
            throw SwiftmodError.fileSystem(path: settingsFile, action: "write", reason: "the temporary directory is not writable")
        }
        let output: ProcessRunner.Output
        do { output = try runner.run(request.python, ["-c", script, settingsFile]) } catch {
            throw SwiftmodError.toolMissing(
                tool: request.python, reason: "swiftmod uploads through a Python interpreter's standard library; pass --python PATH")
        }
        var results: [Result] = []
        for line in output.stdout.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String],
                let file = object["file"], let status = object["status"], let message = object["message"]
            else { continue }
            let name = (file as NSString).lastPathComponent
            switch status {
            case "uploaded", "skipped":
                results.append(Result(file: file, status: status, message: message))
            case "denied":
                throw SwiftmodError.upload(
                    reason:
                        "\(settings.url) refused the credentials of '\(settings.username)' (\(message)) while uploading \(name): check the username and password (or API token)"
                )
            case "exists":
                throw SwiftmodError.upload(
                    reason:
                        "\(name) is on \(settings.url) already (\(message)): an index never replaces a file; pass --skip-existing to skip the files it has"
                )
            case "unreachable":
                throw SwiftmodError.upload(reason: "could not reach \(settings.url): \(message)")
            default:
                throw SwiftmodError.upload(reason: "uploading \(name) to \(settings.url) failed: \(message)")
            }
        }
        guard output.status == 0, results.count == request.files.count else {
            let detail =
                output.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init)
                ?? "exit \(output.status)"
            throw SwiftmodError.upload(reason: "the upload stopped after \(results.count) of \(request.files.count) files: \(detail)")
        }
        return results
    }
}
