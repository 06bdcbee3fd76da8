import Foundation
import SIMSFormats
import SIMSCore

/// The depth-profile files of a `sims depth` run and their replicate groups.
public struct DepthInputs: Sendable, Equatable {
    /// One input file with the sample (replicate group) it belongs to.
    public struct File: Sendable, Equatable {
        /// Path of the export.
        public var path: String
        /// Display name: file name without `.txt`.
        public var name: String
        /// Replicate group.
        public var sample: String
        /// `true` when the path is a 3-D measurement (a folder of plane folders, see ``VolumeLoader``).
        public var isVolume: Bool = false
    }

    /// All files, sorted by sample then name.
    public var files: [File]
    /// Files under the input folders that are not depth profiles of the run (other kinds, names the
    /// `--group-by` pattern does not match, the other polarity), for one summary line.
    public var leftOut: [Study.LeftOut] = []

    /// Finds the exports under `paths` like ``init(paths:grouping:)`` and then applies `selection`: with a
    /// `--group-by` pattern (anything but `name`, `folder`, `none`) its `sample` group names the replicate
    /// group and files it does not match are left out; `--polarity` keeps one polarity (from the file names).
    /// A replicate group whose files state both polarities is split into `sample (negative)` and `sample (positive)`:
    /// profiles of different polarities are never averaged.
    public init(paths: [String], grouping: DepthSettings.Grouping, selection: StudySelection) throws(SIMSError) {
        self = try DepthInputs(paths: paths, grouping: grouping)
        if let pattern = try selection.grouping() {
            var kept: [File] = []
            for var file in files {
                guard file.isVolume || pattern.match(file.name) != nil else {
                    leftOut.append(Study.LeftOut(path: file.path, reason: "name does not match --group-by"))
                    continue
                }
                if let match = pattern.match(file.name) { file.sample = match.sample }
                kept.append(file)
            }
            files = kept
        }
        if let polarity = selection.polarity {
            let other = files.filter { Polarity(fileName: $0.name).map { $0 != polarity } ?? false }
            leftOut += other.map { Study.LeftOut(path: $0.path, reason: "other polarity") }
            files.removeAll { other.contains($0) }
        }
        var polarities: [String: Set<Polarity>] = [:]
        for file in files { if let p = Polarity(fileName: file.name) { polarities[file.sample, default: []].insert(p) } }
        for index in files.indices where polarities[files[index].sample, default: []].count > 1 {
            if let p = Polarity(fileName: files[index].name) { files[index].sample += " (\(p.rawValue))" }
        }
        guard !files.isEmpty else {
            throw SIMSError(.empty, "no depth-profile export is left after --group-by/--polarity", file: paths.joined(separator: ", "),
                            expected: "a pattern whose named group `sample` matches the file names")
        }
        files.sort { ($0.sample, $0.name) < ($1.sample, $1.name) }
    }

    /// One line naming what ``leftOut`` holds, or `nil`.
    public var leftOutSummary: String? {
        var study = Study(samples: [])
        study.leftOut = leftOut
        return study.leftOutSummary
    }

    /// Finds the `.txt` exports under `paths` (files or folders, one level of sub-folders) and groups them.
    /// - Throws: ``SIMSError`` when a path does not exist or no export is found.
    public init(paths: [String], grouping: DepthSettings.Grouping) throws(SIMSError) {
        var found: [File] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw SIMSError(.fileNotFound, "no such file or folder", file: path)
            }
            if !isFolder.boolValue {
                found.append(DepthInputs.file(path, folderSample: nil, grouping: grouping))
                continue
            }
            if VolumeLoader.isVolumeFolder(path) {
                let name = (path as NSString).lastPathComponent
                found.append(File(path: path, name: name, sample: name, isVolume: true))
                continue
            }
            let entries = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            for entry in entries {
                let full = path + "/" + entry
                var entryIsFolder: ObjCBool = false
                _ = manager.fileExists(atPath: full, isDirectory: &entryIsFolder)
                if entryIsFolder.boolValue {
                    let inner = ((try? manager.contentsOfDirectory(atPath: full)) ?? []).filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.sorted()
                    found += inner.map { DepthInputs.file(full + "/" + $0, folderSample: entry, grouping: grouping) }
                } else if entry.hasSuffix(".txt") {
                    found.append(DepthInputs.file(full, folderSample: nil, grouping: grouping))
                }
            }
        }
        guard !found.isEmpty else {
            throw SIMSError(.empty, "no depth-profile exports (*.txt) found", file: paths.joined(separator: ", "))
        }
        files = found.sorted { ($0.sample, $0.name) < ($1.sample, $1.name) }
    }

    /// Files grouped by sample, in sample order.
    public var groups: [(sample: String, files: [File])] {
        var order: [String] = []
        var bySample: [String: [File]] = [:]
        for file in files {
            if bySample[file.sample] == nil { order.append(file.sample) }
            bySample[file.sample, default: []].append(file)
        }
        return order.map { ($0, bySample[$0]!) }
    }

    static func file(_ path: String, folderSample: String?, grouping: DepthSettings.Grouping) -> File {
        let name = String((path as NSString).lastPathComponent.dropLast(4))
        let sample: String
        switch grouping {
        case .none: sample = name
        case .folder: sample = folderSample ?? name
        case .name: sample = sampleKey(fromName: name)
        }
        return File(path: path, name: name, sample: sample)
    }

    /// Replicate key from an IONTOF measurement name: `I231115t_D_MeO-2PACz_1f_neg-C1 - NF` →
    /// `D_MeO-2PACz_1f_neg - NF` (the first `_` token is the measurement id, the last `-` token of the
    /// base name the crater position; a ` - suffix` such as a lateral ROI is kept).
    public static func sampleKey(fromName name: String) -> String {
        let parts = name.components(separatedBy: " - ")
        var base = parts[0]
        let suffix = parts.dropFirst().joined(separator: " - ")
        if let underscore = base.firstIndex(of: "_"), base[base.startIndex..<underscore].first == "I" {
            base = String(base[base.index(after: underscore)...])
        }
        if let dash = base.lastIndex(of: "-") { base = String(base[..<dash]) }
        return suffix.isEmpty ? base : base + " - " + suffix
    }
}
