import SwiftmodModel
import Testing

@Suite struct DistributionNames {
    @Test(arguments: ["word-tools", "a", "A1", "x.y_z-w", "9lives", "Word_Tools"])
    func valid(name: String) throws {
        try NameRules.validateDistribution(name)
    }

    @Test(
        arguments: [
            ("", nil), ("-lead", "lead"), ("trail_", "trail"), ("my project!", "my-project"),
            ("héllo", "h-llo"), ("a/b", "a-b"), ("...", nil),
        ] as [(String, String?)])
    func invalid(name: String, suggestion: String?) {
        #expect {
            try NameRules.validateDistribution(name)
        } throws: { error in
            let error = error as! NameError
            return error.kind == .distribution && error.value == name
                && error.suggestion == suggestion
                && error.description.contains("'\(name)'")
        }
        if let suggestion { #expect((try? NameRules.validateDistribution(suggestion)) != nil) }
    }

    @Test(arguments: [
        ("Word_Tools", "word-tools"), ("a..b", "a-b"), ("A-_.B", "a-b"), ("simple", "simple"),
        ("Friendly.Bard", "friendly-bard"),
    ])
    func normalization(name: String, normalized: String) {
        #expect(NameRules.normalize(name) == normalized)
    }
}

@Suite struct ModuleNames {
    @Test(arguments: [
        ("word-tools", "word_tools"), ("a.b", "a_b"), ("Word_Tools", "Word_Tools"), ("x", "x"),
    ])
    func defaults(distribution: String, module: String) {
        #expect(NameRules.defaultModuleName(for: distribution) == module)
    }

    @Test(arguments: ["word_tools", "_private", "match", "x1"])
    func valid(name: String) throws {
        try NameRules.validateModule(name)
    }

    @Test(
        arguments: [
            ("class", "class_"), ("3d_tools", "py3d_tools"), ("import", "import_"),
            ("with-dash", "with_dash"), ("", nil), ("naïve", "na_ve"),
        ] as [(String, String?)])
    func invalid(name: String, suggestion: String?) {
        #expect {
            try NameRules.validateModule(name)
        } throws: { error in
            let error = error as! NameError
            return error.kind == .module && error.suggestion == suggestion
        }
        if let suggestion { #expect((try? NameRules.validateModule(suggestion)) != nil) }
    }
}

@Suite struct SwiftTargets {
    @Test(arguments: [
        ("word-tools", "WordTools"), ("word_tools", "WordTools"), ("a.b.c", "ABC"),
        ("hello", "Hello"), ("myLib", "MyLib"),
    ])
    func defaults(distribution: String, target: String) {
        #expect(NameRules.defaultSwiftTarget(for: distribution) == target)
    }

    @Test(
        arguments: [
            ("Foundation", "FoundationKit"), ("3dTools", "Swift3dTools"), ("Self", "SelfKit"),
            ("Any", "AnyKit"), ("Swift", "SwiftKit"), ("with space", "WithSpace"), ("", nil),
        ] as [(String, String?)])
    func invalid(name: String, suggestion: String?) {
        #expect {
            try NameRules.validateSwiftTarget(name)
        } throws: { error in
            let error = error as! NameError
            return error.kind == .swiftTarget && error.suggestion == suggestion
        }
        if let suggestion { #expect((try? NameRules.validateSwiftTarget(suggestion)) != nil) }
    }
}

@Suite struct DerivedNames {
    @Test func derivesAllThree() throws {
        let names = try ProjectNames.derive(from: "word-tools")
        #expect(names == ProjectNames(distribution: "word-tools", module: "word_tools", swiftTarget: "WordTools"))
        #expect(names.wheelDistribution == "word_tools")
    }

    @Test func explicitNamesWin() throws {
        let names = try ProjectNames.derive(from: "word-tools", module: "wt", swiftTarget: "WT")
        #expect(names.module == "wt" && names.swiftTarget == "WT")
    }

    @Test func digitLeadingNameNeedsExplicitModule() {
        #expect(throws: NameError.self) { try ProjectNames.derive(from: "3d-tools") }
    }

    @Test func buildRequirementPinsTheMinorSeries() {
        #expect(SwiftmodVersion.buildRequirement.hasPrefix("swiftmod>=\(SwiftmodVersion.current),<"))
    }
}
