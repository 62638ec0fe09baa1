import SwiftmodModel

/// How the generated Swift spells types: every standard-library name behind the `Swift::`
/// module selector, so a user type called `String`, `Array`, `Result` or `Error` in the user's
/// module (which the glue imports) cannot capture it.
extension SwiftType {
    /// `[Swift::String: [Swift::Int?]]`.
    var qualifiedSpelling: String {
        switch self {
        case .integer(let kind): "Swift::\(kind.rawValue)"
        case .double: "Swift::Double"
        case .float: "Swift::Float"
        case .bool: "Swift::Bool"
        case .string: "Swift::String"
        case .bytes: "[Swift::UInt8]"
        case .array(let element): "[\(element.qualifiedSpelling)]"
        case .dictionary(let key, let value): "[\(key.qualifiedSpelling): \(value.qualifiedSpelling)]"
        case .set(let element): "Swift::Set<\(element.qualifiedSpelling)>"
        case .optional(let wrapped):
            if case .tuple = wrapped { "(\(wrapped.qualifiedSpelling))?" } else { "\(wrapped.qualifiedSpelling)?" }
        case .tuple(let elements): "(" + elements.map(\.qualifiedSpelling).joined(separator: ", ") + ")"
        case .void: "Swift::Void"
        case .utf8Span: "Swift::UTF8Span"
        case .rawSpan: "Swift::RawSpan"
        case .span(let element): "Swift::Span<\(element.qualifiedSpelling)>"
        case .mutableSpan(let element): "Swift::MutableSpan<\(element.qualifiedSpelling)>"
        case .collection(let element), .sequence(let element): "PyCollection<\(element.elementCodec)>"
        case .borrowedBytes: "Swift::UnsafeRawBufferPointer"
        case .user(let reference): "\(reference.module)::\(reference.name)"
        case .iterator(let element, let form): form.spelling(element.qualifiedSpelling)
        case .contiguousArray(let element): "Swift::ContiguousArray<\(element.qualifiedSpelling)>"
        case .function(let closure): closure.typeSpelling(\.qualifiedSpelling)
        }
    }

    /// The runtime codec that converts this type (`[Int?]` → `SMArray<SMOptional<SMSigned<Swift::Int>>>`).
    var codec: String {
        switch self {
        case .integer(let kind): kind.isUnsigned ? "SMUnsigned<Swift::\(kind.rawValue)>" : "SMSigned<Swift::\(kind.rawValue)>"
        case .double: "SMDouble"
        case .float: "SMFloat"
        case .bool: "SMBool"
        case .string: "SMString"
        case .bytes: "SMBytes"
        case .array(let element): "SMArray<\(element.codec)>"
        case .dictionary(let key, let value): "SMDictionary<\(key.codec), \(value.codec)>"
        case .set(let element): "SMSet<\(element.codec)>"
        case .optional(let wrapped): "SMOptional<\(wrapped.codec)>"
        case .tuple(let elements): "SMTuple\(elements.count)<" + elements.map(\.codec).joined(separator: ", ") + ">"
        case .void: "SMVoid"
        // Borrowed types are not converted by a codec: the glue borrows them (`ArgumentPlan.Passing`).
        case .utf8Span, .rawSpan, .span, .mutableSpan: "SMBorrowed"
        case .collection(let element), .sequence(let element): "PyCollection<\(element.elementCodec)>"
        case .borrowedBytes: "SMRawBytes"
        case .user(let reference): "SMUser_" + Self.codecName(reference.name)
        // Results only (docs/design/results.md): a lazy iterator object, an array object.
        case .iterator(let element, let form):
            form.isAsync
                ? "SMAsyncSequence<\(element.codec)>"
                : form.isSequence ? "SMLazySequence<\(element.codec)>" : "SMLazyIterator<\(element.codec)>"
        case .contiguousArray(let element): "SMContiguousArray<\(element.codec)>"
        // A closure parameter is wrapped by the glue (`ArgumentPlan.Passing.callback`); a closure
        // result is a Python callable made by its own codec (`SwiftGlueRenderer+Closures`).
        case .function(let closure): "SMClosure_" + GluePackage.Context.fingerprint(closure.typeSpelling(\.swiftSpelling))
        }
    }

    /// A user type's path as one Swift identifier, with no two paths the same: `_` becomes
    /// `__` and `.` becomes `_D` (`A.B` → `A_DB`, `A_B` → `A__B`).
    static func codecName(_ path: String) -> String {
        path.replacingOccurrences(of: "_", with: "__").replacingOccurrences(of: ".", with: "_D")
    }

    /// The codec of this type as the element of a borrowed collection: a borrowed collection
    /// itself (`some Sequence<some Sequence<String>>`) is read in place too, within the outer one.
    var elementCodec: String {
        switch self {
        case .collection(let element): "SMBorrowedCollection<\(element.elementCodec)>"
        case .sequence(let element): "SMBorrowedSequence<\(element.elementCodec)>"
        case .integer, .double, .float, .bool, .string, .bytes, .array, .dictionary, .set, .optional, .tuple, .void, .utf8Span,
            .rawSpan, .span, .mutableSpan, .borrowedBytes, .user, .iterator, .contiguousArray, .function:
            codec
        }
    }

    /// The arities of every tuple inside this type, itself included.
    var tupleArities: Set<Int> {
        switch self {
        case .array(let t), .set(let t), .optional(let t), .collection(let t), .sequence(let t), .iterator(let t, _): t.tupleArities
        case .dictionary(let k, let v): k.tupleArities.union(v.tupleArities)
        case .tuple(let ts): ts.reduce(into: [ts.count]) { $0.formUnion($1.tupleArities) }
        case .function(let closure): (closure.parameters + [closure.result]).reduce(into: []) { $0.formUnion($1.tupleArities) }
        case .contiguousArray(let t), .span(let t), .mutableSpan(let t): t.tupleArities
        case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .borrowedBytes, .user:
            []
        }
    }
}
