import Crypto
import Foundation

/// The digests that wheels use.
public enum Digest {
    /// `sha256=<urlsafe base64, no padding>`, as RECORD lines carry it (PEP 376 / PEP 427).
    public static func recordHash(_ data: Data) -> String {
        let digest = Data(SHA256.hash(data: data))
        let base64 = digest.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "sha256=" + base64
    }
}
