/// What swiftmod reads from the text of a user's `Package.swift` without running SwiftPM:
/// cheap enough for `develop`'s no-op check, which must stay well under 0.1 s.
public enum PackageManifest {
    /// The paths of `.package(path: "…")` and `.package(name: "…", path: "…")` dependencies,
    /// as written (relative to the package, or absolute). Commented-out lines are skipped.
    /// `swift package dump-package` is the exact answer; this is the fast one.
    public static func localDependencyPaths(in text: String) -> [String] {
        var paths: [String] = []
        for line in text.split(separator: "\n") {
            let code = line.trimmingCharacters(in: " \t")
            if code.hasPrefix("//") { continue }
            var rest = Substring(code)
            while let start = rest.range(of: ".package(") {
                rest = rest[start.upperBound...]
                let call = rest.prefix(while: { $0 != ")" })
                if let label = call.range(of: "path:") {
                    let value = call[label.upperBound...].drop(while: { $0 == " " })
                    if value.first == "\"" {
                        let path = value.dropFirst().prefix(while: { $0 != "\"" })
                        if !path.isEmpty { paths.append(String(path)) }
                    }
                }
            }
        }
        return paths
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Substring.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) { return index..<self.index(index, offsetBy: needle.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
