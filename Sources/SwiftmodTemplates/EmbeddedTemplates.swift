// Generated from Templates/ by `make templates`. Do not edit: edit Templates/ instead.
// A test fails when this file and Templates/ differ.

enum EmbeddedTemplates {
    static let files: [String: String] = [
        #"new/Library.swift.tmpl"#: #"""
// Plain Swift: swiftmod exports every public function here to Python as `{{module}}`.

/// Counts the words in `text`: runs of characters separated by whitespace.
///
/// Words shorter than `minLength` characters are not counted.
public func wordCount(_ text: String, minLength: Int = 1) -> Int {
    text.split(whereSeparator: \.isWhitespace).filter { $0.count >= minLength }.count
}

/// Returns a friendly greeting for `name`.
public func greet(_ name: String) -> String {
    "Hello, \(name)!"
}

/// Why a ratio could not be parsed.
public enum RatioError: Error, Equatable, CustomStringConvertible {
    /// The text has no `/` between numerator and denominator.
    case missingSlash(String)
    /// A part of the ratio is not a number.
    case notANumber(String)
    /// The denominator is zero.
    case zeroDenominator

    public var description: String {
        switch self {
        case .missingSlash(let text): "expected 'numerator/denominator', got '\(text)'"
        case .notANumber(let part): "'\(part)' is not a number"
        case .zeroDenominator: "the denominator is zero"
        }
    }
}

/// Parses a ratio such as `"3/4"` and returns its value.
public func parseRatio(_ text: String) throws(RatioError) -> Double {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { throw .missingSlash(text) }
    guard let numerator = Double(parts[0]) else { throw .notANumber(String(parts[0])) }
    guard let denominator = Double(parts[1]) else { throw .notANumber(String(parts[1])) }
    guard denominator != 0 else { throw .zeroDenominator }
    return numerator / denominator
}

"""#,
        #"new/LibraryTests.swift.tmpl"#: #"""
import Testing
import {{target}}

@Test func countsWords() {
    #expect(wordCount("the quick brown fox") == 4)
    #expect(wordCount("  spaced   out  ") == 2)
    #expect(wordCount("a bb ccc", minLength: 2) == 2)
    #expect(wordCount("") == 0)
}

@Test func greets() {
    #expect(greet("Swift") == "Hello, Swift!")
}

@Test func parsesRatios() throws {
    #expect(try parseRatio("3/4") == 0.75)
    #expect(try parseRatio("-1/8") == -0.125)
}

@Test func rejectsBadRatios() {
    #expect(throws: RatioError.missingSlash("3")) { try parseRatio("3") }
    #expect(throws: RatioError.notANumber("x")) { try parseRatio("x/2") }
    #expect(throws: RatioError.zeroDenominator) { try parseRatio("1/0") }
}

"""#,
        #"new/Package.swift.tmpl"#: #"""
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "{{target}}",
    products: [
        .library(name: "{{target}}", targets: ["{{target}}"])
    ],
    targets: [
        .target(name: "{{target}}"),
        .testTarget(name: "{{target}}Tests", dependencies: ["{{target}}"]),
    ]
)

"""#,
        #"new/README.md.tmpl"#: #"""
# {{name}}

A Python module written in Swift, built with [swiftmod](https://pypi.org/project/swiftmod/).

The Swift code lives in `Sources/{{target}}/` as a plain Swift package: `swift build` and
`swift test` work on it as on any other. swiftmod exports its public functions to Python as
the module `{{module}}` (`wordCount` becomes `word_count`).

## Use it from Python

```sh
python3 -m venv .venv && . .venv/bin/activate
swiftmod develop          # build and install into the virtualenv, for the edit-rebuild loop
python -c "import {{module}}; print({{module}}.greet('world'))"

swiftmod build            # a release wheel in dist/, installable where Swift is not
pip install .             # or let pip build it, through swiftmod's build backend
```

## Test it

```sh
swift test                # the Swift tests in Tests/{{target}}Tests
pip install pytest && pytest tests   # the Python tests, after swiftmod develop
```

"""#,
        #"new/gitignore.tmpl"#: #"""
.build/
.build-*/
.swiftpm/
Package.resolved
dist/
.venv/
__pycache__/
*.so

"""#,
        #"new/pyproject.toml.tmpl"#: #"""
[build-system]
requires = ["{{swiftmod_requirement}}"]
build-backend = "swiftmod"

[project]
name = "{{name}}"
version = "0.1.0"
description = "A Python module written in Swift"
readme = "README.md"
requires-python = ">=3.11"
license = "MIT"
classifiers = [
    "Programming Language :: Python :: Implementation :: CPython",
    "Programming Language :: Swift",
]

[tool.swiftmod]
module-name = "{{module}}"
swift-target = "{{target}}"

"""#,
        #"new/test_module.py.tmpl"#: #"""
import pytest

import {{module}}


def test_word_count():
    assert {{module}}.word_count("the quick brown fox") == 4
    assert {{module}}.word_count("a bb ccc", min_length=2) == 2


def test_greet():
    assert {{module}}.greet("Python") == "Hello, Python!"


def test_parse_ratio():
    assert {{module}}.parse_ratio("3/4") == 0.75


def test_parse_ratio_error():
    with pytest.raises({{module}}.RatioError, match="denominator is zero"):
        {{module}}.parse_ratio("1/0")

"""#,
    ]
}
