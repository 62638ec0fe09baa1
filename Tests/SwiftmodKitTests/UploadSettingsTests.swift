import SwiftmodKit
import Testing

/// How `upload` finds the index and the credentials: as twine does.
@Suite struct UploadSettingsResolution {
    let pypirc = """
        [distutils]
        index-servers = pypi local

        [pypi]
        username = __token__
        password = pypi-AgEIcHlwaS5vcmc

        # a private index
        [local]
        repository: https://index.example/legacy/
        username = bob
        """

    @Test func flagsWinOverTheEnvironmentWhichWinsOverPypirc() throws {
        let environment = ["SWIFTMOD_USERNAME": "env-user", "TWINE_PASSWORD": "twine-pass"]
        let flags = try Uploader.settings(
            .init(files: [], username: "flag-user", password: "flag-pass"), environment: environment, pypirc: pypirc)
        #expect(flags == .init(url: Uploader.defaultURL, username: "flag-user", password: "flag-pass"))
        let env = try Uploader.settings(.init(files: []), environment: environment, pypirc: pypirc)
        #expect(env == .init(url: Uploader.defaultURL, username: "env-user", password: "twine-pass"))
        let file = try Uploader.settings(.init(files: []), environment: [:], pypirc: pypirc)
        #expect(file == .init(url: Uploader.defaultURL, username: "__token__", password: "pypi-AgEIcHlwaS5vcmc"))
    }

    @Test func aRepositorySectionGivesItsURLAndAnAPITokenNeedsNoUsername() throws {
        let local = try Uploader.settings(.init(files: [], repository: "local"), environment: ["SWIFTMOD_PASSWORD": "x"], pypirc: pypirc)
        #expect(local == .init(url: "https://index.example/legacy/", username: "bob", password: "x"))
        let token = try Uploader.settings(.init(files: [], password: "pypi-secret"), environment: [:], pypirc: nil)
        #expect(token.username == "__token__")
    }

    @Test func whatIsMissingIsNamed() {
        #expect(throws: (any Error).self) {
            try Uploader.settings(.init(files: [], repository: "nowhere"), environment: [:], pypirc: pypirc)
        }
        #expect(throws: (any Error).self) { try Uploader.settings(.init(files: [], username: "u"), environment: [:], pypirc: nil) }
        #expect(throws: (any Error).self) { try Uploader.settings(.init(files: [], password: "plain"), environment: [:], pypirc: nil) }
    }
}
