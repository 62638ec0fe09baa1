/// The version of swiftmod itself, and the build requirement that generated projects declare.
public enum SwiftmodVersion {
    /// This release of swiftmod.
    public static let current = "0.1.0"

    /// The PEP 508 requirement a generated project puts in `[build-system].requires`:
    /// this version or later, below the next minor (0.x) or major release.
    public static var buildRequirement: String {
        let parts = current.split(separator: ".").compactMap { Int($0) }
        let major = parts.first ?? 0
        let minor = parts.count > 1 ? parts[1] : 0
        let upper = major == 0 ? "0.\(minor + 1)" : "\(major + 1)"
        return "swiftmod>=\(current),<\(upper)"
    }
}
