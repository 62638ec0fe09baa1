import Foundation
import SwiftmodModel

/// The generated codec types: one per tuple arity the plan needs.
enum Codecs {
    /// The codec for tuples of `arity` items.
    static func tupleCodec(arity: Int) -> String {
        let names = (0..<arity).map { "T\($0)" }
        let generics = names.map { "\($0): PyCodec" }.joined(separator: ", ")
        let valueType = "(" + names.map { "\($0).Value" }.joined(separator: ", ") + ")"
        let loads = names.enumerated().map { "try loadItem(\($1).self, object, \($0), module)" }.joined(separator: ", ")
        let dumps = names.enumerated().map { "\($1).dump(value.\($0), module)" }.joined(separator: ", ")
        return """
            /// Tuples of \(arity): a `tuple` of exactly that length in and out.
            enum SMTuple\(arity)<\(generics)>: PyCodec {
                static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> \(valueType) {
                    try loadTuple(object, count: \(arity))
                    swiftmod_incref(object)
                    defer { swiftmod_decref(object) }
                    return (\(loads))
                }

                static func dump(_ value: \(valueType), _ module: PyRef) -> PyRef? {
                    makeTuple([\(dumps)])
                }

                static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Swift::Bool { swiftmod_is_tuple(object) != 0 }
            }

            """
    }
}
