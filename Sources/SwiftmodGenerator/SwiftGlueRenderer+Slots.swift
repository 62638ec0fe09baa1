import SwiftmodModel

/// The Swift half of a type's protocol slots (docs/design/types.md#protocols): comparison and
/// hashing, `repr`/`str`, operators and subscripts, each a `@_cdecl` function the C shim's slot
/// table points at (`CShimRenderer+Types`).
extension SwiftGlueRenderer {
    /// `tp_richcompare` and `tp_hash` (docs/design/types.md#protocols: Equatable, Comparable, Hashable, identity).
    func comparisonGlue(_ type: TypePlan) -> String {
        let codec = type.codec
        var out = ""
        switch type.comparison {
        case .none:
            break
        case .equatable, .identity:
            let isIdentity = type.comparison == .identity
            let ordered = type.comparison == .equatable(ordered: true)
            let equal = isIdentity ? "lhs === rhs" : "lhs == rhs"
            // docs/design/objects.md#borrow-state: both values are copied (no Python code runs while they are compared),
            // so a struct only needs to be readable: no mutation in progress.
            let access = swiftLiteral("compare " + type.qualname + " objects")
            let checks =
                type.checksBorrows
                ? """
                    guard \(codec).checkReadable(object, \(access)) else { return nil }
                    if swiftmod_type_of(other) == swiftmod_type_of(object) {
                        guard \(codec).checkReadable(other, \(access)) else { return nil }
                        rhs = \(codec).pointer(other).pointee  // the common case: no type lookup
                    } else {
                        let module = swiftmod_object_module(object).unsafelyUnwrapped
                        guard let value = \(codec).loadDirect(other, module) else {
                            if \(codec).isInstance(other, module) { _ = \(codec).checkReadable(other, \(access)); return nil }
                            return swiftmod_new_not_implemented()
                        }
                        rhs = value
                    }
                """
                : type.mayBeEmpty
                    ? """
                        guard \(codec).checkFilled(object) else { return nil }
                        if swiftmod_type_of(other) == swiftmod_type_of(object) {
                            guard \(codec).checkFilled(other) else { return nil }
                            rhs = \(codec).pointer(other).pointee  // the common case: no type lookup
                        } else {
                            let module = swiftmod_object_module(object).unsafelyUnwrapped
                            guard let value = \(codec).loadDirect(other, module) else {
                                if \(codec).isInstance(other, module) { _ = \(codec).checkFilled(other); return nil }
                                return swiftmod_new_not_implemented()
                            }
                            rhs = value
                        }
                    """
                    : """
                        if swiftmod_type_of(other) == swiftmod_type_of(object) {
                            rhs = \(codec).pointer(other).pointee  // the common case: no type lookup
                        } else {
                            guard let value = \(codec).loadDirect(other, swiftmod_object_module(object).unsafelyUnwrapped) else { return swiftmod_new_not_implemented() }
                            rhs = value
                        }
                    """
            out += """
                @_cdecl("\(type.symbols.slot(.richcompare))")
                public func \(type.symbols.slot(.richcompare))(_ object: PyRef, _ other: PyRef, _ op: Swift::Int32) -> PyRef? {
                    let rhs: \(codec).Value
                \(checks)
                    let lhs = \(codec).pointer(object).pointee
                    switch op {
                    case Py_EQ: return comparisonResult(\(equal))
                    case Py_NE: return comparisonResult(!(\(equal)))

                """
            if ordered {
                out += """
                            case Py_LT: return comparisonResult(lhs < rhs)
                            case Py_LE: return comparisonResult(lhs <= rhs)
                            case Py_GT: return comparisonResult(lhs > rhs)
                            case Py_GE: return comparisonResult(lhs >= rhs)

                    """
            }
            out += "        default: return swiftmod_new_not_implemented()\n    }\n}\n\n"
        }
        switch type.hashing {
        case .hashable:
            out += """
                @_cdecl("\(type.symbols.slot(.hash))")
                public func \(type.symbols.slot(.hash))(_ object: PyRef) -> Swift::Int {
                \(filledCheck(type, failure: "-1"))\(type.checksBorrows ? "    guard \(codec).checkReadable(object, \(swiftLiteral("hash a " + type.qualname + " object"))) else { return -1 }\n" : "")    return pythonHash(\(codec).pointer(object).pointee.hashValue)
                }


                """
        case .identity:
            out += """
                @_cdecl("\(type.symbols.slot(.hash))")
                public func \(type.symbols.slot(.hash))(_ object: PyRef) -> Swift::Int {
                \(filledCheck(type, failure: "-1"))    return pythonHash(Swift::ObjectIdentifier(\(codec).pointer(object).pointee).hashValue)
                }


                """
        default:
            break
        }
        return out
    }

    /// `__repr__` and `__str__`.
    func reprGlue(_ type: TypePlan) -> String {
        var out = ""
        // The user's description is plain Swift: the value is read in place once no mutation is in progress.
        func readable(_ function: String) -> String {
            guard type.checksBorrows else { return filledCheck(type, failure: "nil") }
            return
                "    guard \(type.codec).checkReadable(object, \(swiftLiteral("take \(function)() of a \(type.qualname) object"))) else { return nil }\n"
        }
        switch type.repr {
        case .inherited:
            break
        case .debugDescription:
            out += """
                @_cdecl("\(type.symbols.slot(.repr))")
                public func \(type.symbols.slot(.repr))(_ object: PyRef) -> PyRef? {
                \(readable("repr"))    return SMString.dump(Swift::String(reflecting: \(type.codec).pointer(object).pointee), object)
                }


                """
        case .fields(let names):
            let name = type.qualname
            let getters = type.properties.filter { names.contains($0.pythonName) }.map { "\($0.symbols.prefix)_get(object, nil)" }
            out += """
                @_cdecl("\(type.symbols.slot(.repr))")
                public func \(type.symbols.slot(.repr))(_ object: PyRef) -> PyRef? {
                    reprFields(\(swiftLiteral(name)), [\(names.map(swiftLiteral).joined(separator: ", "))], [\(getters.joined(separator: ", "))])
                }


                """
        }
        if type.hasStr {
            out += """
                @_cdecl("\(type.symbols.slot(.str))")
                public func \(type.symbols.slot(.str))(_ object: PyRef) -> PyRef? {
                \(readable("str"))    return SMString.dump(Swift::String(describing: \(type.codec).pointer(object).pointee), object)
                }


                """
        }
        return out
    }

    /// Number-protocol slots: each Swift overload is tried in order; `NotImplemented` when no
    /// overload takes both operands, so Python tries the other operand's type.
    func operatorGlue(_ type: TypePlan) -> String {
        var out = ""
        for op in type.operators {
            let symbol = op.symbols.prefix
            var body = ""
            for overload in op.overloads {
                let names = ["a", "b"].prefix(overload.operands.count)
                // docs/design/objects.md#in-place-operators: a struct has no in-place operators: `a += b` works on a copy and
                // Python rebinds `a` to the new object, so an alias of `a` never changes.
                let isInPlace = op.kind.isInPlace
                let onCopy = isInPlace && type.checksBorrows
                let loads = zip(names, overload.codecs).map {
                    "\(onCopy && $0 == "a" ? "var" : "let") \($0)Value = try? \($1).load(\($0)!, module)"
                }
                let guardLine = "if \(loads.joined(separator: ", ")) {"
                let tryWord = overload.canThrow ? "try " : ""
                let expression: String
                if onCopy {
                    expression = "\(tryWord)(aValue \(op.swiftOperator) bValue)"
                } else if isInPlace {
                    expression = "\(tryWord)(\(type.codec).pointer(a!).pointee \(op.swiftOperator) bValue)"
                } else if op.isUnary {
                    expression = "\(tryWord)(\(op.swiftOperator)aValue)"
                } else {
                    expression = "\(tryWord)(aValue \(op.swiftOperator) bValue)"
                }
                var result: String
                if onCopy {
                    result = "\(expression)\n            return \(type.codec).dump(aValue, module)"
                } else if isInPlace {
                    result = "\(expression)\n            swiftmod_incref(a!)\n            return a"
                } else if let codec = overload.resultCodec {
                    result = "return \(codec).dump(\(expression), module)"
                } else {
                    result = "\(expression)\n            return swiftmod_new_none()"
                }
                if overload.canThrow {
                    result =
                        "do {\n            \(result.replacingOccurrences(of: "\n", with: "\n    "))\n            } catch { return raiseSwiftError(error, module: module) }"
                }
                body += "    \(guardLine)\n        \(result)\n    }\n    PyErr_Clear()\n"
            }
            out += """
                @_cdecl("\(symbol)_impl")
                public func \(symbol)_impl(_ module: PyRef, _ a: PyRef?, _ b: PyRef?) -> PyRef? {
                \(operandChecks(type))\(body)    return swiftmod_new_not_implemented()
                }


                """
        }
        return out
    }

    /// `__getitem__`/`__setitem__` from subscripts; for a Collection with an `Int` index,
    /// `__len__` and Python's indexing rules (negative indices, `IndexError`). docs/design/objects.md#convert-first: keys
    /// and values are converted before the object's value is touched, an index is checked
    /// against the count of that moment, and a struct's value is read under a shared borrow and
    /// written under an exclusive one.
    func subscriptGlue(_ type: TypePlan) -> String {
        let codec = type.codec
        let name = type.qualname
        let itemName = swiftLiteral("the getter of \(name)[…]")
        func shared(_ failure: String) -> String {
            guard type.checksBorrows else { return "" }
            return
                "guard \(codec).beginShared(object, \(swiftLiteral("read \(name)[…]")), holder: \(itemName)) else { return \(failure) }\n        defer { \(codec).endShared(object) }\n        "
        }
        func exclusive(_ failure: String) -> String {
            guard type.checksBorrows else { return "" }
            return
                "guard \(codec).beginExclusive(object, \(swiftLiteral("set \(name)[…]")), holder: \(swiftLiteral("the setter of \(name)[…]"))) else { return \(failure) }\n            defer { \(codec).endExclusive(object) }\n            "
        }
        var out = ""
        if let element = type.element {
            let readable =
                type.checksBorrows
                ? "    guard \(codec).checkReadable(object, \(swiftLiteral("take len() of a \(name) object"))) else { return -1 }\n"
                : filledCheck(type, failure: "-1")
            out += """
                @_cdecl("\(type.symbols.slot(.length))")
                public func \(type.symbols.slot(.length))(_ object: PyRef) -> Swift::Int {
                \(readable)    return \(codec).pointer(object).pointee.count
                }

                @_cdecl("\(type.symbols.slot(.item))")
                public func \(type.symbols.slot(.item))(_ object: PyRef, _ index: Swift::Int) -> PyRef? {
                    let module = swiftmod_object_module(object)!
                \(filledCheck(type, failure: "nil"))    \(shared("nil"))let collection = \(codec).pointer(object).pointee
                    guard index >= 0, index < collection.count else {
                        _ = raise(PyExc_IndexError, "\(type.pythonName) index out of range")
                        return nil
                    }
                    return \(element.codec).dump(collection[collection.index(collection.startIndex, offsetBy: index)], module)
                }


                """
        }
        guard !type.subscripts.isEmpty else { return out }
        var get = ""
        var set = ""
        for subscriptPlan in type.subscripts {
            let access = subscriptPlan.label.map { "[\($0): key]" } ?? "[key]"
            let isPosition = subscriptPlan.index == .integer(.int) && subscriptPlan.label == nil && type.element != nil
            if isPosition {
                // The collection's own subscript: Python's indexing rules.
                get += """
                        switch sequenceIndex(keyObject, module) {
                        case .failed: return nil
                        case .notAnIndex: break
                        case .index(let position):
                            let count = \(type.symbols.slot(.length))(object)
                            guard count >= 0 else { return nil }
                            return \(type.symbols.slot(.item))(object, position < 0 ? position + count : position)
                        }

                    """
            } else {
                get += """
                        if let key = try? \(subscriptPlan.indexCodec).load(keyObject, module) {
                            \(shared("nil"))return \(subscriptPlan.resultCodec).dump(\(codec).pointer(object).pointee\(access), module)
                        }
                        PyErr_Clear()

                    """
            }
            guard subscriptPlan.isSettable else { continue }
            let convertValue = """
                        let element: \(subscriptPlan.result.qualifiedSpelling)
                            do { element = try \(subscriptPlan.resultCodec).load(value, module) } catch {
                                swiftmod_prefix_error("item")
                                return -1
                            }
                """
            if isPosition {
                set += """
                        switch sequenceIndex(keyObject, module) {
                        case .failed: return -1
                        case .notAnIndex: break
                        case .index(let position):
                    \(convertValue)
                            \(exclusive("-1"))let collection = \(codec).pointer(object)
                            let count = collection.pointee.count
                            let index = position < 0 ? position + count : position
                            guard index >= 0, index < count else {
                                _ = raise(PyExc_IndexError, "\(type.pythonName) assignment index out of range")
                                return -1
                            }
                            collection.pointee[collection.pointee.index(collection.pointee.startIndex, offsetBy: index)] = element
                            return 0
                        }

                    """
            } else {
                set += """
                        if let key = try? \(subscriptPlan.indexCodec).load(keyObject, module) {
                    \(convertValue)
                            \(exclusive("-1"))\(codec).pointer(object).pointee\(access) = element
                            return 0
                        }
                        PyErr_Clear()

                    """
            }
        }
        let indexTypes = type.subscripts.map(\.index.pythonSpelling).joined(separator: " or ")
        out += """
            @_cdecl("\(type.symbols.slot(.getitem))")
            public func \(type.symbols.slot(.getitem))(_ object: PyRef, _ keyObject: PyRef) -> PyRef? {
                let module = swiftmod_object_module(object)!
            \(filledCheck(type, failure: "nil"))\(get)    _ = typeError(\(swiftLiteral("an index of type " + indexTypes)), keyObject)
                return nil
            }


            """
        if !set.isEmpty {
            out += """
                @_cdecl("\(type.symbols.slot(.setitem))")
                public func \(type.symbols.slot(.setitem))(_ object: PyRef, _ keyObject: PyRef, _ value: PyRef?) -> Swift::Int32 {
                    let module = swiftmod_object_module(object)!
                \(filledCheck(type, failure: "-1"))    guard let value else {
                        _ = raise(PyExc_TypeError, "'\(type.pythonName)' object doesn't support item deletion")
                        return -1
                    }
                \(set)    _ = typeError(\(swiftLiteral("an index of type " + indexTypes)), keyObject)
                    return -1
                }


                """
        }
        return out
    }

    /// An operator's operands of a non-final class type must hold their references: an empty
    /// one is a `RuntimeError`, not `NotImplemented`.
    func operandChecks(_ type: TypePlan) -> String {
        guard type.mayBeEmpty else { return "" }
        return ["a", "b"].map {
            "    if let \($0), \(type.codec).isInstance(\($0), module), !\(type.codec).checkFilled(\($0)) { return nil }\n"
        }.joined()
    }
}
