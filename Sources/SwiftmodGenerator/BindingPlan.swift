import SwiftmodModel

/// Every decision about the bindings, made once: the value between the module interface and
/// the printers (parse → translate → render, as swift-openapi-generator does). The C shim, the
/// Swift glue and the stubs read only this, so the two sides of the glue meet through values
/// (symbol names, exception indices, argument specs), never through naming conventions.
public struct BindingPlan: Equatable, Sendable {
    /// The user's Swift module, spelled with a module selector in the glue (`WordTools::`).
    public var swiftModule: String
    /// The Python module (the `module-name`).
    public var pythonModule: String
    /// The module's `__doc__`.
    public var moduleDoc: String
    /// Module-level functions, in source order.
    public var functions: [Callable]
    /// Exception classes, one per public `Error` type; `index` is its slot in the module state.
    public var exceptions: [ExceptionPlan]
    /// The tuple arities any conversion needs (a generic codec per arity).
    public var tupleArities: [Int]
    /// How each function treats the GIL (DESIGN §12).
    public var releaseGIL: ReleaseGIL
}

/// One Python callable backed by one `@_cdecl` entry point.
public struct Callable: Equatable, Sendable {
    /// What it belongs to: the module, or (with §13's types) a type.
    public enum Owner: Equatable, Sendable {
        case module
    }

    /// What it does, for the printers (§13 adds methods, initializers, properties, dunders).
    public enum Role: Equatable, Sendable {
        case function
    }

    /// How a thrown Swift error becomes a Python exception (DESIGN §5).
    public enum Errors: Equatable, Sendable {
        /// It cannot throw.
        case none
        /// `throws` (or typed throws of a type that is not exported): checked against every
        /// exported error type, else `RuntimeError`.
        case dynamic
        /// `throws(T)` with `T` exported: the exception at this index of the module state.
        case typed(exception: Int)
    }

    public var owner: Owner
    public var role: Role
    /// The Swift base name (`wordCount`).
    public var swiftName: String
    /// The exported name (`word_count`).
    public var pythonName: String
    /// The `///` doc comment.
    public var doc: String?
    /// The C symbols of this callable, from the one mangler.
    public var symbols: Symbols
    public var arguments: [ArgumentPlan]
    /// How many leading arguments are positional-only (unlabelled, before any labelled one).
    public var positionalOnlyCount: Int
    /// How many leading arguments have no default in Python.
    public var requiredCount: Int
    /// The result's Swift type (`.void` for none) and its codec.
    public var result: SwiftType
    public var resultCodec: String?
    public var errors: Errors
    /// Whether the call must keep the GIL whatever the policy: it reads Python objects while
    /// the user's code runs (`some Collection<T>`, DESIGN §14).
    public var keepsGIL: Bool = false

    /// Whether the Swift call can throw.
    public var canThrow: Bool { errors != .none }

    /// `word_count($module, text, /, min_length=1)`: what CPython reads into `__text_signature__`.
    public var textSignature: String {
        var parts = ["$module"]
        for (index, argument) in arguments.enumerated() {
            parts.append(argument.pythonName + (argument.pythonDefault.map { "=\($0)" } ?? ""))
            if index + 1 == positionalOnlyCount { parts.append("/") }
        }
        return "\(pythonName)(\(parts.joined(separator: ", ")))"
    }

    /// The docstring CPython splits into `__text_signature__` and `__doc__`.
    public var docstring: String { textSignature + "\n--\n\n" + (doc ?? "") }
}

/// The C names of one callable, all with one prefix that only the mangler hands out.
public struct Symbols: Equatable, Sendable {
    /// `swiftmod_f0_word_count`.
    public var prefix: String
    /// The `@_cdecl` Swift function that converts, calls and converts back.
    public var impl: String { prefix + "_impl" }
    /// The C entry point CPython calls (`METH_FASTCALL | METH_KEYWORDS`).
    public var entry: String { prefix + "_entry" }
    /// Its GIL policy state (DESIGN §12).
    public var gil: String { prefix + "_gil" }
    /// Its keyword names.
    public var keywords: String { prefix + "_keywords" }
    /// Its argument spec for `swiftmod_parse_args`.
    public var spec: String { prefix + "_spec" }
}

/// One argument: how Python passes it and how the glue converts it.
public struct ArgumentPlan: Equatable, Sendable {
    /// What the glue does when Python omits it.
    public enum Default: Equatable, Sendable {
        /// Python must pass it.
        case required
        /// A literal: the variable starts as `swift`, Python shows `python`.
        case literal(python: String, swift: String)
        /// Another expression: Swift's own default applies, so the call leaves the argument out.
        case swiftDefault
    }

    /// How the glue hands the argument to Swift (DESIGN §4, §14).
    public enum Passing: Equatable, Sendable {
        /// Converted into a Swift value the function owns, by `codec`.
        case owned
        /// `UTF8Span`: the `str`'s own UTF-8, borrowed for the call.
        case utf8
        /// `RawSpan` or `Span<UInt8>` (`raw`), or `inout MutableSpan<UInt8>` (`writable`): the
        /// bytes of any C-contiguous buffer.
        case bytes(span: SpanKind, writable: Bool)
        /// `Span<T>` or `inout MutableSpan<T>`: a C-contiguous buffer whose item format is one
        /// of `formats` (struct-module codes) and whose items are `itemSize` bytes.
        case typedBuffer(element: SwiftType, formats: String, itemSize: Int, writable: Bool)
        /// `some Collection<T>`/`some Sequence<T>`: a list or tuple read in place.
        case collection
    }

    /// Which view a bytes buffer becomes.
    public enum SpanKind: Equatable, Sendable {
        case raw, uint8
    }

    /// The Swift argument label, or nil for `_`.
    public var label: String?
    /// The Python name (keyword, and in messages: `argument 'min_length'`).
    public var pythonName: String
    public var type: SwiftType
    /// The runtime codec that converts it (`SMSigned<Swift::Int>`).
    public var codec: String
    public var defaultValue: Default
    public var passing: Passing = .owned
    /// The default as Python shows it (`1`, `None`, `...`), or nil when Python must pass it.
    /// Only trailing defaults show: Python has no required argument after an optional one.
    public var pythonDefault: String?
}

/// An exception class for a public `Error` type (DESIGN §5, §17).
public struct ExceptionPlan: Equatable, Sendable {
    /// Its slot in the module state's exception array.
    public var index: Int
    /// The Swift type name (`RatioError`), which is also the Python class name.
    public var name: String
    /// `word_tools.RatioError`.
    public var qualifiedName: String
    public var doc: String?
}
