import SwiftmodModel

/// Python overrides of `open` methods (docs/design/types.md#overrides): the generated Swift
/// subclass whose methods call a Python subclass's override.
extension SwiftGlueRenderer {
    /// docs/design/types.md#overrides: `_SwiftmodSub_<Name>`, the Swift subclass whose objects the Python
    /// subclasses' `__init__` creates; each overridable method calls the Python override when the
    /// Python type has one (`callOverride`), else (or when it failed) the class's own. `adopt`
    /// gives it its Python object and reads which methods the Python type overrides, once.
    func trampolineGlue(_ type: TypePlan, swiftType: String) -> String {
        let codec = type.codec
        let sub = type.trampolineName
        var lookups = ""
        var overrides = ""
        for (bit, index) in type.overridable.enumerated() {
            let method = type.methods[index]
            lookups += "            \(swiftLiteral(method.pythonName)),\n"
            let parameters = method.arguments.enumerated().map { "\($1.label ?? "_") a\($0): \($1.type.qualifiedSpelling)" }
            let passed = method.arguments.enumerated().map { index, argument in argument.label.map { "\($0): a\(index)" } ?? "a\(index)" }
            let throwsWord = method.canThrow ? " throws" : ""
            let tryWord = method.canThrow ? "try " : ""
            let resultSpelling = method.resultCodec == nil ? "" : " -> \(method.result.qualifiedSpelling)"
            let fill =
                method.arguments.isEmpty
                ? "{ _, _ in }"
                : "{ module, arguments in\n"
                    + method.arguments.enumerated().map { "            arguments[\($0)] = \($1.codec).dump(a\($0), module)\n" }.joined()
                    + "        }"
            let convert =
                method.resultCodec.map { "{ result, module throws(PyErrorSet) in try \($0).load(result, module) }" }
                ?? "{ _, _ throws(PyErrorSet) in () }"
            let location = swiftLiteral("override of \(type.qualname).\(method.pythonName)()")
            let call =
                "callOverride(self, index: \(bit), \(location), count: \(method.arguments.count), \(fill), \(convert))"
            let superCall = "\(tryWord)super.\(method.swiftName)(\(passed.joined(separator: ", ")))"
            overrides += """

                    override func \(method.swiftName)(\(parameters.joined(separator: ", ")))\(throwsWord)\(resultSpelling) {
                        if let result = \(call) { return result }
                        return \(superCall)
                    }

                """
        }
        return """
            @_cdecl("\(type.symbols.slot(.adopt))")
            public func \(type.symbols.slot(.adopt))(_ object: PyRef?, _ made: PyRef?) -> Swift::Int32 {
                guard let object, let made, \(codec).adopt(object, made) == 0 else { return -1 }
                if let sub = \(codec).pointer(object).pointee as? \(sub) {
                    let base = swiftmod_state_slot(swiftmod_object_module(object), \(codec).typeSlot)
                    sub.attach(object, base: base, [
            \(lookups)        ])
                }
                return 0
            }

            /// `\(type.qualname)` for Python subclasses: Swift's calls of its open methods reach their Python overrides.
            final class \(sub): \(swiftType), PyOverriding {
                var pyObject: PyRef? = nil
                var overrides: Swift::UInt64 = 0
                var running: Swift::UInt64 = 0
                var table: PyRef? = nil
            \(overrides)}


            """
    }
}
