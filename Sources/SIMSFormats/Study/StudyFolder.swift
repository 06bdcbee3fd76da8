import Foundation
import SIMSCore

/// Discovers a study from a folder tree `ROOT/<sample>/<spot files>`.
///
/// Sample = sub-folder name, spot = file name without its extension; samples and spots are sorted by name
/// (byte order, so results do not depend on the file system); hidden entries (starting with `.`) and files
/// directly under `ROOT` are ignored. A `sims.toml` manifest in `ROOT` is not consulted here — see
/// ``StudyLoader``.
public enum StudyFolder {
    /// Builds the study under `root`. Throws when `root` is missing, holds no sample folder, or a sample
    /// folder holds no file.
    /// - Parameters:
    ///   - root: the study folder, one sub-folder per sample.
    ///   - fileExtensions: when given (lowercase, without dot), only files with these extensions count as spots.
    public static func discover(at root: String, fileExtensions: Set<String>? = nil) throws(SIMSError) -> Study {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw SIMSError(.fileNotFound, "study folder not found", file: root, expected: "a folder ROOT/<sample>/<spot files>")
        }
        guard isDirectory.boolValue else {
            throw SIMSError(.invalidArgument, "not a folder", file: root, expected: "a folder ROOT/<sample>/<spot files> or a sims.toml")
        }
        let sampleNames = try visibleEntries(of: root).filter { isFolder(root + "/" + $0) }
        guard !sampleNames.isEmpty else {
            throw SIMSError(.empty, "study folder has no sample sub-folders", file: root,
                            expected: "one sub-folder per sample, each holding one file per spot")
        }
        var samples: [Study.Sample] = []
        for name in sampleNames {
            let folder = root + "/" + name
            var spots: [Study.Spot] = []
            for file in try visibleEntries(of: folder) where !isFolder(folder + "/" + file) {
                let url = URL(fileURLWithPath: file)
                if let fileExtensions, !fileExtensions.contains(url.pathExtension.lowercased()) { continue }
                spots.append(Study.Spot(name: url.deletingPathExtension().lastPathComponent, path: folder + "/" + file))
            }
            guard !spots.isEmpty else {
                throw SIMSError(.empty, "sample \"\(name)\" has no spot files", file: folder,
                                expected: fileExtensions.map { "files ending in " + $0.sorted().map { "." + $0 }.joined(separator: ", ") } ?? "at least one file per sample")
            }
            samples.append(Study.Sample(name: name, spots: spots))
        }
        return Study(samples: samples, root: root)
    }

    /// Non-hidden entries of `folder`, sorted by UTF-8 bytes.
    static func visibleEntries(of folder: String) throws(SIMSError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw SIMSError(.unreadable, "cannot list folder: \(error.localizedDescription)", file: folder)
        }
        return names.filter { !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
