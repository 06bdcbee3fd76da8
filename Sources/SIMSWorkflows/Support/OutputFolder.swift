import Foundation
import SIMSCore
import SIMSReport

/// The output folder of one run, laid out the same way by every command:
///
/// ```
/// DIR/results/*.csv      tables
/// DIR/plots/*.svg|png|pdf  figures (extra/ for the less important ones; formats from --figures)
/// DIR/images/…           ion images, label images
/// DIR/report.html        one self-contained page
/// DIR/provenance.json    inputs with SHA-256, settings, warnings
/// DIR/methods.md         the experimental-section paragraph
/// ```
public struct OutputFolder: Sendable {
    /// The folder's path.
    public let path: String
    /// The formats every figure is written in (`--figures`); default ``SIMSReport/FigureFormat/defaults``.
    public var figureFormats: Set<FigureFormat>

    /// Uses (and creates) `path`; figures go out in `figures` formats.
    public init(_ path: String, figures: Set<FigureFormat> = FigureFormat.defaults) throws(SIMSError) {
        self.figureFormats = figures.isEmpty ? FigureFormat.defaults : figures
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
