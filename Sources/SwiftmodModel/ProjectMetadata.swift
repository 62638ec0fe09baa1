import TOMLKit

/// The `[project]` table of `pyproject.toml` (PEP 621), checked and typed. Files it names
/// (readme, license files) are kept as paths: reading them is the caller's job.
public struct ProjectMetadata: Equatable, Sendable {
    /// A person in `authors` or `maintainers`.
    public struct Person: Equatable, Sendable {
        /// The person's name; nil when only an email is given.
        public var name: String?
        /// The person's email address; nil when only a name is given.
        public var email: String?

        /// A person; parsing requires at least one of `name` and `email`, and an `@` in the email.
        public init(name: String? = nil, email: String? = nil) {
            self.name = name
            self.email = email
        }
    }

    /// Where the long description comes from.
    public enum Readme: Equatable, Sendable {
        /// A file relative to the project, with its content type.
        case file(path: String, contentType: String)
        /// Inline text.
        case text(String, contentType: String)
    }

    /// The license: an SPDX expression (PEP 639), or the legacy table form.
    public enum License: Equatable, Sendable {
        case expression(String)
        case text(String)
        case file(String)
    }

    /// `name`, as written.
    public var name: String
    /// `version`, normalized (PEP 440).
    public var version: String
    /// `description`: the one-line summary (a newline in it is an error); nil when absent.
    public var description: String?
    /// `readme`: where the long description comes from; nil when absent.
    public var readme: Readme?
    /// `requires-python`, as written (`PyProject.requiresPython` holds it parsed); nil when absent.
    public var requiresPython: String?
    /// `license`: an SPDX expression, or the legacy `{text}` / `{file}` table; nil when absent.
    public var license: License?
    /// `license-files` globs; nil when absent (the PEP 639 default patterns apply).
    public var licenseFiles: [String]?
    /// `authors`, in file order.
    public var authors: [Person] = []
    /// `maintainers`, in file order.
    public var maintainers: [Person] = []
    /// `keywords`, in file order.
    public var keywords: [String] = []
    /// `classifiers` (trove classifiers), in file order and not checked against the trove list.
    public var classifiers: [String] = []
    /// `[project.urls]`, label → URL, in file order.
    public var urls: [(String, String)] = []
    /// `dependencies`: PEP 508 requirement strings as written, in file order.
    public var dependencies: [String] = []
    /// `[project.optional-dependencies]`, extra → requirements, in file order.
    public var optionalDependencies: [(String, [String])] = []
    /// Entry point groups in file order: `console_scripts` from `[project.scripts]`,
    /// `gui_scripts` from `[project.gui-scripts]`, then `[project.entry-points.*]`.
    public var entryPoints: [(group: String, entries: [(String, String)])] = []

    /// The keys of `[project]` that swiftmod understands (PEP 621).
    public static let knownKeys: [String] = [
        "name", "version", "description", "readme", "requires-python", "license", "license-files",
        "authors", "maintainers", "keywords", "classifiers", "urls", "dependencies",
        "optional-dependencies", "scripts", "gui-scripts", "entry-points", "dynamic",
    ]

    /// Metadata with only the required `name` and (normalized) `version`.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// Field-by-field equality; written out because the tuple arrays (`urls`, `entryPoints`, ...) are not `Equatable`.
    public static func == (lhs: ProjectMetadata, rhs: ProjectMetadata) -> Bool {
        lhs.name == rhs.name && lhs.version == rhs.version && lhs.description == rhs.description
            && lhs.readme == rhs.readme && lhs.requiresPython == rhs.requiresPython && lhs.license == rhs.license
            && lhs.licenseFiles == rhs.licenseFiles && lhs.authors == rhs.authors && lhs.maintainers == rhs.maintainers
            && lhs.keywords == rhs.keywords && lhs.classifiers == rhs.classifiers
            && lhs.urls.map { [$0.0, $0.1] } == rhs.urls.map { [$0.0, $0.1] }
            && lhs.dependencies == rhs.dependencies
            && lhs.optionalDependencies.map { [$0.0] + $0.1 } == rhs.optionalDependencies.map { [$0.0] + $0.1 }
            && lhs.entryPoints.map { [$0.group] + $0.entries.flatMap { [$0.0, $0.1] } }
                == rhs.entryPoints.map { [$0.group] + $0.entries.flatMap { [$0.0, $0.1] } }
    }

    /// The content type PEP 621 assigns to a readme file by its extension, or nil.
    public static func readmeContentType(forPath path: String) -> String? {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") { return "text/markdown" }
        if lower.hasSuffix(".rst") { return "text/x-rst" }
        if lower.hasSuffix(".txt") { return "text/plain" }
        return nil
    }
}

// MARK: - Parsing

extension ProjectMetadata {
    /// Reads `[project]` from `table`. `fail(message, key)` makes the error for a key of
    /// `[project]` (or a dotted sub-table such as `project.urls`).
    static func parse(
        _ project: TOMLTable, name: String, version: String,
        fail: (String, _ table: String, _ key: String?) -> PyProjectError
    ) throws(PyProjectError) -> ProjectMetadata {
        var metadata = ProjectMetadata(name: name, version: version)
        func err(_ key: String, _ message: String) -> PyProjectError { fail(message, "project", key) }

        for key in project.keys where !knownKeys.contains(key) {
            throw err(key, "unknown key `\(key)` in [project]; PEP 621 defines: \(knownKeys.joined(separator: ", "))")
        }
        if let dynamic = project["dynamic"] {
            let fields = try strings(dynamic, key: "dynamic", err)
            if !fields.isEmpty {
                throw err(
                    "dynamic",
                    "swiftmod reads every [project] field from pyproject.toml; remove `dynamic = [\(fields.map { "\"\($0)\"" }.joined(separator: ", "))]` and give the values"
                )
            }
        }
        metadata.description = try string(project["description"], key: "description", err)
        if let description = metadata.description, description.contains("\n") {
            throw err("description", "`description` is the one-line summary; put longer text in `readme`")
        }
        metadata.requiresPython = try string(project["requires-python"], key: "requires-python", err)
        metadata.readme = try readme(project["readme"], err)
        metadata.license = try license(project["license"], err)
        if let files = project["license-files"] {
            metadata.licenseFiles = try strings(files, key: "license-files", err)
            if case .text = metadata.license {
                throw err("license-files", "`license-files` needs `license` to be an SPDX expression string, not a table (PEP 639)")
            }
            if case .file = metadata.license {
                throw err("license-files", "`license-files` needs `license` to be an SPDX expression string, not a table (PEP 639)")
            }
            for pattern in metadata.licenseFiles ?? [] where pattern.hasPrefix("/") || pattern.split(separator: "/").contains("..") {
                throw err("license-files", "`\(pattern)` must be a relative path inside the project (PEP 639)")
            }
        }
        metadata.authors = try people(project["authors"], key: "authors", err)
        metadata.maintainers = try people(project["maintainers"], key: "maintainers", err)
        metadata.keywords = try project["keywords"].map { v throws(PyProjectError) in try strings(v, key: "keywords", err) } ?? []
        metadata.classifiers = try project["classifiers"].map { v throws(PyProjectError) in try strings(v, key: "classifiers", err) } ?? []
        metadata.dependencies =
            try project["dependencies"].map { v throws(PyProjectError) in try strings(v, key: "dependencies", err) } ?? []
        if let urls = project["urls"] {
            guard let table = urls.table else { throw err("urls", "`urls` must be a table of label = \"https://...\"") }
            for label in table.keys {
                guard let url = table[label]?.string else {
                    throw fail("`\(label)` in [project.urls] must be a URL string", "project.urls", label)
                }
                metadata.urls.append((label, url))
            }
        }
        if let extras = project["optional-dependencies"] {
            guard let table = extras.table else {
                throw err("optional-dependencies", "`optional-dependencies` must be a table of extra = [\"requirement\", ...]")
            }
            for extra in table.keys {
                guard (try? NameRules.validateDistribution(extra)) != nil else {
                    throw fail(
                        "`\(extra)` is not a valid extra name: use letters, digits, `-`, `_` and `.`", "project.optional-dependencies",
                        extra)
                }
                let requirements = try strings(table[extra]!, key: extra) { key, message in
                    fail(message, "project.optional-dependencies", key)
                }
                metadata.optionalDependencies.append((extra, requirements))
            }
        }
        for (key, group) in [("scripts", "console_scripts"), ("gui-scripts", "gui_scripts")] {
            if let value = project[key] {
                metadata.entryPoints.append((group, try entryPoints(value, table: "project.\(key)", fail)))
            }
        }
        if let groups = project["entry-points"] {
            guard let table = groups.table else { throw err("entry-points", "`entry-points` must be a table of groups") }
            for group in table.keys {
                if group == "console_scripts" || group == "gui_scripts" {
                    throw fail(
                        "use [project.\(group == "console_scripts" ? "scripts" : "gui-scripts")] instead of [project.entry-points.\(group)] (PEP 621)",
                        "project.entry-points", group)
                }
                metadata.entryPoints.append((group, try entryPoints(table[group]!, table: "project.entry-points.\(group)", fail)))
            }
        }
        return metadata
    }

    private static func string(_ value: (any TOMLValueConvertible)?, key: String, _ err: (String, String) -> PyProjectError)
        throws(PyProjectError) -> String?
    {
        guard let value else { return nil }
        guard let text = value.string else { throw err(key, "`\(key)` must be a string") }
        return text
    }

    private static func strings(_ value: any TOMLValueConvertible, key: String, _ err: (String, String) -> PyProjectError)
        throws(PyProjectError) -> [String]
    {
        guard let array = value.array else { throw err(key, "`\(key)` must be an array of strings") }
        var result: [String] = []
        for item in array {
            guard let text = item.string else { throw err(key, "`\(key)` must be an array of strings") }
            result.append(text)
        }
        return result
    }

    private static func readme(_ value: (any TOMLValueConvertible)?, _ err: (String, String) -> PyProjectError) throws(PyProjectError)
        -> Readme?
    {
        guard let value else { return nil }
        if let path = value.string {
            guard let type = readmeContentType(forPath: path) else {
                throw err(
                    "readme",
                    "cannot tell the content type of readme `\(path)` from its extension (.md, .rst or .txt); write readme = { file = \"\(path)\", content-type = \"text/markdown\" }"
                )
            }
            return .file(path: path, contentType: type)
        }
        guard let table = value.table else { throw err("readme", "`readme` must be a file name or a table with `file` or `text`") }
        let file = table["file"]?.string
        let text = table["text"]?.string
        let contentType = table["content-type"]?.string
        if (file == nil) == (text == nil) { throw err("readme", "`readme` needs exactly one of `file` or `text`") }
        guard let contentType = contentType ?? file.flatMap(readmeContentType(forPath:)) else {
            throw err("readme", "`readme` needs `content-type` (text/markdown, text/x-rst or text/plain)")
        }
        if let file { return .file(path: file, contentType: contentType) }
        return .text(text!, contentType: contentType)
    }

    private static func license(_ value: (any TOMLValueConvertible)?, _ err: (String, String) -> PyProjectError) throws(PyProjectError)
        -> License?
    {
        guard let value else { return nil }
        if let expression = value.string {
            guard SPDX.isPlausibleExpression(expression) else {
                throw err(
                    "license",
                    "`license = \"\(expression)\"` is not an SPDX license expression (PEP 639), such as \"MIT\" or \"Apache-2.0 OR MIT\"")
            }
            return .expression(expression)
        }
        guard let table = value.table else { throw err("license", "`license` must be an SPDX expression string such as \"MIT\"") }
        if let text = table["text"]?.string { return .text(text) }
        if let file = table["file"]?.string { return .file(file) }
        throw err("license", "`license` must be an SPDX expression string such as \"MIT\"")
    }

    private static func people(_ value: (any TOMLValueConvertible)?, key: String, _ err: (String, String) -> PyProjectError)
        throws(PyProjectError) -> [Person]
    {
        guard let value else { return [] }
        guard let array = value.array else { throw err(key, "`\(key)` must be an array of tables with `name` and/or `email`") }
        var result: [Person] = []
        for item in array {
            guard let table = item.table else { throw err(key, "`\(key)` must be an array of tables with `name` and/or `email`") }
            let person = Person(name: table["name"]?.string, email: table["email"]?.string)
            if person.name == nil && person.email == nil { throw err(key, "each entry of `\(key)` needs a `name` or an `email`") }
            if let email = person.email, !email.contains("@") { throw err(key, "`\(email)` in `\(key)` is not an email address") }
            result.append(person)
        }
        return result
    }

    private static func entryPoints(
        _ value: any TOMLValueConvertible, table name: String, _ fail: (String, String, String?) -> PyProjectError
    ) throws(PyProjectError) -> [(String, String)] {
        guard let table = value.table else { throw fail("[\(name)] must be a table of name = \"module:function\"", name, nil) }
        var result: [(String, String)] = []
        for key in table.keys {
            guard let target = table[key]?.string, target.split(separator: ":").count == 2 else {
                throw fail("`\(key)` in [\(name)] must be \"module:function\"", name, key)
            }
            result.append((key, target))
        }
        return result
    }
}

/// A light check of SPDX license expressions: identifiers joined by AND / OR / WITH, with
/// parentheses. It catches prose ("MIT License") and legacy classifiers, not unknown ids.
enum SPDX {
    static func isPlausibleExpression(_ text: String) -> Bool {
        let spaced = text.replacingAll("(", with: " ( ").replacingAll(")", with: " ) ")
        let tokens = spaced.split(separator: " ").map(String.init)
        guard !tokens.isEmpty else { return false }
        var expectOperand = true
        var depth = 0
        for token in tokens {
            switch token {
            case "(":
                guard expectOperand else { return false }
                depth += 1
            case ")":
                guard !expectOperand, depth > 0 else { return false }
                depth -= 1
            case "AND", "OR", "WITH":
                guard !expectOperand else { return false }
                expectOperand = true
            default:
                guard expectOperand, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.+:".contains($0)) }) else {
                    return false
                }
                expectOperand = false
            }
        }
        return !expectOperand && depth == 0
    }
}
