import Foundation
import SwiftmodModel

/// The runtime codec type that converts a Swift type (`[Int?]` → `SMArray<SMOptional<SMSigned<Int>>>`).
enum Codecs {
    static func codec(for type: SwiftType) -> String {
        switch type {
        case .integer(let kind): kind.isUnsigned ? "SMUnsigned<\(kind.rawValue)>" : "SMSigned<\(kind.rawValue)>"
        case .double: "SMDouble"
        case .float: "SMFloat"
        case .bool: "SMBool"
        case .string: "SMString"
        case .bytes: "SMBytes"
        case .array(let element): "SMArray<\(codec(for: element))>"
        case .dictionary(let key, let value): "SMDictionary<\(codec(for: key)), \(codec(for: value))>"
        case .set(let element): "SMSet<\(codec(for: element))>"
        case .optional(let wrapped): "SMOptional<\(codec(for: wrapped))>"
        case .tuple(let elements): "SMTuple\(elements.count)<" + elements.map(codec(for:)).joined(separator: ", ") + ">"
        case .void: "SMVoid"
        }
    }

    /// Every tuple arity used anywhere in the interface.
    static func tupleArities(in interface: ModuleInterface) -> [Int] {
        var arities: Set<Int> = []
        func visit(_ type: SwiftType) {
            switch type {
            case .array(let t), .set(let t), .optional(let t): visit(t)
            case .dictionary(let k, let v): visit(k); visit(v)
            case .tuple(let ts): arities.insert(ts.count); ts.forEach(visit)
            default: break
            }
        }
        for function in interface.functions {
            function.parameters.forEach { visit($0.type) }
            visit(function.returnType)
        }
        return arities.sorted()
    }

    /// The codec for tuples of `arity` items.
    static func tupleCodec(arity: Int) -> String {
        let names = (0..<arity).map { "T\($0)" }
        let generics = names.map { "\($0): PyCodec" }.joined(separator: ", ")
        let valueType = "(" + names.map { "\($0).Value" }.joined(separator: ", ") + ")"
        let loads = names.enumerated().map { "try loadItem(\($1).self, object, \($0))" }.joined(separator: ", ")
        let dumps = names.enumerated().map { "\($1).dump(value.\($0))" }.joined(separator: ", ")
        return """
            /// Tuples of \(arity): a `tuple` of exactly that length in and out.
            enum SMTuple\(arity)<\(generics)>: PyCodec {
                static func load(_ object: PyRef) throws(PyErrorSet) -> \(valueType) {
                    try loadTuple(object, count: \(arity))
                    swiftmod_incref(object)
                    defer { swiftmod_decref(object) }
                    return (\(loads))
                }

                static func dump(_ value: \(valueType)) -> PyRef? {
                    makeTuple([\(dumps)])
                }
            }

            """
    }
}
