import ArgumentParser
import Foundation
import SwiftmodKit
import SwiftmodModel
import SwiftmodPackaging

/// The flags `upload` and `publish` share: the index and the credentials.
struct UploadOptions: ParsableArguments {
    @Option(help: "The index's upload URL (default: the public index, \(Uploader.defaultURL); also TWINE_REPOSITORY_URL).")
    var repositoryURL: String?

    @Option(name: [.customShort("r"), .long], help: "A section of ~/.pypirc to read the URL and credentials from (default: pypi).")
    var repository: String?

    @Option(
        name: [.customShort("u"), .long],
        help: "The username (also SWIFTMOD_USERNAME, TWINE_USERNAME, ~/.pypirc; __token__ for an API token).")
    var username: String?

    @Option(name: [.customShort("p"), .long], help: "The password or API token (also SWIFTMOD_PASSWORD, TWINE_PASSWORD, ~/.pypirc).")
    var password: String?

    @Flag(help: "Skip files the index has already instead of stopping.")
    var skipExisting = false

    @Option(help: "The Python interpreter that makes the HTTP requests.")
    var python: String = "python3"

    func request(files: [String]) -> Uploader.Request {
        Uploader.Request(
            files: files, repositoryURL: repositoryURL, repository: repository, username: username, password: password,
            skipExisting: skipExisting, python: python)
    }
}

extension Swiftmod {
    /// `swiftmod upload FILES…`: wheels and sdists to a package index.
    struct Upload: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload wheels and sdists to a package index (PyPI by default).",
            discussion: """
                Uses the upload API that twine uses, with the metadata read from each file. \
                Credentials come from --username/--password, SWIFTMOD_USERNAME/SWIFTMOD_PASSWORD, \
                TWINE_USERNAME/TWINE_PASSWORD, or the ~/.pypirc section as twine reads it. Stops \
                at the first file the index refuses; nothing is retried.
                """
        )

        @Argument(help: "The wheels (.whl) and sdists (.tar.gz) to upload.")
        var files: [String]

        @OptionGroup var upload: UploadOptions

        func run() throws {
            try reportingErrors {
                Console.reportUpload(
                    try Uploader(request: upload.request(files: files), runner: ProcessRunner(), environment: processEnvironment).run())
            }
        }
    }

    /// `swiftmod publish`: the sdist and the release wheels, built and uploaded.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the sdist and the release wheels, then upload them.",
            discussion: "As `swiftmod build --sdist` followed by `swiftmod upload` of exactly the files it wrote."
        )

        @OptionGroup var common: BuildOptions

        @Option(name: [.customShort("i"), .long], help: "A Python interpreter to build for (repeatable; default python3).")
        var interpreter: [String] = []

        @Flag(name: [.customShort("f"), .long], help: "Build for every CPython found that requires-python allows.")
        var findInterpreter = false

        @OptionGroup var upload: UploadOptions

        func run() throws {
            try reportingErrors {
                let context = try common.context()
                let sdist = try SdistBuilder(context: context).run()
                Console.reportSdist(sdist)
                let wheels = try WheelBuilder(
                    context: context, request: .init(interpreters: interpreter, findInterpreters: findInterpreter)
                ).run()
                for wheel in wheels { Console.say("Built \(wheel.path)") }
                Console.reportUpload(
                    try Uploader(
                        request: upload.request(files: [sdist.path] + wheels.map(\.path)), runner: context.runner,
                        environment: context.environment
                    ).run())
            }
        }
    }
}

extension Console {
    /// What `upload` did, a line per file.
    static func reportUpload(_ results: [Uploader.Result]) {
        for result in results {
            let name = (result.file as NSString).lastPathComponent
            say(result.status == "skipped" ? "Skipped \(name): \(result.message)" : "Uploaded \(name)")
        }
    }
}
