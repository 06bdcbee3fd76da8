import Foundation
import SIMSCore

/// The output folder of one run, laid out the same way by every command:
///
/// ```
/// DIR/results/*.csv      tables
/// DIR/plots/*.svg|png    figures (extra/ for the less important ones)
/// DIR/images/…           ion images, label images
/// DIR/report.html        one self-contained page
/// DIR/provenance.json    inputs with SHA-256, settings, warnings
/// DIR/methods.md         the experimental-section paragraph
/// ```
public struct OutputFolder: Sendable {
    /// The folder's path.
    public let path: String

    /// Uses (and creates) `path`.
    public init(_ path: String) throws(SIMSError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SIMSError(.writeFailed, "cannot create the output folder: \(error.localizedDescription)", file: path)
        }
        self.path = path
    }

    /// `DIR/results/<name>`.
    public func results(_ name: String) -> String { path + "/results/" + name }
    /// `DIR/plots/<name>`.
    public func plots(_ name: String) -> String { path + "/plots/" + name }
    /// `DIR/images/<name>`.
    public func images(_ name: String) -> String { path + "/images/" + name }
    /// `DIR/<name>` for top-level files (`report.html`, `provenance.json`, `methods.md`).
    public func file(_ name: String) -> String { path + "/" + name }

    /// A file-name-safe version of a label (ion names contain `^`, `/`, spaces, parentheses).
    public static func safeName(_ label: String) -> String {
        var out = ""
        for scalar in label.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", "+", ".": out.unicodeScalars.append(scalar)
            case "^": out += "i"
            case "/": out += "_per_"
            default: out += "_"
            }
        }
        return out.isEmpty ? "_" : out
    }
}
