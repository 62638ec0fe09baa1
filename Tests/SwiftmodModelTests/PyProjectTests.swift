import SwiftmodModel
import Testing

@Suite struct PyProjectParsing {
    let valid = """
        [project]
        name = "word-tools"
        version = "0.1.0"

        [tool.swiftmod]
        module-name = "wt"
        swift-target = "WordTools"
        strict = true
        """

    @Test func readsNamesVersionAndStrict() throws {
        let project = try PyProject(text: valid)
        #expect(project.names == ProjectNames(distribution: "word-tools", module: "wt", swiftTarget: "WordTools"))
        #expect(project.version == "0.1.0")
        #expect(project.strict)
    }

    @Test func defaultsFollowDesignSection2() throws {
        let project = try PyProject(text: "[project]\nname = \"word.tools\"\nversion = \"1\"\n")
        #expect(project.names.module == "word_tools" && project.names.swiftTarget == "WordTools")
        #expect(!project.strict)
        #expect(project.releaseGIL == .auto)
    }

    @Test(arguments: ReleaseGIL.allCases)
    func readsReleaseGIL(_ setting: ReleaseGIL) throws {
        let project = try PyProject(
            text: "[project]\nname = \"x\"\nversion = \"1\"\n[tool.swiftmod]\nrelease-gil = \"\(setting.rawValue)\"\n")
        #expect(project.releaseGIL == setting)
    }

    @Test func refusesAnUnknownReleaseGIL() {
        let error = #expect(throws: PyProjectError.self) {
            try PyProject(text: "[project]\nname = \"x\"\nversion = \"1\"\n[tool.swiftmod]\nrelease-gil = \"yes\"\n")
        }
        #expect(
            error?.description
                == "pyproject.toml:5: [tool.swiftmod] `release-gil = \"yes\"` is not one of \"auto\" (the default), \"always\", \"never\"")
    }

    @Test(arguments: [
        ("[project\nname = 1", "pyproject.toml:1: invalid TOML"),
        ("[tool.x]\n", "pyproject.toml: no [project] table"),
        ("[project]\nversion = \"1\"\n", "pyproject.toml:1: [project] needs `name"),
        ("[project]\nname = \"x\"\nversion = \"one\"\n", "pyproject.toml:3: `version = \"one\"` is not a valid version"),
        ("[project]\nname = \"-x\"\nversion = \"1\"\n", "pyproject.toml:2: '-x' is not a valid project name"),
        (
            "[project]\nname = \"x\"\nversion = \"1\"\n[tool.swiftmod]\nmodule_name = \"y\"\n",
            "pyproject.toml:5: unknown key `module_name` in [tool.swiftmod]"
        ),
        (
            "[project]\nname = \"x\"\nversion = \"1\"\n[tool.swiftmod]\nstrict = \"yes\"\n",
            "pyproject.toml:5: [tool.swiftmod] `strict` must be true or false"
        ),
        (
            "[project]\nname = \"x\"\nversion = \"1\"\n[tool.swiftmod]\nmodule-name = \"class\"\n",
            "pyproject.toml:5: 'class' is not a valid Python module name"
        ),
    ])
    func errorsNameFileLineAndProblem(text: String, message: String) {
        #expect {
            try PyProject(text: text)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test(arguments: [
        ("1.0", "1.0"), ("1.0.0-RC1", "1.0.0rc1"), ("v2.1", "2.1"), ("1.0.post2", "1.0.post2"), ("1.0.dev3", "1.0.dev3"),
        ("1!2.0", "1!2.0"), ("1.0+local.1", "1.0+local.1"), ("1.0-1", "1.0.post1"),
    ])
    func normalizesVersions(text: String, normalized: String) throws {
        #expect(try PEP440Version(text).normalized == normalized)
    }

    @Test(arguments: ["", "one", "1.0-", "1..0", "1.0+", "1.0 beta"])
    func rejectsInvalidVersions(text: String) {
        #expect(throws: PEP440Version.Invalid.self) { try PEP440Version(text) }
    }
}

@Suite struct ExceptionBasesTable {
    let head = "[project]\nname = \"x\"\nversion = \"1\"\n[tool.swiftmod.exceptions]\n"

    @Test func mapsErrorTypesToBuiltInBases() throws {
        let project = try PyProject(text: head + "ParseError = \"ValueError\"\nLookupFailed = \"KeyError\"\n")
        #expect(project.exceptionBases == ["ParseError": "ValueError", "LookupFailed": "KeyError"])
    }

    @Test(arguments: [
        (
            "ParseError = \"ValueErorr\"",
            "pyproject.toml:5: [tool.swiftmod.exceptions] `ParseError = \"ValueErorr\"`: \"ValueErorr\" is not a built-in exception swiftmod can subclass; use one of"
        ),
        (
            "ParseError = \"UnicodeDecodeError\"",
            "(the Unicode errors need five constructor arguments; use \"UnicodeError\" or \"ValueError\")"
        ),
        (
            "ParseError = true",
            "pyproject.toml:5: [tool.swiftmod.exceptions] `ParseError` must be the name of a built-in exception, as a string"
        ),
    ])
    func refusesWhatIsNotABuiltInException(line: String, message: String) {
        let error = #expect(throws: PyProjectError.self) { try PyProject(text: head + line + "\n") }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test func refusesANonTable() {
        let error = #expect(throws: PyProjectError.self) {
            try PyProject(text: "[project]\nname = \"x\"\nversion = \"1\"\n[tool.swiftmod]\nexceptions = \"ValueError\"\n")
        }
        #expect(error?.description.hasPrefix("pyproject.toml:5: [tool.swiftmod] `exceptions` must be a table") == true)
    }
}
