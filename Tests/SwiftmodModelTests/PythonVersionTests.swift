import SwiftmodModel
import Testing

/// `requires-python` specifiers and the abi3 key (docs/design/interpreters.md#abi3).
@Suite struct RequiresPython {
    @Test(arguments: [
        (">=3.10", "3.10.0", true), (">=3.10", "3.9.18", false), (">=3.10,<3.13", "3.13.0", false),
        (">=3.10,<3.13", "3.12.1", true), ("~=3.11", "3.13.0", true), ("~=3.11", "4.0.0", false),
        ("~=3.11.2", "3.11.7", true), ("~=3.11.2", "3.12.0", false), ("==3.11.*", "3.11.7", true),
        ("==3.11.*", "3.12.1", false), ("!=3.12.*", "3.12.1", false), ("!=3.12.*", "3.13.0", true),
        ("==3.11", "3.11.0", true), ("==3.11", "3.11.7", false), (">3.11", "3.11.0", false),
        (">3.11", "3.11.1", true), ("<=3.12", "3.12.0", true), (" >= 3.10 , != 3.11.* ", "3.11.7", false), ("", "3.6.0", true),
    ])
    func evaluates(_ specifiers: String, _ version: String, _ expected: Bool) throws {
        #expect(try VersionSpecifiers(specifiers).contains(PythonVersion(version)!) == expected)
    }

    @Test(arguments: ["3.10", ">=", ">=three", "~=3", ">=3.*"])
    func refusesWhatIsNotASpecifier(_ text: String) {
        #expect(throws: VersionSpecifiers.Invalid.self) { try VersionSpecifiers(text) }
    }

    @Test func versionsParseCompareAndSpellTheirLimitedAPI() {
        #expect(PythonVersion("3.10.13") == PythonVersion(3, 10, 13))
        #expect(PythonVersion("3.9")! < PythonVersion("3.10")!)
        #expect(PythonVersion("3.x") == nil && PythonVersion("") == nil && PythonVersion("3..1") == nil)
        #expect(PythonVersion(3, 10).limitedAPIHex == "0x030A0000")
        #expect(PythonVersion(3, 13).limitedAPIHex == "0x030D0000")
        #expect(PythonVersion(3, 12, 1).tagDigits == "312")
    }
}

@Suite struct ABI3Setting {
    func project(_ tool: String, requires: String = ">=3.10") throws -> PyProject {
        try PyProject(text: "[project]\nname = \"x\"\nversion = \"1\"\nrequires-python = \"\(requires)\"\n[tool.swiftmod]\n\(tool)\n")
    }

    @Test func readsTheVersion() throws {
        #expect(try project("abi3 = \"3.11\"").stableABI == .abi3(PythonVersion(3, 11)))
        #expect(try project("").stableABI == nil)
        #expect(try project("").requiresPython?.description == ">=3.10")
    }

    @Test func refusesWhatTheGlueCannotUseWithTheLine() {
        let old = #expect(throws: PyProjectError.self) { try project("abi3 = \"3.8\"", requires: ">=3.8") }
        #expect(
            old?.description
                == "pyproject.toml:6: [tool.swiftmod] `abi3 = \"3.8\"`: swiftmod's glue needs the limited API of 3.10 or newer; write \"3.10\""
        )
        let bad = #expect(throws: PyProjectError.self) { try project("abi3 = \"py310\"") }
        #expect(bad?.line == 6)
        let excluded = #expect(throws: PyProjectError.self) { try project("abi3 = \"3.10\"", requires: ">=3.11") }
        #expect(excluded?.description.contains("`abi3 = \"3.10\"` names a Python that `requires-python = \">=3.11\"` excludes") == true)
    }

    /// docs/design/interpreters.md#abi3t: 3.15 or newer, never together with abi3.
    @Test func readsABI3TAndRefusesItBelow315OrBesideABI3() throws {
        #expect(try project("abi3t = \"3.15\"").stableABI == .abi3t(PythonVersion(3, 15)))
        let old = #expect(throws: PyProjectError.self) { try project("abi3t = \"3.14\"") }
        #expect(
            old?.description
                == "pyproject.toml:6: [tool.swiftmod] `abi3t = \"3.14\"`: the Stable ABI for free-threaded builds (abi3t) begins with CPython 3.15; write \"3.15\", or use abi3 for older versions"
        )
        let both = #expect(throws: PyProjectError.self) { try project("abi3 = \"3.10\"\nabi3t = \"3.15\"") }
        #expect(both?.line == 7)
        #expect(both?.description.contains("sets both `abi3 = \"3.10\"` and `abi3t = \"3.15\"`") == true)
        let excluded = #expect(throws: PyProjectError.self) { try project("abi3t = \"3.15\"", requires: ">=3.16") }
        #expect(excluded?.description.contains("tag cp315-abi3.abi3t would claim it") == true)
        let bad = #expect(throws: PyProjectError.self) { try project("abi3t = \"yes\"") }
        #expect(bad?.line == 6)
    }

    /// One value for both Stable ABIs: each property is the kind's own, and each floor is checked.
    @Test func stableABIKindsDifferInSuffixTagAndFloor() throws {
        let abi3 = StableABI.abi3(PythonVersion(3, 10))
        let abi3t = StableABI.abi3t(PythonVersion(3, 15))
        #expect([abi3.extensionSuffix, abi3t.extensionSuffix] == [".abi3.so", ".abi3t.so"])
        #expect([abi3.abiTag, abi3t.abiTag] == ["abi3", "abi3.abi3t"])
        #expect([abi3.name, abi3t.name] == ["abi3", "abi3t"] && !abi3.isABI3T && abi3t.isABI3T)
        #expect(abi3.problem(requiresPython: nil) == nil && abi3t.problem(requiresPython: nil) == nil)
        #expect(StableABI.abi3(PythonVersion(3, 9)).problem(requiresPython: nil) == .tooOld)
        #expect(StableABI.abi3t(PythonVersion(3, 14)).problem(requiresPython: nil) == .tooOld)
        // 3.14 is a valid abi3 target: the floors are the kinds' own.
        #expect(StableABI.abi3(PythonVersion(3, 14)).problem(requiresPython: nil) == nil)
        let specifiers = try VersionSpecifiers(">=3.11")
        #expect(abi3.problem(requiresPython: specifiers) == .excluded(specifiers))
        #expect(abi3t.problem(requiresPython: specifiers) == nil)
    }

    @Test func refusesAnInvalidRequiresPythonWithItsLine() {
        let error = #expect(throws: PyProjectError.self) { try project("", requires: "3.10+") }
        #expect(error?.line == 4)
    }
}
