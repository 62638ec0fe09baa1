import SwiftmodModel

/// The codec of a union (docs/design/python-shapes.md#unions): no Python type of its own; it
/// converts an object with the first case whose payload's Python type the object is (the
/// exact pass), else with the first case whose payload converts it (the converting pass,
/// in declaration order), and a value back to its payload.
extension SwiftGlueRenderer {
    func unionGlue(_ union: UnionPlan) -> String {
        let swiftType = "\(plan.swiftModule)::\(union.swiftName)"
        let valued = union.cases.compactMap { enumCase in enumCase.codec.map { (enumCase.swiftName, $0) } }
        let noneCase = union.cases.first { $0.payload == nil }?.swiftName
        var out = """
            // MARK: \(union.swiftName), a union

            /// `\(union.stubSpelling)`: a `\(union.swiftName)` is its payload in Python.
            enum \(union.codec): PyCodec {
                typealias Value = \(swiftType)

                @inline(__always)
                static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Swift::Bool {

            """
        var exact = valued.map { "\($0.1).matchesExactly(object, module)" }
        if noneCase != nil { exact.append("object == swiftmod_none()") }
        out += "        " + exact.joined(separator: "\n            || ") + "\n    }\n\n"
        out += """
                /// The payload's own fast path (exact `int`, `float`, `str`, ...): the cases' Python
                /// types are disjoint, so at most one case can take the object this way.
                @inline(__always)
                static func loadDirect(_ object: PyRef, _ module: PyRef) -> Value? {

            """
        if let noneCase { out += "        if object == swiftmod_none() { return .\(noneCase) }\n" }
        // A recursive union's levels each pass CPython's recursion guard (past the limit:
        // RecursionError, not a C stack overflow). Its cases that hold a union have no fast path:
        // a fast path that failed deep down would be retried at every level above (quadratic).
        let (enter, enterDumping) =
            union.isRecursive
            ? (
                "        guard swiftmod_enter_nesting() == 0 else { throw PyErrorSet() }\n        defer { swiftmod_leave_nesting() }\n",
                "        guard swiftmod_enter_nesting() == 0 else { return nil }\n        defer { swiftmod_leave_nesting() }\n"
            ) : ("", "")
        let direct = union.cases.filter { !(union.isRecursive && $0.holdsUnion) }.compactMap { enumCase in
            enumCase.codec.map { (enumCase.swiftName, $0) }
        }
        for (name, codec) in direct { out += "        if let payload = \(codec).loadDirect(object, module) { return .\(name)(payload) }\n" }
        out += """
                    return nil
                }

                static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Value {
                    if let value = loadDirect(object, module) { return value }

            """
        out += enter
        out += """
                    // The exact pass: the case whose payload's Python type the object is decides,
                    // and its conversion's error is the call's.

            """
        for (name, codec) in valued {
            out += "        if \(codec).matchesExactly(object, module) { return .\(name)(try \(codec).load(object, module)) }\n"
        }
        out += "        // The converting pass, in declaration order: a TypeError tries the next case.\n"
        for (name, codec) in valued {
            out +=
                "        do { return .\(name)(try \(codec).load(object, module)) } catch { if swiftmod_union_mismatch() == 0 { throw error } }\n"
        }
        out += """
                    throw typeError(\(swiftLiteral(union.expected)), object)
                }

                static func dump(_ value: Value, _ module: PyRef) -> PyRef? {

            """
        out += enterDumping
        out += """
                    return switch value {

            """
        for (name, codec) in valued { out += "        case .\(name)(let payload): \(codec).dump(payload, module)\n" }
        if let noneCase { out += "        case .\(noneCase): swiftmod_new_none()\n" }
        out += "        }\n    }\n}\n\n"
        return out
    }
}
