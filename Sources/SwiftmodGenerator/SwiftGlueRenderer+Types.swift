import SwiftmodModel

/// The Swift half of the types (docs/design/types.md): a codec per type (the value stored in place, or an
/// `enum.Enum` member), its constructor, properties, constants and pickling; the protocol slots
/// are in `+Slots`, overrides in `+Overrides`. Constructors and methods are entry points like
/// functions (`SwiftGlueRenderer.entryPoint`).
extension SwiftGlueRenderer {
    func typeGlue(_ type: TypePlan) -> String {
        var out = "// MARK: \(type.qualifiedName)\n\n"
        let swiftType = "\(plan.swiftModule)::\(type.swiftName)"
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
            @_cdecl("\(type.symbols.slot(.size))")
            public func \(type.symbols.slot(.size))() -> Swift::Int { \(codec).size }

            /// `tp_dealloc`: ends the Swift value's life (nothing to do for a plain-data struct),
            /// frees the object and releases its type.
            @_cdecl("\(type.symbols.slot(.dealloc))")
            public func \(type.symbols.slot(.dealloc))(_ object: PyRef) {
            \(type.overridable.isEmpty ? "" : "    if \(codec).isFilled(object), let sub = \(codec).pointer(object).pointee as? \(type.trampolineName) { sub.detach(object) }\n")    if !Swift::_isPOD(\(codec).Value.self) { \(codec).destroy(object) }
                swiftmod_object_free(object)
            }


            """
        if type.mayBeEmpty {
            // docs/design/types.md#subclasses: the C `tp_init` asks whether the object holds its reference and
            // moves the constructor's reference into a Python subclass's object.
            out += """
                @_cdecl("\(type.symbols.slot(.filled))")
                public func \(type.symbols.slot(.filled))(_ object: PyRef) -> Swift::Int32 { \(codec).isFilled(object) ? 1 : 0 }


                """
            if type.overridable.isEmpty {
                out += """
                    @_cdecl("\(type.symbols.slot(.adopt))")
                    public func \(type.symbols.slot(.adopt))(_ object: PyRef?, _ made: PyRef?) -> Swift::Int32 { \(codec).adopt(object.unsafelyUnwrapped, made.unsafelyUnwrapped) }


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
                @_cdecl("\(type.symbols.slot(.vectorcall))")
                public func \(type.symbols.slot(.vectorcall))(_ type: PyRef, _ args: UnsafePointer<PyRef?>?, _ nargsf: Swift::Int, _ kwnames: PyRef?) -> PyRef? {
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
            @_cdecl("\(type.symbols.slot(.vectorcall))")
            public func \(type.symbols.slot(.vectorcall))(_ type: PyRef, _ args: UnsafePointer<PyRef?>?, _ nargsf: Swift::Int, _ kwnames: PyRef?) -> PyRef? {
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
            @_cdecl("\(type.symbols.slot(.members))")
            public func \(type.symbols.slot(.members))(_ module: PyRef) -> PyRef? {
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
            @_cdecl("\(property.symbols.slot(.get))")
            public func \(property.symbols.slot(.get))(_ object: PyRef, _ closure: Swift::UnsafeMutableRawPointer?) -> PyRef? {
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
                @_cdecl("\(property.symbols.slot(.set))")
                public func \(property.symbols.slot(.set))(_ object: PyRef, _ value: PyRef?, _ closure: Swift::UnsafeMutableRawPointer?) -> Swift::Int32 {
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

    /// `static let` constants as class attributes, evaluated once at module execution.
    private func constantsGlue(_ type: TypePlan, swiftType: String) -> String {
        guard !type.constants.isEmpty else { return "" }
        var out = """
            @_cdecl("\(type.symbols.slot(.constants))")
            public func \(type.symbols.slot(.constants))(_ module: PyRef, _ type: PyRef) -> Swift::Int32 {

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
        return """
            @_cdecl("\(type.symbols.slot(.reduce))")
            public func \(type.symbols.slot(.reduce))(_ object: PyRef, _ unused: PyRef?) -> PyRef? {
                let module = swiftmod_object_module(object)!
            \(filledCheck(type, failure: "nil"))\(type.checksBorrows ? "    guard \(type.codec).beginShared(object, \(swiftLiteral("pickle a \(type.qualname) object")), holder: \(swiftLiteral("pickling of a " + type.qualname))) else { return nil }\n" : "")    let encoded = encodeToPython(\(type.codec).pointer(object).pointee, module: module)
            \(type.checksBorrows ? "    \(type.codec).endShared(object)\n" : "")    guard let state = encoded else { return nil }
                guard let decode = PyObject_GetAttrString(swiftmod_type_of(object), "_swiftmod_decode") else {
                    swiftmod_decref(state)
                    return nil
                }
                return makeTuple([decode, makeTuple([state])])
            }

            @_cdecl("\(type.symbols.slot(.decode))")
            public func \(type.symbols.slot(.decode))(_ type: PyRef, _ state: PyRef) -> PyRef? {
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

    /// How a constructor finds its module: a non-final class's is also called with a Python
    /// subclass (by its `__init__`, docs/design/types.md#subclasses); other types refuse one.
    func constructorModule(_ type: TypePlan) -> String {
        type.mayBeEmpty ? "swiftmod_type_module(type)" : "swiftmod_constructor_module(type)"
    }

}

/// A Swift string literal.
func swiftLiteral(_ text: String) -> String { swiftString(text) }
