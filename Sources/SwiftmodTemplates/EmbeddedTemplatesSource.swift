/// Writes the Swift source of `EmbeddedTemplates.swift` from the files of `Templates/`.
///
/// The drift test renders this from the files on disk and compares it with the committed
/// `EmbeddedTemplates.swift`; `make templates` writes it.
public enum EmbeddedTemplatesSource {
    /// The Swift source embedding `files` (path below `Templates/` → contents), sorted by path.
    public static func render(_ files: [String: String]) -> String {
        var out = """
            // swift-format-ignore-file
            // Generated from Templates/ by `make templates`. Do not edit: edit Templates/ instead.
            // A test fails when this file and Templates/ differ.

            enum EmbeddedTemplates {
                static let files: [String: String] = [

            """
        for path in files.keys.sorted() {
            out += "        \(literal(path)): \(literal(files[path]!)),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    /// A raw string literal for `text`, with enough `#` that nothing inside can end or escape it.
    public static func literal(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        if !text.contains("\n") && !text.contains("\"") {
            return hashes + "\"" + text + "\"" + hashes
        }
        // A multi-line raw literal drops the newline before its closing delimiter: add one back.
        return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
    }
}
