import SwiftmodPackaging
import Testing

/// Tag computation on synthetic requirement sets at each policy boundary (docs/design/building.md#platform-tag).
@Suite struct PlatformTagChoice {
    func tag(_ glibc: [String], needed: [String] = ["libc.so.6"], extra: [String: Set<String>] = [:], imported: Set<String> = []) throws
        -> String
    {
        var requirements = extra
        requirements["libc.so.6", default: []].formUnion(glibc.map { "GLIBC_\($0)" })
        return try PlatformTag.choose(for: BinaryRequirements(needed: needed, versionRequirements: requirements, importedSymbols: imported))
            .tag
    }

    @Test(arguments: [
        ("2.2.5", "manylinux_2_5_x86_64.manylinux1_x86_64"),
        ("2.5", "manylinux_2_5_x86_64.manylinux1_x86_64"),
        ("2.6", "manylinux_2_12_x86_64.manylinux2010_x86_64"),
        ("2.17", "manylinux_2_17_x86_64.manylinux2014_x86_64"),
        ("2.18", "manylinux_2_24_x86_64"),
        ("2.33", "manylinux_2_34_x86_64"),
        ("2.34", "manylinux_2_34_x86_64"),
        ("2.35", "manylinux_2_35_x86_64"),
    ])
    func highestGlibcVersionPicksThePolicy(version: String, expected: String) throws {
        #expect(try tag(["2.2.5", version]) == expected)
    }

    @Test func libstdcxxVersionsCountToo() throws {
        // GLIBCXX_3.4.30 first appears in manylinux_2_35, even with an old glibc.
        #expect(
            try tag(["2.2.5"], needed: ["libc.so.6", "libstdc++.so.6"], extra: ["libstdc++.so.6": ["GLIBCXX_3.4.30"]])
                == "manylinux_2_35_x86_64")
        #expect(
            try tag(["2.2.5"], needed: ["libc.so.6", "libstdc++.so.6"], extra: ["libstdc++.so.6": ["GLIBCXX_3.4.29"]])
                == "manylinux_2_34_x86_64")
    }

    @Test func theDynamicLoaderIsIgnored() throws {
        #expect(
            try tag(["2.17"], needed: ["libc.so.6", "ld-linux-x86-64.so.2"], extra: ["ld-linux-x86-64.so.2": ["GLIBC_2.35"]])
                == "manylinux_2_17_x86_64.manylinux2014_x86_64")
    }

    @Test func aLibraryOutsideEveryWhitelistIsNamed() {
        #expect {
            try tag(["2.17"], needed: ["libc.so.6", "libssl.so.3"])
        } throws: { error in
            (error as? PlatformTag.Failure)?.description.contains("it links libssl.so.3, which manylinux_2_41 does not allow") == true
        }
    }

    @Test func libzIsAllowedButNotItsBlacklistedInternals() throws {
        #expect(
            try tag(["2.17"], needed: ["libc.so.6", "libz.so.1"], imported: ["deflate"]) == "manylinux_2_17_x86_64.manylinux2014_x86_64")
        #expect {
            try tag(["2.17"], needed: ["libc.so.6", "libz.so.1"], imported: ["_tr_align"])
        } throws: { error in
            (error as? PlatformTag.Failure)?.description.contains("it uses _tr_align from libz.so.1") == true
        }
    }

    @Test func libpythonIsAnErrorEvenForTheLinuxTag() {
        for compatibility in PlatformTag.Compatibility.allCases {
            #expect(throws: PlatformTag.Failure.self) {
                try PlatformTag.choose(
                    for: BinaryRequirements(needed: ["libpython3.11.so.1.0"], versionRequirements: [:]), compatibility: compatibility)
            }
        }
    }

    @Test func compatibilityLinuxForcesThePlainTag() throws {
        let binary = BinaryRequirements(needed: ["libc.so.6", "libssl.so.3"], versionRequirements: ["libc.so.6": ["GLIBC_2.99"]])
        #expect(try PlatformTag.choose(for: binary, compatibility: .linux).tag == "linux_x86_64")
    }

    @Test func highestVersionsComparesNumerically() {
        let binary = BinaryRequirements(
            needed: [],
            versionRequirements: ["libc.so.6": ["GLIBC_2.9", "GLIBC_2.34", "GLIBC_2.2.5"], "libgcc_s.so.1": ["GCC_3.3.1", "GCC_3.3"]])
        #expect(binary.highestVersions == ["GCC_3.3.1", "GLIBC_2.34"])
    }

    @Test func theEmbeddedTableIsOrderedAndComplete() {
        let names = ManylinuxPolicy.x86_64.map(\.name)
        #expect(names.first == "manylinux_2_5")
        #expect(names.contains("manylinux_2_34") && names.contains("manylinux_2_35"))
        #expect(ManylinuxPolicy.x86_64.map(\.priority) == ManylinuxPolicy.x86_64.map(\.priority).sorted(by: >))
    }
}

/// The architecture in platform tags comes from the binary (docs/design/building.md#platform-tag).
@Suite struct PlatformTagArchitecture {
    let glibc: [String: Set<String>] = ["libc.so.6": ["GLIBC_2.17"]]

    @Test func aarch64GetsItsOwnManylinuxPolicies() throws {
        let binary = BinaryRequirements(needed: ["libc.so.6"], versionRequirements: glibc, architecture: "aarch64")
        #expect(try PlatformTag.choose(for: binary).tag == "manylinux_2_17_aarch64.manylinux2014_aarch64")
        let newer = BinaryRequirements(needed: ["libc.so.6"], versionRequirements: ["libc.so.6": ["GLIBC_2.34"]], architecture: "aarch64")
        #expect(try PlatformTag.choose(for: newer).tag == "manylinux_2_34_aarch64")
        #expect(try PlatformTag.choose(for: binary, compatibility: .linux).tag == "linux_aarch64")
    }

    @Test func aMachineWithoutPoliciesIsTaggedLinuxOnlyWhenAsked() throws {
        let binary = BinaryRequirements(needed: ["libc.so.6"], versionRequirements: glibc, architecture: "riscv64")
        #expect(try PlatformTag.choose(for: binary, compatibility: .linux).tag == "linux_riscv64")
        let error = #expect(throws: PlatformTag.Failure.self) { try PlatformTag.choose(for: binary) }
        #expect(error?.description.contains("this extension is riscv64: build with --compatibility linux") == true)
    }

    @Test func anUnknownMachineIsRefused() {
        let binary = BinaryRequirements(needed: ["libc.so.6"], versionRequirements: glibc, architecture: nil)
        #expect(throws: PlatformTag.Failure.self) { try PlatformTag.choose(for: binary, compatibility: .linux) }
    }

    @Test func wheelTagsKeepTheirParts() {
        #expect(WheelTag(python: "cp310", abi: "abi3", platform: "manylinux_2_34_x86_64").description == "cp310-abi3-manylinux_2_34_x86_64")
        #expect(WheelTag(python: "cp313", abi: "cp313t", platform: "linux_x86_64").description == "cp313-cp313t-linux_x86_64")
    }
}
