/// Hands out the C symbol prefixes of generated callables: `swiftmod_f<N>_<name>`.
///
/// The fixed runtime's names are `swiftmod_` and a lowercase word (`swiftmod_gil_enter`,
/// `swiftmod_parse_args`); a generated prefix is `swiftmod_`, a kind letter and a number, so no
/// user name (`state`, `enter`, `parse_args`) can collide with the runtime or with another
/// generated callable, whatever the two are called.
struct SymbolMangler {
    private var next = 0

    /// A fresh prefix for a callable exported as `pythonName`; the name is kept for readability.
    mutating func symbols(for pythonName: String, kind: Character = "f") -> Symbols {
        defer { next += 1 }
        let readable = String(
            pythonName.unicodeScalars.map {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") ? Character($0) : "_"
            })
        return Symbols(prefix: "swiftmod_\(kind)\(next)_\(readable)")
    }
}
