import Foundation
import SIMSCore

/// Discovers a study from a folder: either a tree `ROOT/<sample>/<spot files>` or one flat folder whose file
/// names a ``FileGrouping`` pattern (`--group-by`) sorts into samples.
///
/// Tree: sample = sub-folder name, spot = file name without its extension. Flat: sample and spot from the
/// pattern's named groups. Samples and spots are sorted by name (byte order, so results do not depend on the
/// file system); hidden entries (starting with `.`) and, in a tree, files directly under `ROOT` are ignored. Files of other kinds (other extensions: XRD
/// scans, notes) and names the pattern does not match are left out and listed in ``Study/leftOut`` — not an
/// error. A spot's polarity comes from the pattern's `polarity` group or the file name (``Polarity/init(fileName:)``).
/// A `sims.toml` manifest in `ROOT` is not consulted here — see ``StudyLoader``.
public enum StudyFolder {
    /// Builds the study under `root`. Throws when `root` is missing, holds no sample (folder or matching
    /// file), or a sample folder holds no file.
    /// - Parameters:
    ///   - root: the study folder.
    ///   - fileExtensions: when given (lowercase, without dot), only files with these extensions count as spots.
    ///   - grouping: groups the files directly under `root` into samples; `nil` = one sub-folder per sample.
    public static func discover(at root: String, fileExtensions: Set<String>? = nil, grouping: FileGrouping? = nil) throws(SIMSError) -> Study {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw SIMSError(.fileNotFound, "study folder not found", file: root, expected: "a folder ROOT/<sample>/<spot files>")
        }
        guard isDirectory.boolValue else {
            throw SIMSError(.invalidArgument, "not a folder", file: root, expected: "a folder ROOT/<sample>/<spot files> or a sims.toml")
        }
        if let grouping { return try discoverFlat(at: root, fileExtensions: fileExtensions, grouping: grouping) }
        let entries = try visibleEntries(of: root)
        let sampleNames = entries.filter { isFolder(root + "/" + $0) }
        guard !entries.isEmpty else {
            throw SIMSError(.empty, "study folder is empty", file: root,
                            expected: "one sub-folder per sample holding its spot files (ROOT/<sample>/<spot files>)")
        }
        guard !sampleNames.isEmpty else {
            let files = entries.count
            throw SIMSError(.empty, "study folder has no sample sub-folders" + (files > 0 ? " (it holds \(files) files: group them with --group-by)" : ""),
                            file: root, expected: "one sub-folder per sample, or --group-by '^N_(?<sample>.+?)_Bi' to sort the files of a flat folder by name")
        }
        var samples: [Study.Sample] = []
        var leftOut: [Study.LeftOut] = []  // files directly under ROOT (peak lists, notes) are not spots here
        for name in sampleNames {
            let folder = root + "/" + name
            var spots: [Study.Spot] = []
            for file in try visibleEntries(of: folder) where !isFolder(folder + "/" + file) {
                let url = URL(fileURLWithPath: file)
                if let fileExtensions, !fileExtensions.contains(url.pathExtension.lowercased()) {
                    leftOut.append(Study.LeftOut(path: folder + "/" + file, reason: kindReason(fileExtensions)))
                    continue
                }
                let spot = url.deletingPathExtension().lastPathComponent
                spots.append(Study.Spot(name: spot, path: folder + "/" + file, polarity: Polarity(fileName: spot)))
            }
            guard !spots.isEmpty else {
                throw SIMSError(.empty, "sample \"\(name)\" has no spot files", file: folder,
                                expected: fileExtensions.map { "files ending in " + $0.sorted().map { "." + $0 }.joined(separator: ", ") } ?? "at least one file per sample")
            }
            samples.append(Study.Sample(name: name, spots: spots))
        }
        var study = Study(samples: samples, root: root)
        study.leftOut = leftOut
        return study
    }

    /// The flat layout: every file directly under `root` whose name `grouping` matches is a spot.
    static func discoverFlat(at root: String, fileExtensions: Set<String>?, grouping: FileGrouping) throws(SIMSError) -> Study {
        var bySample: [String: [Study.Spot]] = [:]
        var leftOut: [Study.LeftOut] = []
        var seen: [String: String] = [:]
        for file in try visibleEntries(of: root) where !isFolder(root + "/" + file) {
            let url = URL(fileURLWithPath: file)
            let path = root + "/" + file
            if let fileExtensions, !fileExtensions.contains(url.pathExtension.lowercased()) {
                leftOut.append(Study.LeftOut(path: path, reason: kindReason(fileExtensions)))
                continue
            }
            let base = url.deletingPathExtension().lastPathComponent
            guard let match = grouping.match(base) else {
                leftOut.append(Study.LeftOut(path: path, reason: "name does not match --group-by"))
                continue
            }
            let spot = Study.Spot(name: match.spot ?? base, path: path, polarity: match.polarity ?? Polarity(fileName: base))
            let key = match.sample + "\u{0}" + spot.name + "\u{0}" + (spot.polarity?.rawValue ?? "")
            if let other = seen[key] {
                throw SIMSError(.invalidArgument, "--group-by gives two files the same sample \"\(match.sample)\" and spot \"\(spot.name)\"", file: path,
                                found: other, expected: "a `spot` group that tells the files apart (or no `spot` group: the file name is the spot)")
            }
            seen[key] = path
            bySample[match.sample, default: []].append(spot)
        }
        guard !bySample.isEmpty else {
            throw SIMSError(.empty, "no file name matches --group-by (\(leftOut.count) files left out)", file: root,
                            found: leftOut.first.map { URL(fileURLWithPath: $0.path).deletingPathExtension().lastPathComponent } ?? "",
                            expected: "a pattern whose named group `sample` matches the file names, e.g. '^N_(?<sample>.+?)_Bi'")
        }
        let samples = bySample.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            Study.Sample(name: name, spots: bySample[name]!.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
        }
        var study = Study(samples: samples, root: root)
        study.leftOut = leftOut
        return study
    }

    static func kindReason(_ fileExtensions: Set<String>) -> String {
        "not a " + fileExtensions.sorted().map { "." + $0 }.joined(separator: "/") + " export"
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
