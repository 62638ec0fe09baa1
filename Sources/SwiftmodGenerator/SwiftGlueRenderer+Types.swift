import SwiftmodModel

/// The Swift half of the types (docs/design/types.md): a codec per type (the value stored in place, or an
/// `enum.Enum` member), and the `@_cdecl` functions behind the type's slots. Constructors and
/// methods are entry points like functions (`SwiftGlueRenderer.entryPoint`).
extension SwiftGlueRenderer {
    func typeGlue(_ type: TypePlan) -> String {
        var out = "// MARK: \(type.qualifiedName)\n\n"
        let swiftType = "\(plan.swiftModule)::\(type.swiftName)"
        let prefix = type.symbols.prefix
        switch type.storage {
        case .enumeration(let rawType):
            return out + enumerationGlue(type, swiftType: swiftType, rawType: rawType)
        case .enumCase:
            break  // the enum's codec covers its cases
        case .value, .reference:
            out += """
                /// `\(type.qualifiedName)`: objects hold a `\(type.swiftName)` in place.
                enum \(type.codec): PyObjectStorage {
                    typealias Value = \(swiftType)
                    static var typeSlot: Swift::Int { \(plan.stateLayout.typeSlot(type.index)) }
                    static var expected: Swift::StaticString { \(swiftLiteral(type.pythonName)) }
                    static var mayBeEmpty: Swift::Bool { \(type.mayBeEmpty) }

                """
            if !type.cases.isEmpty {
                // An enum with associated values: each case is an object of its case class.
                out +=
                    "\n    static func dump(_ value: Value, _ module: PyRef) -> PyRef? {\n        let slot: Swift::Int = switch value {\n"
                for enumCase in type.cases {
                    out += "        case .\(enumCase.swiftName): \(plan.stateLayout.typeSlot(enumCase.typeIndex!))\n"
                }
                out += "        }\n        return make(value, type: swiftmod_state_slot(module, slot))\n    }\n"
            } else if !type.subclassIndices.isEmpty {
                // A class: the Python type of the instance's dynamic class.
                out += "\n    static func dump(_ value: Value, _ module: PyRef) -> PyRef? {\n"
                for index in type.subclassIndices {
                    out +=
                        "        if value is \(plan.swiftModule)::\(plan.types[index].swiftName) { return make(value, type: swiftmod_state_slot(module, \(plan.stateLayout.typeSlot(index)))) }\n"
                }
                out += "        return make(value, type: swiftmod_state_slot(module, typeSlot))\n    }\n"
            } else {
                out +=
                    "\n    @inline(__always)\n    static func dump(_ value: Value, _ module: PyRef) -> PyRef? { make(value, type: swiftmod_state_slot(module, typeSlot)) }\n"
            }
            out += "}\n\n"
        }
        let codec = type.codec
        out += """
            @_cdecl("\(prefix)_size")
            public func \(prefix)_size() -> Swift::Int { \(codec).size }

            /// `tp_dealloc`: ends the Swift value's life (nothing to do for a plain-data struct),
            /// frees the object and releases its type.
            @_cdecl("\(prefix)_dealloc")
            public func \(prefix)_dealloc(_ object: PyRef) {
            \(type.overridable.isEmpty ? "" : "    if \(codec).isFilled(object), let sub = \(codec).pointer(object).pointee as? \(type.trampolineName) { sub.detach(object) }\n")    if !Swift::_isPOD(\(codec).Value.self) { \(codec).destroy(object) }
                swiftmod_object_free(object)
            }


            """
        if type.mayBeEmpty {
            // docs/design/types.md#subclasses: the C `tp_init` asks whether the object holds its reference and
            // moves the constructor's reference into a Python subclass's object.
            out += """
                @_cdecl("\(prefix)_filled")
                public func \(prefix)_filled(_ object: PyRef) -> Swift::Int32 { \(codec).isFilled(object) ? 1 : 0 }


                """
            if type.overridable.isEmpty {
                out += """
                    @_cdecl("\(prefix)_adopt")
                    public func \(prefix)_adopt(_ object: PyRef?, _ made: PyRef?) -> Swift::Int32 { \(codec).adopt(object.unsafelyUnwrapped, made.unsafelyUnwrapped) }


                    """
            } else {
                out += trampolineGlue(type, swiftType: swiftType)
            }
        }
        for initializer in type.initializers { out += entryPoint(initializer) + "\n" }
        if type.initializers.count == 1 { out += swiftVectorcall(type) }
        for method in type.methods {
            out += entryPoint(method) + "\n"
            if method.hasSwiftEntry { out += swiftEntry(method) }
        }
        for property in type.properties { out += propertyGlue(property, type: type) }
        out += comparisonGlue(type)
        out += reprGlue(type)
        out += operatorGlue(type)
        out += subscriptGlue(type)
        out += constantsGlue(type, swiftType: swiftType)
        if type.isCodable { out += codableGlue(type, swiftType: swiftType) }
        return out
    }

    /// The `tp_vectorcall` of a type with one initializer, in Swift so that the conversion and
    /// the call inline into it: positional arguments go straight through, others are parsed.
    private func swiftVectorcall(_ type: TypePlan) -> String {
        let initializer = type.initializers[0]
        let symbols = initializer.symbols
        let count = initializer.arguments.count
        if let star = initializer.variadicIndex {
            // `*args` (docs/design/python-shapes.md#variadics): always parsed; the parser's tuple is released after the call.
            return """
                @_cdecl("\(type.symbols.prefix)_vectorcall")
                public func \(type.symbols.prefix)_vectorcall(_ type: PyRef, _ args: UnsafePointer<PyRef?>?, _ nargsf: Swift::Int, _ kwnames: PyRef?) -> PyRef? {
                    guard let module = \(constructorModule(type)) else { return nil }
                    var converted: Swift::Int32 = 0
                    let nargs = nargsf & Swift::Int.max
                    return Swift::withUnsafeTemporaryAllocation(of: PyRef?.self, capacity: \(count)) { slots in
                        let parsed = Swift::withUnsafePointer(to: \(symbols.spec)) { swiftmod_parse_args($0, args, nargs, kwnames, slots.baseAddress) }
                        guard parsed == 0 else { return nil }
                        defer { swiftmod_decref(slots[\(star)].unsafelyUnwrapped) }
                        return \(symbols.impl)(module, type, slots.baseAddress, nil, &converted)
                    }
                }


                """
        }
        return """
            @_cdecl("\(type.symbols.prefix)_vectorcall")
            public func \(type.symbols.prefix)_vectorcall(_ type: PyRef, _ args: UnsafePointer<PyRef?>?, _ nargsf: Swift::Int, _ kwnames: PyRef?) -> PyRef? {
                guard let module = \(constructorModule(type)) else { return nil }
                var converted: Swift::Int32 = 0
                let nargs = nargsf & Swift::Int.max
                if kwnames == nil && nargs == \(count) { return \(symbols.impl)(module, type, args, nil, &converted) }
                return Swift::withUnsafeTemporaryAllocation(of: PyRef?.self, capacity: \(max(count, 1))) { slots in
                    let parsed = Swift::withUnsafePointer(to: \(symbols.spec)) { swiftmod_parse_args($0, args, nargs, kwnames, slots.baseAddress) }
                    guard parsed == 0 else { return nil }
                    return \(symbols.impl)(module, type, slots.baseAddress, nil, &converted)
                }
            }


            """
    }

    /// The entry point of a `METH_NOARGS`/`METH_O` method that keeps the GIL: the Swift function
    /// CPython calls, with the conversion and the call inlined into it.
    private func swiftEntry(_ method: Callable) -> String {
        let symbols = method.symbols
        let second = method.convention == .noArguments ? "_ unused: PyRef?" : "_ argument: PyRef?"
        let gil = method.keepsGIL ? "nil" : method.gilReference  // docs/design/gil.md
        return """
            @_cdecl("\(symbols.entry)")
            public func \(symbols.entry)(_ object: PyRef, \(second)) -> PyRef? {
                \(method.convention == .noArguments ? "\(symbols.impl)(object, nil, \(gil))" : "Swift::withUnsafePointer(to: argument) { \(symbols.impl)(object, $0, \(gil)) }")
            }


            """
    }

    /// An `enum.Enum` type: its members come from `_members` at module execution, and the
    /// codec maps a case to its member (the module state's tuple, in case order) and back.
    private func enumerationGlue(_ type: TypePlan, swiftType: String, rawType: SwiftType?) -> String {
        let prefix = type.symbols.prefix
        let membersSlot = plan.stateLayout.enumMembersSlot(type.index)
        var out = """
            /// `\(type.qualifiedName)`: an `enum.Enum` whose members stand for the cases.
            enum \(type.codec): PyCodec {
                typealias Value = \(swiftType)
                static var checksCheaply: Swift::Bool { true }

                @inline(__always)
                static func position(of value: Value) -> Swift::Int {
                    switch value {

            """
        for (index, enumCase) in type.cases.enumerated() { out += "        case .\(enumCase.swiftName): \(index)\n" }
        out += """
                    }
                }

                @inline(__always)
                static func value(at position: Swift::Int) -> Value {
                    switch position {

            """
        for (index, enumCase) in type.cases.enumerated().dropLast() { out += "        case \(index): .\(enumCase.swiftName)\n" }
        out += "        default: .\(type.cases.last?.swiftName ?? "self")\n"
        out += """
                    }
                }

                @inline(__always)
                static func loadDirect(_ object: PyRef, _ module: PyRef) -> Value? {
                    let members = swiftmod_state_slot(module, \(membersSlot))
                    for position in 0..<\(type.cases.count) where swiftmod_tuple_item(members, position) == object {
                        return value(at: position)
                    }
                    return nil
                }

                static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Value {
                    if let value = loadDirect(object, module) { return value }
                    throw instanceError(\(swiftLiteral(type.pythonName)), object)
                }

                @inline(__always)
                static func dump(_ value: Value, _ module: PyRef) -> PyRef? {
                    let member = swiftmod_tuple_item(swiftmod_state_slot(module, \(membersSlot)), position(of: value))
                    swiftmod_incref(member!)
                    return member
                }
            }

            /// The members, `[(NAME, value)]`, for `enum.Enum` at module execution.
            @_cdecl("\(prefix)_members")
            public func \(prefix)_members(_ module: PyRef) -> PyRef? {
                let members: [PyRef?] = [

            """
        for enumCase in type.cases {
            let value =
                rawType.map { "\($0.codec).dump(\(swiftType).\(enumCase.swiftName).rawValue, module)" }
                ?? "SMString.dump(\(swiftLiteral(enumCase.swiftName)), module)"
            out += "        makeTuple([SMString.dump(\(swiftLiteral(enumCase.pythonName)), module), \(value)]),\n"
        }
        out += """
                ]
                return makeList(members)
            }


            """
        return out
    }

    /// A property's getter (and setter): the value read from (written into) the object.
    private func propertyGlue(_ property: PropertyPlan, type: TypePlan) -> String {
        let prefix = property.symbols.prefix
        let value: String
        if let field = property.caseField {
            let names = (0..<field.count).map { $0 == field.index ? "field" : "_" }
            value =
                "{ () -> \(property.type.qualifiedSpelling) in\n        guard case let .\(field.caseName)(\(names.joined(separator: ", "))) = \(type.codec).pointer(object).pointee else { Swift::fatalError(\"unreachable: the object holds another case\") }\n        return field\n    }()"
        } else {
            value = "\(type.codec).pointer(object).pointee.\(property.swiftName)"
        }
        let codec = type.codec
        let name = "\(type.qualname).\(property.pythonName)"
        // docs/design/objects.md#borrow-state: a struct's getter reads the value in place under a shared borrow (the
        // result's conversion may run Python code through a finalizer); a plain-data value is
        // copied out first, so it needs only that no mutation is in progress.
        let shared =
            type.checksBorrows
            ? """
                if Swift::_isPOD(\(property.type.qualifiedSpelling).self) {
                    guard \(codec).checkReadable(object, \(swiftLiteral("read " + name))) else { return nil }
                    return \(property.codec).dump(\(value), module)
                }
                guard \(codec).beginShared(object, \(swiftLiteral("read " + name)), holder: \(swiftLiteral("the getter of " + name))) else { return nil }
                defer { \(codec).endShared(object) }

            """
            : ""
        var out = """
            @_cdecl("\(prefix)_get")
            public func \(prefix)_get(_ object: PyRef, _ closure: Swift::UnsafeMutableRawPointer?) -> PyRef? {
                let module = swiftmod_object_module(object)!
            \(filledCheck(type, failure: "nil"))\(shared)    return \(property.codec).dump(\(value), module)
            }


            """
        if property.isSettable {
            // The new value is converted first (it may run Python code), then stored under an
            // exclusive borrow: the old value's release may run a finalizer.
            // A plain-data value's store runs no code: it needs only that nothing uses the value.
            let exclusiveBegin =
                type.checksBorrows
                ? """
                    if Swift::_isPOD(\(property.type.qualifiedSpelling).self) {
                        guard \(codec).checkWritable(object, \(swiftLiteral("set " + name))) else { return -1 }
                        \(codec).pointer(object).pointee.\(property.swiftName) = newValue
                        return 0
                    }
                    guard \(codec).beginExclusive(object, \(swiftLiteral("set " + name)), holder: \(swiftLiteral("the setter of " + name))) else { return -1 }

                """
                : ""
            let exclusiveEnd = type.checksBorrows ? "    \(codec).endExclusive(object)\n" : ""
            out += """
                @_cdecl("\(prefix)_set")
                public func \(prefix)_set(_ object: PyRef, _ value: PyRef?, _ closure: Swift::UnsafeMutableRawPointer?) -> Swift::Int32 {
                    guard let value else {
                        _ = raise(PyExc_AttributeError, "cannot delete attribute '\(property.pythonName)'")
                        return -1
                    }
                    let module = swiftmod_object_module(object)!
                \(filledCheck(type, failure: "-1"))    let newValue: \(property.type.qualifiedSpelling)
                    do { newValue = try \(property.codec).load(value, module) } catch {
                        swiftmod_prefix_error("attribute '\(property.pythonName)'")
                        return -1
                    }
                \(exclusiveBegin)    \(codec).pointer(object).pointee.\(property.swiftName) = newValue
                \(exclusiveEnd)    return 0
                }


                """
        }
        return out
    }

    /// `tp_richcompare` and `tp_hash` (docs/design/types.md#protocols: Equatable, Comparable, Hashable, identity).
    private func comparisonGlue(_ type: TypePlan) -> String {
        let prefix = type.symbols.prefix
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
                @_cdecl("\(prefix)_richcompare")
                public func \(prefix)_richcompare(_ object: PyRef, _ other: PyRef, _ op: Swift::Int32) -> PyRef? {
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
                @_cdecl("\(prefix)_hash")
                public func \(prefix)_hash(_ object: PyRef) -> Swift::Int {
                \(filledCheck(type, failure: "-1"))\(type.checksBorrows ? "    guard \(codec).checkReadable(object, \(swiftLiteral("hash a " + type.qualname + " object"))) else { return -1 }\n" : "")    return pythonHash(\(codec).pointer(object).pointee.hashValue)
                }


                """
        case .identity:
            out += """
                @_cdecl("\(prefix)_hash")
                public func \(prefix)_hash(_ object: PyRef) -> Swift::Int {
                \(filledCheck(type, failure: "-1"))    return pythonHash(Swift::ObjectIdentifier(\(codec).pointer(object).pointee).hashValue)
                }


                """
        default:
            break
        }
        return out
    }

    /// `__repr__` and `__str__`.
    private func reprGlue(_ type: TypePlan) -> String {
        let prefix = type.symbols.prefix
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
                @_cdecl("\(prefix)_repr")
                public func \(prefix)_repr(_ object: PyRef) -> PyRef? {
                \(readable("repr"))    return SMString.dump(Swift::String(reflecting: \(type.codec).pointer(object).pointee), object)
                }


                """
        case .fields(let names):
            let name = type.qualname
            let getters = type.properties.filter { names.contains($0.pythonName) }.map { "\($0.symbols.prefix)_get(object, nil)" }
            out += """
                @_cdecl("\(prefix)_repr")
                public func \(prefix)_repr(_ object: PyRef) -> PyRef? {
                    reprFields(\(swiftLiteral(name)), [\(names.map(swiftLiteral).joined(separator: ", "))], [\(getters.joined(separator: ", "))])
                }


                """
        }
        if type.hasStr {
            out += """
                @_cdecl("\(prefix)_str")
                public func \(prefix)_str(_ object: PyRef) -> PyRef? {
                \(readable("str"))    return SMString.dump(Swift::String(describing: \(type.codec).pointer(object).pointee), object)
                }


                """
        }
        return out
    }

    /// Number-protocol slots: each Swift overload is tried in order; `NotImplemented` when no
    /// overload takes both operands, so Python tries the other operand's type.
    private func operatorGlue(_ type: TypePlan) -> String {
        var out = ""
        for op in type.operators {
            let symbol = op.symbols.prefix
            var body = ""
            for overload in op.overloads {
                let names = ["a", "b"].prefix(overload.operands.count)
                // docs/design/objects.md#in-place-operators: a struct has no in-place operators: `a += b` works on a copy and
                // Python rebinds `a` to the new object, so an alias of `a` never changes.
                let isInPlace = op.slot.hasPrefix("nb_inplace")
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
    private func subscriptGlue(_ type: TypePlan) -> String {
        let prefix = type.symbols.prefix
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
                @_cdecl("\(prefix)_length")
                public func \(prefix)_length(_ object: PyRef) -> Swift::Int {
                \(readable)    return \(codec).pointer(object).pointee.count
                }

                @_cdecl("\(prefix)_item")
                public func \(prefix)_item(_ object: PyRef, _ index: Swift::Int) -> PyRef? {
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
                            let count = \(prefix)_length(object)
                            guard count >= 0 else { return nil }
                            return \(prefix)_item(object, position < 0 ? position + count : position)
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
            @_cdecl("\(prefix)_getitem")
            public func \(prefix)_getitem(_ object: PyRef, _ keyObject: PyRef) -> PyRef? {
                let module = swiftmod_object_module(object)!
            \(filledCheck(type, failure: "nil"))\(get)    _ = typeError(\(swiftLiteral("an index of type " + indexTypes)), keyObject)
                return nil
            }


            """
        if !set.isEmpty {
            out += """
                @_cdecl("\(prefix)_setitem")
                public func \(prefix)_setitem(_ object: PyRef, _ keyObject: PyRef, _ value: PyRef?) -> Swift::Int32 {
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

    /// `static let` constants as class attributes, evaluated once at module execution.
    private func constantsGlue(_ type: TypePlan, swiftType: String) -> String {
        guard !type.constants.isEmpty else { return "" }
        let prefix = type.symbols.prefix
        var out = """
            @_cdecl("\(prefix)_constants")
            public func \(prefix)_constants(_ module: PyRef, _ type: PyRef) -> Swift::Int32 {

            """
        for constant in type.constants {
            out +=
                "    if swiftmod_set_attribute(type, \(swiftLiteral(constant.pythonName)), \(constant.codec).dump(\(swiftType).\(constant.swiftName), module)) < 0 { return -1 }\n"
        }
        out += "    return 0\n}\n\n"
        return out
    }

    /// `Codable` → `pickle` and `copy`: `__reduce__` encodes the value into plain Python objects
    /// and `_swiftmod_decode` rebuilds it (docs/design/types.md#escape-hatch).
    private func codableGlue(_ type: TypePlan, swiftType: String) -> String {
        let prefix = type.symbols.prefix
        return """
            @_cdecl("\(prefix)_reduce")
            public func \(prefix)_reduce(_ object: PyRef, _ unused: PyRef?) -> PyRef? {
                let module = swiftmod_object_module(object)!
            \(filledCheck(type, failure: "nil"))\(type.checksBorrows ? "    guard \(type.codec).beginShared(object, \(swiftLiteral("pickle a \(type.qualname) object")), holder: \(swiftLiteral("pickling of a " + type.qualname))) else { return nil }\n" : "")    let encoded = encodeToPython(\(type.codec).pointer(object).pointee, module: module)
            \(type.checksBorrows ? "    \(type.codec).endShared(object)\n" : "")    guard let state = encoded else { return nil }
                guard let decode = PyObject_GetAttrString(swiftmod_type_of(object), "_swiftmod_decode") else {
                    swiftmod_decref(state)
                    return nil
                }
                return makeTuple([decode, makeTuple([state])])
            }

            @_cdecl("\(prefix)_decode")
            public func \(prefix)_decode(_ type: PyRef, _ state: PyRef) -> PyRef? {
                let module = swiftmod_type_module(type)!
                do {
                    let value = try decodeFromPython(\(swiftType).self, state, module: module)
                    return \(type.codec).dump(value, module)
                } catch {
                    return raiseDecodingError(error)
                }
            }


            """
    }

    /// The check that a non-final class's object holds its reference (docs/design/types.md#subclasses): a line
    /// for a slot that reads `object`, empty for every other type.
    func filledCheck(_ type: TypePlan, _ object: String = "object", failure: String) -> String {
        type.mayBeEmpty ? "    guard \(type.codec).checkFilled(\(object)) else { return \(failure) }\n" : ""
    }

    /// An operator's operands of a non-final class type must hold their references: an empty
    /// one is a `RuntimeError`, not `NotImplemented`.
    private func operandChecks(_ type: TypePlan) -> String {
        guard type.mayBeEmpty else { return "" }
        return ["a", "b"].map {
            "    if let \($0), \(type.codec).isInstance(\($0), module), !\(type.codec).checkFilled(\($0)) { return nil }\n"
        }.joined()
    }

    /// docs/design/types.md#overrides: `_SwiftmodSub_<Name>`, the Swift subclass whose objects the Python
    /// subclasses' `__init__` creates; each overridable method calls the Python override when the
    /// Python type has one (`callOverride`), else (or when it failed) the class's own. `adopt`
    /// gives it its Python object and reads which methods the Python type overrides, once.
    private func trampolineGlue(_ type: TypePlan, swiftType: String) -> String {
        let prefix = type.symbols.prefix
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
            @_cdecl("\(prefix)_adopt")
            public func \(prefix)_adopt(_ object: PyRef?, _ made: PyRef?) -> Swift::Int32 {
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

    /// How a constructor finds its module: a non-final class's is also called with a Python
    /// subclass (by its `__init__`, docs/design/types.md#subclasses); other types refuse one.
    func constructorModule(_ type: TypePlan) -> String {
        type.mayBeEmpty ? "swiftmod_type_module(type)" : "swiftmod_constructor_module(type)"
    }

}

/// A Swift string literal.
func swiftLiteral(_ text: String) -> String { swiftString(text) }
