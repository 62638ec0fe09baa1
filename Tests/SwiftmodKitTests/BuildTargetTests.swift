import SwiftmodKit
import SwiftmodModel
import Testing

/// Which interpreters swiftmod builds for, and the tags it gives (docs/design/interpreters.md#interpreters).
@Suite struct BuildTargets {
    func interpreter(_ version: String, abi: String? = nil, implementation: String = "cpython", headers: Bool = true) -> PythonInterpreter {
        var python = PythonInterpreter(
            executable: "/opt/python\(version)/bin/python3", include: "/opt/python\(version)/include", extSuffix: ".so", version: version)
        python.fullVersion = PythonVersion(version)!
        python.abiTag = abi ?? "cp" + PythonVersion(version)!.tagDigits
        python.implementation = implementation
        python.hasHeaders = headers
        return python
    }

    @Test func tagsComeFromTheInterpreterOrTheABI3Version() {
        #expect(
            BuildTarget(interpreter: interpreter("3.12.1"), stableABI: nil).wheelTag(platform: "linux_x86_64").description
                == "cp312-cp312-linux_x86_64")
        #expect(BuildTarget(interpreter: interpreter("3.13.0", abi: "cp313t"), stableABI: nil).tagDescription == "cp313-cp313t")
        #expect(BuildTarget(interpreter: interpreter("3.12.1"), stableABI: .abi3(PythonVersion(3, 10))).tagDescription == "cp310-abi3")
        // abi3t (docs/design/interpreters.md#abi3t): a compressed ABI tag, both tags in WHEEL, its own suffix.
        let abi3t = BuildTarget(interpreter: interpreter("3.15.2"), stableABI: .abi3t(PythonVersion(3, 15)))
        #expect(abi3t.tagDescription == "cp315-abi3.abi3t" && abi3t.extensionSuffix == ".abi3t.so")
        #expect(
            abi3t.wheelTag(platform: "manylinux_2_17_x86_64.manylinux2014_x86_64").expanded == [
                "cp315-abi3-manylinux_2_17_x86_64", "cp315-abi3-manylinux2014_x86_64", "cp315-abi3t-manylinux_2_17_x86_64",
                "cp315-abi3t-manylinux2014_x86_64",
            ])
        #expect(BuildTarget(interpreter: interpreter("3.12.1"), stableABI: .abi3(PythonVersion(3, 10))).extensionSuffix == ".abi3.so")
    }

    @Test func unsupportedInterpretersSayWhy() throws {
        let requires = try VersionSpecifiers(">=3.11")
        #expect(interpreter("3.12.1").unsupportedReason(requiresPython: requires) == nil)
        #expect(
            interpreter("3.10.13").unsupportedReason(requiresPython: requires)?.contains("requires-python = \">=3.11\" excludes") == true)
        #expect(interpreter("3.9.18").unsupportedReason(requiresPython: nil)?.contains("older than the 3.10") == true)
        #expect(interpreter("3.11.7", implementation: "pypy").unsupportedReason(requiresPython: nil)?.contains("pypy, not CPython") == true)
        #expect(interpreter("3.11.7", headers: false).unsupportedReason(requiresPython: nil)?.contains("no C headers") == true)
    }
}

/// The `swift` driver builds run (`SWIFTMOD_SWIFT`).
@Suite struct SwiftDriver {
    @Test func anEmptyVariableMeansSwiftOnPath() {
        #expect(SwiftToolchain.requested(environment: [:]) == "swift")
        #expect(SwiftToolchain.requested(environment: ["SWIFTMOD_SWIFT": ""]) == "swift")
        #expect(SwiftToolchain.requested(environment: ["SWIFTMOD_SWIFT": "/opt/swift/usr/bin/swift"]) == "/opt/swift/usr/bin/swift")
    }
}
