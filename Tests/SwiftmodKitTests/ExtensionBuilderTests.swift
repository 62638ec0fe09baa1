import Foundation
import Testing

@testable import SwiftmodKit

/// How `develop` divides a `swift build`'s time, and its guess that the API changed.
@Suite struct ExtensionBuildStages {
    /// SwiftPM prints a step's line when the step finishes (times as measured on Examples/shapes).
    @Test func aSwiftBuildDividesIntoSwiftPMCompileAndLink() {
        let lines: [(Double, String)] = [
            (2.23, "[0/1] Planning build"), (2.25, "Building for debugging..."), (2.45, "[1/6] Write swift-version-6A52383ED409C6A7.txt"),
            (3.37, "[3/14] Emitting module Shapes"), (4.16, "[4/20] Compiling Shapes Algorithms.swift"),
            (14.70, "[27/30] Compiling SwiftmodGlue Glue.swift"), (14.87, "[28/30] Write Objects.LinkFileList"),
            (15.41, "[29/30] Linking libshapes.so"), (15.41, "Build of product 'shapes' complete! (14.03s)"),
        ]
        let output = ProcessRunner.Output(status: 0, stdout: "", lineTimes: lines.map { ProcessRunner.LineTime(seconds: $0.0, line: $0.1) })
        let times = SwiftBuildTimes(output, total: 15.50)
        #expect(abs(times.compiling - 12.42) < 1e-9)
        #expect(abs(times.linking - 0.54) < 1e-9)
        #expect(abs(times.swiftPM - 2.54) < 1e-9)
        #expect(times.description == "SwiftPM 2.54, compile 12.42, link 0.54")
    }

    @Test func aBuildWithNothingToDoIsAllSwiftPM() {
        let output = ProcessRunner.Output(
            status: 0, stdout: "",
            lineTimes: [
                ProcessRunner.LineTime(seconds: 0.30, line: "Building for debugging..."),
                ProcessRunner.LineTime(seconds: 0.33, line: "Build of product 'x' complete! (0.31s)"),
            ])
        #expect(SwiftBuildTimes(output, total: 0.35) == SwiftBuildTimes(swiftPM: 0.35, compiling: 0, linking: 0))
    }

    @Test func declarationLinesAreTheOnesThatCanChangeTheAPI() {
        for line in [
            "public func f() -> Int", "open class C", "/// Docs.", "@discardableResult", "extension Point: Equatable", "case red, green",
            "public var x: Int",
        ] {
            #expect(DeclarationLines.isDeclaration(Substring(line)), "\(line)")
        }
        for line in ["let y = x + 1", "return value", "func helper() -> Int", "// a comment"] {
            #expect(!DeclarationLines.isDeclaration(Substring(line)), "\(line)")
        }
    }
}
