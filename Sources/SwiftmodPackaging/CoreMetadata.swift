import SwiftmodModel

/// The `METADATA` file (core metadata 2.4) of a distribution, rendered from `[project]`.
public struct CoreMetadata: Equatable, Sendable {
    /// The `[project]` table the fields come from (name, normalized version, summary, people, requirements, ...).
    public var project: ProjectMetadata
    /// The readme's text and content type, read from its file by the caller.
    public var readme: (text: String, contentType: String)?
    /// The text of a legacy `license = { file = ... }` / `{ text = ... }`.
    public var licenseText: String?
    /// License files as they are placed under `.dist-info/licenses/` (PEP 639).
    public var licenseFiles: [String]

    /// Metadata for `project`; the files it names (readme, license) already read by the caller.
    public init(
        project: ProjectMetadata, readme: (text: String, contentType: String)? = nil, licenseText: String? = nil,
        licenseFiles: [String] = []
    ) {
        self.project = project
        self.readme = readme
        self.licenseText = licenseText
        self.licenseFiles = licenseFiles
    }

    /// Field-by-field equality; written out because the `readme` tuple is not `Equatable`.
    public static func == (lhs: CoreMetadata, rhs: CoreMetadata) -> Bool {
        lhs.project == rhs.project && lhs.readme?.text == rhs.readme?.text && lhs.readme?.contentType == rhs.readme?.contentType
            && lhs.licenseText == rhs.licenseText && lhs.licenseFiles == rhs.licenseFiles
    }

    /// The file's text: `Key: value` headers, a blank line, then the long description.
    public func render() -> String {
        var lines: [String] = []
        func add(_ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            // Continuation lines of a multi-line value are indented (RFC 822 folding).
            lines.append("\(key): " + value.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n       "))
        }
        add("Metadata-Version", "2.4")
        add("Name", project.name)
        add("Version", project.version)
        add("Summary", project.description)
        if !project.keywords.isEmpty { add("Keywords", project.keywords.joined(separator: ",")) }
        for (field, people) in [("Author", project.authors), ("Maintainer", project.maintainers)] {
            let named = people.filter { $0.email == nil }.compactMap(\.name)
            if !named.isEmpty { add(field, named.joined(separator: ", ")) }
            let emails = people.compactMap { person -> String? in
                guard let email = person.email else { return nil }
                return person.name.map { "\(Self.quotedDisplayName($0)) <\(email)>" } ?? email
            }
            if !emails.isEmpty { add("\(field)-email", emails.joined(separator: ", ")) }
        }
        switch project.license {
        case .expression(let expression): add("License-Expression", expression)
        case .text, .file: add("License", licenseText)
        case nil: break
        }
        for file in licenseFiles { add("License-File", file) }
        for classifier in project.classifiers { add("Classifier", classifier) }
        add("Requires-Python", project.requiresPython)
        for requirement in project.dependencies { add("Requires-Dist", requirement) }
        for (extra, requirements) in project.optionalDependencies {
            add("Provides-Extra", extra)
            for requirement in requirements { add("Requires-Dist", Self.requirement(requirement, forExtra: extra)) }
        }
        for (label, url) in project.urls { add("Project-URL", "\(label), \(url)") }
        if let readme { add("Description-Content-Type", readme.contentType) }
        var text = lines.joined(separator: "\n") + "\n"
        if let readme { text += "\n" + readme.text + (readme.text.hasSuffix("\n") ? "" : "\n") }
        return text
    }

    /// `req; extra == "x"`, joining an existing marker with `and` (PEP 508).
    static func requirement(_ requirement: String, forExtra extra: String) -> String {
        let extraMarker = "extra == \"\(extra)\""
        guard let semicolon = requirement.firstIndex(of: ";") else { return "\(requirement); \(extraMarker)" }
        let base = requirement[..<semicolon].trimmingCharacters(in: " ")
        let marker = requirement[requirement.index(after: semicolon)...].trimmingCharacters(in: " ")
        return "\(base); (\(marker)) and \(extraMarker)"
    }

    /// A display name quoted when it holds characters special in an address header.
    static func quotedDisplayName(_ name: String) -> String {
        name.contains(where: { ",()<>@:;\"".contains($0) }) ? "\"" + name.replacingAll("\"", with: "\\\"") + "\"" : name
    }
}
