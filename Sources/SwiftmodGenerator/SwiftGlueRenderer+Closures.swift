import SwiftmodModel

/// Closures returned to Python (docs/design/python-shapes.md#closure-results): a codec per closure type
/// whose `dump` boxes the closure in a Python callable (`swiftmod_make_closure`), and the
/// `@_cdecl` function that Python's calls reach: arguments converted, the closure called with
/// the GIL held, its result or error converted back.
extension SwiftGlueRenderer {
    func closureResultGlue(_ closure: ClosureType) -> String {
        let type = SwiftType.function(closure)
        let codec = type.codec
        let swiftType = closure.typeSpelling(\.qualifiedSpelling)
        let count = closure.parameters.count
        let names = closure.parameters.indices.map { "a\($0)" }
        let signature = "(" + names.joined(separator: ", ") + (names.isEmpty ? ")" : ", /)")
        var loads = ""
        for (index, parameter) in closure.parameters.enumerated() {
            loads += """
                    let a\(index): \(parameter.qualifiedSpelling)
                    do { a\(index) = try \(parameter.codec).load(args.unsafelyUnwrapped[\(index)].unsafelyUnwrapped, module) } catch {
                        swiftmod_prefix_error("argument \(index + 1)")
                        return nil
                    }

                """
        }
        let call = "box.value(\(names.joined(separator: ", ")))"
        let convert = closure.result == .void ? "return swiftmod_new_none()" : "return \(closure.result.codec).dump(result, module)"
        let bind = closure.result == .void ? "" : "let result = "
        let body =
            closure.canThrow
            ? "    do {\n        \(bind)try \(call)\n        \(convert)\n    } catch {\n        return raiseSwiftError(error, module: module)\n    }"
            : "    \(bind)\(call)\n    \(convert)"
        return """
            // MARK: \(closure.swiftSpelling), returned to Python

            /// `\(closure.swiftSpelling)` results: Python callables that own the closure.
            enum \(codec): PyCodec {
                typealias Value = \(swiftType)

                static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Value {
                    throw typeError("a closure parameter (wrapped by its call, not by a codec)", object)
                }

                static func dump(_ value: @escaping Value, _ module: PyRef) -> PyRef? {
                    let box = Swift::Unmanaged.passRetained(PyClosureBox<Value>(value)).toOpaque()
                    return swiftmod_make_closure(module, box, \(codec)_invoke, \(codec)_release, \(swiftLiteral(signature)), \(swiftLiteral(closure.swiftSpelling)))
                }
            }

            @_cdecl("\(codec)_invoke")
            func \(codec)_invoke(_ raw: Swift::UnsafeMutableRawPointer?, _ module: PyRef?, _ args: Swift::UnsafePointer<PyRef?>?, _ count: Swift::Int) -> PyRef? {
                let module = module.unsafelyUnwrapped
                guard count == \(count) else {
                    _ = raise(PyExc_TypeError, "the Swift closure takes \(count) positional argument\(count == 1 ? "" : "s") (\\(count) given)")
                    return nil
                }
                let box = Swift::Unmanaged<PyClosureBox<\(codec).Value>>.fromOpaque(raw.unsafelyUnwrapped).takeUnretainedValue()
            \(loads)\(body)
            }

            @_cdecl("\(codec)_release")
            func \(codec)_release(_ raw: Swift::UnsafeMutableRawPointer?) {
                Swift::Unmanaged<PyClosureBox<\(codec).Value>>.fromOpaque(raw.unsafelyUnwrapped).release()
            }


            """
    }
}
