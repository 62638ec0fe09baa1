import Foundation
import SwiftmodModel

/// A swiftmod project on disk: its directory and its parsed `pyproject.toml`.
public struct Project: Sendable {
    /// The absolute project directory.
    public var root: String
    public var pyproject: PyProject

    /// Loads the project in `directory`.
    public static func load(_ directory: String) throws -> Project {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let path = root + "/pyproject.toml"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SwiftmodError.noProject(path: root)
        }
        do {
            return Project(root: root, pyproject: try PyProject(text: String(decoding: data, as: UTF8.self), path: path))
        } catch {
            throw SwiftmodError.pyproject(error)
        }
    }

    /// swiftmod's own directory inside the project's SwiftPM build directory.
    public var buildDirectory: String { root + "/.build/swiftmod" }
}
