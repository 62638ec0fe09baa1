import SwiftmodModel

/// The C half of the types (docs/design/types.md): per type, the constructor's overload dispatch, the method
/// entry points, the slot table and spec; at module execution, the type objects (from their
/// specs, into the module state), enums, case classes and class constants. Slot functions that
/// need no argument parsing (properties, comparison, hashing, repr, operators, subscripts) are
/// Swift `@_cdecl` functions with CPython's slot signatures.
extension CShimRenderer {
    func typeDefinition(_ type: TypePlan) -> String {
        let prefix = type.symbols.prefix
        guard type.isObjectType else {
            return "extern PyObject *\(type.symbols.slot(.members))(PyObject *module);\n\n"
        }
        var out = """
            // \(type.qualifiedName)
            extern Py_ssize_t \(type.symbols.slot(.size))(void);
            extern void \(type.symbols.slot(.dealloc))(PyObject *self);

            """
        var slots: [(String, String)] = [("Py_tp_dealloc", "\(type.symbols.slot(.dealloc))")]
        slots.append(("Py_tp_doc", cString(typeDoc(type))))

        // The constructor: overloads tried in declaration order.
        if !type.initializers.isEmpty {
            if type.initializers.count == 1 {
                // One initializer: the vectorcall is the Swift function itself (one call fewer).
                out += argumentSpec(type.initializers[0], sharedWithSwift: true)
                out +=
                    "extern PyObject *\(type.symbols.slot(.vectorcall))(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames);\n"
            } else {
                for initializer in type.initializers {
                    out +=
                        "extern PyObject *\(initializer.symbols.impl)(PyObject *module, PyObject *type, PyObject *const *args, swiftmod_gil_state *gil, int *converted);\n"
                    out += argumentSpec(initializer)
                }
                out += """
                    static PyObject *\(type.symbols.slot(.vectorcall))(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
                        PyObject *module = \(type.mayBeEmpty ? "swiftmod_type_module" : "swiftmod_constructor_module")(type);
                        if (module == NULL) return NULL;
                        Py_ssize_t nargs = (Py_ssize_t)(nargsf & ~SWIFTMOD_VECTORCALL_ARGUMENTS_OFFSET);
                    \(overloadDispatch(type.initializers, receiver: "type", name: type.pythonName, passesModule: true))}


                    """
            }
            if type.mayBeEmpty {
                // docs/design/types.md#subclasses: a Python subclass's object is allocated empty by `tp_new`, and
                // `tp_init` (which `super().__init__(…)` reaches) runs the initializer; the type's
                // own objects keep the vectorcall constructor.
                out += """
                    extern int \(type.symbols.slot(.filled))(PyObject *self);
                    extern int \(type.symbols.slot(.adopt))(PyObject *self, PyObject *made);
                    static PyObject *\(prefix)_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
                        if (!swiftmod_is_exported_type((PyObject *)type)) return swiftmod_subclass_new((PyObject *)type);
                        return swiftmod_call_classic((PyObject *)type, args, kwargs, \(type.symbols.slot(.vectorcall)));
                    }

                    static int \(prefix)_init(PyObject *self, PyObject *args, PyObject *kwargs) {
                        if (\(type.symbols.slot(.filled))(self)) return swiftmod_init_again(self, \(cString(type.pythonName)));
                        return swiftmod_subclass_init(self, args, kwargs, \(type.index), \(type.symbols.slot(.vectorcall)), \(type.symbols.slot(.adopt)));
                    }


                    """
                slots.append(("Py_tp_init", "\(prefix)_init"))
            } else {
                out += """
                    static PyObject *\(prefix)_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
                        return swiftmod_call_classic((PyObject *)type, args, kwargs, \(type.symbols.slot(.vectorcall)));
                    }


                    """
            }
            slots.append(("Py_tp_new", "\(prefix)_new"))
        }

        // Methods; several of one name are overloads behind one entry point.
        var methodTable: [String] = []
        for group in type.methodGroups {
            let first = type.methods[group[0]]
            // METH_STATIC functions get no `self` (so no way to their module): a static method is a
            // class method in Python, which receives its type.
            let flags = methodFlags(group.count == 1 ? first.convention : .fastcall, isStatic: first.role == .staticMethod)
            if group.count == 1, first.isReduceHatch {
                // `func __reduce__() -> (Args, State)`: Swift cannot name the Python class, so the
                // glue makes Python's `(type(self), args, state)` from the two.
                out += entryPoint(first)
                out += """
                    static PyObject *\(first.symbols.prefix)_reduce(PyObject *self, PyObject *unused) {
                        (void)unused;
                        PyObject *pair = \(callEntry(first, []));
                        if (pair == NULL) return NULL;
                        PyObject *result = Py_BuildValue("(OOO)", (PyObject *)Py_TYPE(self), PyTuple_GetItem(pair, 0), PyTuple_GetItem(pair, 1));
                        Py_DECREF(pair);
                        return result;
                    }


                    """
                methodTable.append(
                    "    {\"__reduce__\", (PyCFunction)\(first.symbols.prefix)_reduce, METH_NOARGS, \(cString(first.doc ?? "Pickles the object: (its type, its constructor's arguments, its state)."))},"
                )
                continue
            }
            if group.count == 1 {
                out += entryPoint(first)
                methodTable.append(
                    "    {\(cString(first.pythonName)), (PyCFunction)(void (*)(void))\(first.symbols.entry), \(flags), \(cString(first.docstring))},"
                )
                continue
            }
            let overloads = group.map { type.methods[$0] }
            for method in overloads {
                out +=
                    "extern PyObject *\(method.symbols.impl)(PyObject *self, PyObject *const *args, swiftmod_gil_state *gil, int *converted);\n"
                out += argumentSpec(method)
            }
            out += """
                static PyObject *\(first.symbols.entry)(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
                \(overloadDispatch(overloads, receiver: "self", name: first.pythonName, passesModule: false))}


                """
            let signatures = overloads.map { pythonSignature($0, name: first.pythonName) }.joined(separator: "\n")
            let docs = overloads.compactMap(\.doc)
            let doc = signatures + (docs.isEmpty ? "" : "\n\n" + docs.joined(separator: "\n\n"))
            methodTable.append(
                "    {\(cString(first.pythonName)), (PyCFunction)(void (*)(void))\(first.symbols.entry), \(flags), \(cString(doc))},")
        }
        if type.isCodable {
            out += """
                extern PyObject *\(type.symbols.slot(.reduce))(PyObject *self, PyObject *unused);
                extern PyObject *\(type.symbols.slot(.decode))(PyObject *type, PyObject *state);

                """
            methodTable.append(
                "    {\"__reduce__\", (PyCFunction)\(type.symbols.slot(.reduce)), METH_NOARGS, \"Pickles the value through its Codable conformance.\"},"
            )
            methodTable.append(
                "    {\"_swiftmod_decode\", (PyCFunction)\(type.symbols.slot(.decode)), METH_O | METH_CLASS, \"Rebuilds a value from its encoded state (pickle, copy).\"},"
            )
        }
        if !methodTable.isEmpty {
            out +=
                "static PyMethodDef \(prefix)_methods[] = {\n" + methodTable.joined(separator: "\n")
                + "\n    {NULL, NULL, 0, NULL},\n};\n\n"
            slots.append(("Py_tp_methods", "\(prefix)_methods"))
        }

        // Properties.
        if !type.properties.isEmpty {
            var table: [String] = []
            for property in type.properties {
                out += "extern PyObject *\(property.symbols.slot(.get))(PyObject *self, void *closure);\n"
                if property.isSettable {
                    out += "extern int \(property.symbols.slot(.set))(PyObject *self, PyObject *value, void *closure);\n"
                }
                table.append(
                    "    {\(cString(property.pythonName)), \(property.symbols.slot(.get)), \(property.isSettable ? "\(property.symbols.slot(.set))" : "NULL"), \(property.doc.map(cString) ?? "NULL"), NULL},"
                )
            }
            out +=
                "static PyGetSetDef \(prefix)_getset[] = {\n" + table.joined(separator: "\n")
                + "\n    {NULL, NULL, NULL, NULL, NULL},\n};\n\n"
            slots.append(("Py_tp_getset", "\(prefix)_getset"))
        }

        // Protocol-driven slots (Swift functions with CPython's slot signatures).
        func swiftSlot(_ function: SlotFunction) {
            let symbol = type.symbols.slot(function)
            out += "extern \(function.cSignature!.replacingOccurrences(of: "NAME", with: symbol));\n"
            slots.append((function.cSlot!, symbol))
        }
        switch type.comparison {
        case .none: break
        case .equatable, .identity: swiftSlot(.richcompare)
        }
        switch type.hashing {
        case .inherited: break
        case .hashable, .identity: swiftSlot(.hash)
        case .unhashable: slots.append(("Py_tp_hash", "PyObject_HashNotImplemented"))
        }
        if type.repr != .inherited { swiftSlot(.repr) }
        if type.hasStr { swiftSlot(.str) }
        for op in type.operators {
            let symbol = op.symbols.prefix
            if op.isUnary {
                out += "extern PyObject *\(symbol)_impl(PyObject *module, PyObject *a, PyObject *b);\n"
                out += "static PyObject *\(symbol)(PyObject *a) { return \(symbol)_impl(swiftmod_object_module(a), a, NULL); }\n"
            } else {
                out += "extern PyObject *\(symbol)_impl(PyObject *module, PyObject *a, PyObject *b);\n"
                out += """
                    static PyObject *\(symbol)(PyObject *a, PyObject *b) {
                        PyObject *self = PyType_GetSlot(Py_TYPE(a), Py_\(op.kind.cSlot)) == (void *)\(symbol) ? a : b;
                        return \(symbol)_impl(swiftmod_object_module(self), a, b);
                    }

                    """
            }
            slots.append(("Py_\(op.kind.cSlot)", symbol))
        }
        if let subscriptPlan = type.subscripts.first {
            swiftSlot(.getitem)
            if subscriptPlan.isSettable || type.subscripts.contains(where: \.isSettable) {
                swiftSlot(.setitem)
            }
        }
        if type.element != nil {
            swiftSlot(.length)
            slots.append(("Py_sq_length", "\(type.symbols.slot(.length))"))
            swiftSlot(.item)
            // `__iter__` and `__contains__` as real slots (not CPython's fallback to sq_item), so
            // that the type has the methods its stub declares (stubtest, mypy's `for v in c`).
            slots.append(("Py_tp_iter", "swiftmod_sequence_iter"))
            slots.append(("Py_sq_contains", "swiftmod_sequence_contains"))
        }
        let iteration = iterationSlots(type)
        out += iteration.declarations
        slots += iteration.slots
        // The escape hatch (docs/design/types.md#escape-hatch): a method named like a special method fills its slot.
        for (name, methodIndex) in type.specialSlots.sorted(by: { $0.key < $1.key }) {
            let method = type.methods[methodIndex]
            let call0 = callEntry(method, [])
            let wrapper = "\(prefix)_special\(name.replacingOccurrences(of: "__", with: "_"))"
            let (slot, function): (String, String) =
                switch name {
                case "__len__":
                    (
                        "Py_sq_length",
                        "static Py_ssize_t \(wrapper)(PyObject *self) { PyObject *r = \(call0); if (r == NULL) return -1; Py_ssize_t n = PyLong_AsSsize_t(r); Py_DECREF(r); return n; }"
                    )
                case "__bool__":
                    (
                        "Py_nb_bool",
                        "static int \(wrapper)(PyObject *self) { PyObject *r = \(call0); if (r == NULL) return -1; int b = PyObject_IsTrue(r); Py_DECREF(r); return b; }"
                    )
                case "__repr__": ("Py_tp_repr", "static PyObject *\(wrapper)(PyObject *self) { return \(call0); }")
                case "__str__": ("Py_tp_str", "static PyObject *\(wrapper)(PyObject *self) { return \(call0); }")
                case "__hash__":
                    (
                        "Py_tp_hash",
                        "static Py_hash_t \(wrapper)(PyObject *self) { PyObject *r = \(call0); if (r == NULL) return -1; Py_hash_t h = PyLong_AsSsize_t(r); Py_DECREF(r); return h == -1 && !PyErr_Occurred() ? -2 : h; }"
                    )
                case "__iter__":
                    (
                        "Py_tp_iter",
                        "static PyObject *\(wrapper)(PyObject *self) { PyObject *r = \(call0); if (r == NULL) return NULL; PyObject *it = PyObject_GetIter(r); Py_DECREF(r); return it; }"
                    )
                case "__contains__":
                    (
                        "Py_sq_contains",
                        "static int \(wrapper)(PyObject *self, PyObject *value) { PyObject *r = \(callEntry(method, ["value"])); if (r == NULL) return -1; int b = PyObject_IsTrue(r); Py_DECREF(r); return b; }"
                    )
                default:
                    (
                        "Py_mp_subscript",
                        "static PyObject *\(wrapper)(PyObject *self, PyObject *key) { return \(callEntry(method, ["key"])); }"
                    )
                }
            out += function + "\n"
            slots.removeAll {
                $0.0 == slot || (slot == "Py_sq_length" && $0.0 == "Py_mp_length") || (slot == "Py_mp_subscript" && $0.0 == "Py_sq_item")
            }
            slots.append((slot, wrapper))
        }

        var flags = ["Py_TPFLAGS_DEFAULT"]
        if type.isSubclassable { flags.append("Py_TPFLAGS_BASETYPE") }
        if type.initializers.isEmpty { flags.append("Py_TPFLAGS_DISALLOW_INSTANTIATION") }
        out += "static PyType_Slot \(prefix)_slots[] = {\n"
        for (slot, value) in slots { out += "    {\(slot), (void *)\(value)},\n" }
        out += "    {0, NULL},\n};\n"
        out += """
            static PyType_Spec \(prefix)_spec = {\(cString(specName(type))), 0, 0, \(flags.joined(separator: " | ")), \(prefix)_slots};


            """
        return out
    }

    /// The body of a callable with overloads, tried in declaration order: the first whose
    /// arguments parse and convert is called (its own errors propagate); when none fits,
    /// `TypeError` lists every signature. One overload keeps its own precise error.
    func overloadDispatch(_ overloads: [Callable], receiver: String, name: String, passesModule: Bool) -> String {
        let module = passesModule ? "module, " : ""
        let width = max(overloads.map(\.arguments.count).max() ?? 1, 1)
        var out = "    PyObject *slots[\(width)];\n    PyObject *result;\n    int converted = 0;\n"
        if overloads.count > 1 { out += "    swiftmod_overload_failure failure = SWIFTMOD_NO_FAILURE;\n" }
        // An overload that fails after iterating a one-shot iterator (a generator) would leave
        // the next one nothing: where any overload reads an argument as `some Sequence<T>`, an
        // iterator there becomes a list first, which every overload then reads.
        var positions: [Bool] = []
        var names: [String] = []
        for overload in overloads {
            for (index, argument) in overload.arguments.enumerated() where argument.type.isSequence {
                while positions.count <= index { positions.append(false) }
                positions[index] = true
                if !names.contains(argument.pythonName) { names.append(argument.pythonName) }
            }
        }
        let materializes = overloads.count > 1 && !names.isEmpty
        if materializes {
            out += "    static const unsigned char sequence_positions[] = {\(positions.map { $0 ? "1" : "0" }.joined(separator: ", "))};\n"
            out += "    static const char *const sequence_names[] = {\((names.map(cString) + ["NULL"]).joined(separator: ", "))};\n"
            out += "    swiftmod_materialized made;\n"
            out +=
                "    args = swiftmod_materialize_iterators(args, nargs, kwnames, sequence_positions, \(positions.count), sequence_names, &made);\n"
            out += "    if (args == NULL) return NULL;\n"
        }
        for (number, callable) in overloads.enumerated() {
            let symbols = callable.symbols
            let count = callable.arguments.count
            if let star = callable.variadicIndex {
                // `*args` (docs/design/python-shapes.md#variadics): always parsed; the parser's tuple is released after the call.
                out += """
                        if (swiftmod_parse_args(&\(symbols.spec), args, nargs, kwnames, slots) == 0) {
                            result = \(symbols.impl)(\(module)\(receiver), slots, &\(symbols.gil), &converted);
                            Py_DECREF(slots[\(star)]);
                        } else result = NULL;

                    """
            } else {
                out += """
                        if (kwnames == NULL && nargs == \(count)) result = \(symbols.impl)(\(module)\(receiver), args, &\(symbols.gil), &converted);
                        else if (swiftmod_parse_args(&\(symbols.spec), args, nargs, kwnames, slots) == 0) result = \(symbols.impl)(\(module)\(receiver), slots, &\(symbols.gil), &converted);
                        else result = NULL;

                    """
            }
            if overloads.count == 1 {
                out += "    return result;\n"
            } else {
                out +=
                    "    if (result != NULL || converted == SWIFTMOD_CALLED) { result = swiftmod_overload_done(&failure, result); goto finish; }\n"
                out += "    swiftmod_overload_failed(&failure, converted);\n    converted = 0;\n"
                if number + 1 == overloads.count {
                    let signatures = overloads.map { "  " + pythonSignature($0, name: name) }.joined(separator: "\n")
                    out += "    result = swiftmod_no_overload(&failure, \(cString(name)), \(cString(signatures)));\n"
                }
            }
        }
        if overloads.count > 1 {
            out += "finish:\n" + (materializes ? "    swiftmod_release_materialized(&made);\n" : "") + "    return result;\n"
        }
        return out
    }

    /// The spec's name: `module.Name` (a case class's `__qualname__` is set after creation).
    private func specName(_ type: TypePlan) -> String {
        "\(moduleName(of: type)).\(type.pythonName)"
    }

    /// `tp_doc`: the constructor's signature (for `inspect.signature` and `help`) and the `///` doc.
    private func typeDoc(_ type: TypePlan) -> String {
        var doc = type.doc ?? ""
        if type.initializers.count == 1 {
            let initializer = type.initializers[0]
            var signature = initializer.textSignature
            signature = type.pythonName + signature.drop { $0 != "(" }
            let initDoc = initializer.doc.map { doc.isEmpty ? $0 : doc + "\n\n" + $0 } ?? doc
            return signature + "\n--\n\n" + initDoc
        }
        if type.initializers.count > 1 {
            let signatures = type.initializers.map { pythonSignature($0, name: type.pythonName) }.joined(separator: "\n")
            doc = (doc.isEmpty ? "" : doc + "\n\n") + signatures
        }
        return doc
    }

    /// `Point(x: float = 0.0, y: float = 0.0)`, for messages and docs.
    func pythonSignature(_ callable: Callable, name: String) -> String {
        var parts: [String] = []
        for (index, argument) in callable.arguments.enumerated() {
            parts.append("\(argument.pythonName): \(argument.type.pythonSpelling)" + (argument.pythonDefault.map { " = \($0)" } ?? ""))
            if index + 1 == callable.positionalOnlyCount { parts.append("/") }
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// Module execution for the types: type objects from their specs, enums, case classes'
    /// names and `__match_args__`, then the class constants (which may be of any exported type).
    func typeCreation() -> String {
        guard !plan.types.isEmpty else { return "" }
        var out = ""
        for type in plan.types {
            let prefix = type.symbols.prefix
            let slot = plan.stateLayout.typeSlot(type.index)
            switch type.storage {
            case .enumeration:
                out += """
                        {
                            PyObject *members = \(type.symbols.slot(.members))(module);
                            if (members == NULL) return -1;
                            PyObject *type = swiftmod_make_enum(\(cString(type.pythonName)), \(cString(type.qualname)), \(cString(moduleName(of: type))), members, \(type.doc.map(cString) ?? "NULL"));
                            Py_DECREF(members);
                            if (type == NULL) return -1;
                            state->slots[\(slot)] = type;
                            state->slots[\(plan.stateLayout.enumMembersSlot(type.index))] = PySequence_Tuple(type);
                            if (state->slots[\(plan.stateLayout.enumMembersSlot(type.index))] == NULL || \(addToOwner(type, "type")) < 0) return -1;

                    """
                if !type.enumMembers.isEmpty {
                    let kinds = String(type.enumMembers.map { $0.enumMember!.kind.rawValue })
                    out +=
                        "        if (swiftmod_enum_attach(type, module, \(prefix)_enum_members, \(cString(kinds)), \(cString(type.qualname))) < 0) return -1;\n"
                }
                out += "    }\n"
            default:
                var base = "NULL"
                switch type.storage {
                case .reference(_, let baseIndex?): base = "state->slots[\(plan.stateLayout.typeSlot(baseIndex))]"
                case .enumCase(let baseIndex, _): base = "state->slots[\(plan.stateLayout.typeSlot(baseIndex))]"
                default: break
                }
                out += """
                        {
                            PyType_Spec spec = \(prefix)_spec;
                            spec.basicsize = (int)\(type.symbols.slot(.size))();
                            PyObject *type = PyType_FromModuleAndSpec(module, &spec, \(base));
                            if (type == NULL) return -1;
                            state->slots[\(slot)] = type;

                    """
                if !type.initializers.isEmpty {
                    out +=
                        "#ifndef Py_LIMITED_API\n        ((PyTypeObject *)type)->tp_vectorcall = \(type.symbols.slot(.vectorcall));\n#endif\n"
                }
                if type.qualname != type.pythonName {
                    out +=
                        "        if (swiftmod_set_attribute(type, \"__qualname__\", PyUnicode_FromString(\(cString(type.qualname)))) < 0) return -1;\n"
                }
                out += "        if (\(addToOwner(type, "type")) < 0) return -1;\n"
                if !type.matchArgs.isEmpty {
                    let format = "(" + String(repeating: "s", count: type.matchArgs.count) + ")"
                    let items = type.matchArgs.map(cString).joined(separator: ", ")
                    out +=
                        "        if (swiftmod_set_attribute(type, \"__match_args__\", Py_BuildValue(\"\(format)\", \(items))) < 0) return -1;\n"
                }
                out += "    }\n"
            }
        }
        for type in plan.types where !type.constants.isEmpty {
            out += "    extern int \(type.symbols.slot(.constants))(PyObject *module, PyObject *type);\n"
            out +=
                "    if (\(type.symbols.slot(.constants))(module, state->slots[\(plan.stateLayout.typeSlot(type.index))]) < 0) return -1;\n"
        }
        return out
    }

    /// Makes the type an attribute of what owns it: the module, its enum (a case class) or its
    /// outer type (a nested type).
    private func addToOwner(_ type: TypePlan, _ variable: String) -> String {
        let owner: Int? = if case .enumCase(let baseIndex, _) = type.storage { baseIndex } else { type.outerIndex }
        guard let owner else { return "PyModule_AddObjectRef(module, \(cString(type.pythonName)), \(variable))" }
        return "PyObject_SetAttrString(state->slots[\(plan.stateLayout.typeSlot(owner))], \(cString(type.pythonName)), \(variable))"
    }

    /// The `__module__` of a type (the qualified module of the extension).
    private func moduleName(of type: TypePlan) -> String {
        String(type.qualifiedName.dropLast(type.qualname.count + 1))
    }
}
