import Foundation
import SIMSCore
import SIMSFormats

/// What `sims view PATH` found under PATH, recognised from file content (``FileKind``), never from names alone:
/// spectra (grouped into samples), one mass interval list, ion-image measurements (ASCII sets, BIF6, imzML),
/// depth profiles and multivariate output folders. Paths are absolute; the API names entries by index.
public struct ViewCatalog: Sendable {
    /// One spectrum file.
    public struct SpectrumEntry: Sendable, Codable, Equatable {
        /// Sample name (the parent folder, or the file name without its trailing `_<spot number>`).
        public var sample: String
        /// Spot name (file name without extension).
        public var spot: String
        /// Absolute path.
        public var path: String
        /// Polarity from the name (`N_…`/`P_…`, `neg`/`pos` in the path); `nil` when the name does not say.
        public var polarity: Polarity?
    }

    /// One depth-profile file.
    public struct DepthEntry: Sendable, Codable, Equatable {
        /// Display name (path relative to the root, without extension).
        public var name: String
        /// Absolute path.
        public var path: String
    }

    /// One multivariate output folder (`sims pca` or `sims mva`).
    public struct MultivariateEntry: Sendable, Codable, Equatable {
        /// Display name (folder relative to the root).
        public var name: String
        /// The output folder (absolute).
        public var folder: String
    }

    /// The root the catalog was built from.
    public var root: ServedRoot
    /// Spectrum files, sorted by sample then spot.
    public var spectra: [SpectrumEntry] = []
    /// The mass interval lists drawn as bands (each applies to the spectra of its polarity when its path names
    /// one, e.g. `study/negative/mass_interval_list.txt`).
    public var intervalListPaths: [String] = []
    /// Ion-image measurements.
    public var imageSources: [ImageSetSource] = []
    /// Depth profiles.
    public var depthProfiles: [DepthEntry] = []
    /// Multivariate output folders.
    public var multivariate: [MultivariateEntry] = []
    /// Files that could not be recognised or listed, with the reason (shown in the UI).
    public var skipped: [String] = []

    /// At most this many files are examined (a guard against opening `/`).
    public static let fileLimit = 20_000
}

extension ViewCatalog {
    /// Scans `path`: a folder (recursively, hidden entries and `.build` skipped) or a single file.
    public static func scan(_ path: String) throws(SIMSError) -> ViewCatalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SIMSError(.fileNotFound, "nothing to view: no such file or folder", file: path,
                            expected: "a study folder, an output folder, an imzML/BIF6 file or an IONTOF export")
        }
        if !isDirectory.boolValue {
            let kind = try FileKind.detect(path: path)
            var companions: [String] = []
            if kind == .imzML { companions = [(path as NSString).deletingPathExtension + ".ibd"] }
            if kind == .ionImage, let name = IONTOFImageFileName(parsing: path) {
                let folder = (path as NSString).deletingLastPathComponent
                companions = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .filter { IONTOFImageFileName(parsing: $0).map { $0.measurement == name.measurement && $0.id == name.id } ?? false }
                    .map { folder + "/" + $0 }
            }
            var catalog = ViewCatalog(root: try ServedRoot(path: path, companions: companions))
            try catalog.add(files: [(path, kind)] + companions.filter { $0 != path }.map { ($0, FileKind.ionImage) })
            guard !catalog.isEmpty else {
                throw SIMSError(.unsupported, "sims view shows spectra, interval lists, ion images, imzML, BIF6 and depth profiles; this file is \(kind.displayName)",
                                file: path)
            }
            return catalog
        }
        var catalog = ViewCatalog(root: try ServedRoot(path: path))
        var files: [(String, FileKind)] = []
        var folders = [catalog.root.folder]
        var examined = 0
        while let folder = folders.popLast() {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
                catalog.skipped.append("\(folder): cannot list (\(error.localizedDescription))"); continue
            }
            if names.contains("results"), FileManager.default.fileExists(atPath: folder + "/results/scores.csv")
                || ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/results")) ?? []).contains(where: { $0.hasSuffix("_components.csv") }) {
                catalog.multivariate.append(MultivariateEntry(name: catalog.root.relative(folder), folder: folder))
            }
            for name in names.sorted() where !name.hasPrefix(".") && name != "node_modules" {
                let child = folder + "/" + name
                var childIsDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory) else { continue }
                if childIsDirectory.boolValue { folders.append(child); continue }
                // Symbolic links that leave the root are neither listed nor served.
                guard let real = ServedRoot.realPath(child), catalog.root.contains(real) else { continue }
                examined += 1
                if examined > fileLimit {
                    catalog.skipped.append("more than \(fileLimit) files: the rest were not examined"); break
                }
                let lower = name.lowercased()
                if lower.hasSuffix(".ibd") || lower.hasSuffix(".png") || lower.hasSuffix(".svg") || lower.hasSuffix(".csv") || lower.hasSuffix(".json")
                    || lower.hasSuffix(".html") || lower.hasSuffix(".md") || lower.hasSuffix(".tif") || lower.hasSuffix(".tiff") || lower.hasSuffix(".vtk") { continue }
                guard let kind = try? FileKind.detect(path: child) else { continue }
                files.append((child, kind))
            }
        }
        try catalog.add(files: files)
        catalog.multivariate.sort { $0.name < $1.name }
        return catalog
    }

    /// Whether nothing viewable was found.
    public var isEmpty: Bool { spectra.isEmpty && imageSources.isEmpty && depthProfiles.isEmpty && multivariate.isEmpty }

    mutating func add(files: [(String, FileKind)]) throws(SIMSError) {
        var imageFiles: [String] = []
        var lists: [String] = []
        for (path, kind) in files {
            switch kind {
            case .spectrum:
                let url = URL(fileURLWithPath: path)
                let spot = url.deletingPathExtension().lastPathComponent
                let parent = url.deletingLastPathComponent().path
                let sample = ServedRoot.realPath(parent) == root.folder ? Self.sampleName(spot: spot) : url.deletingLastPathComponent().lastPathComponent
                spectra.append(SpectrumEntry(sample: sample, spot: spot, path: path, polarity: Self.polarity(spot: spot, path: root.relative(path))))
            case .intervalList, .plainIntervalList: lists.append(path)
            case .ionImage, .bif6, .imzML: imageFiles.append(path)
            case .depthProfile:
                depthProfiles.append(DepthEntry(name: (root.relative(path) as NSString).deletingPathExtension, path: path))
            case .xlsx, .unknown: continue
            }
        }
        spectra.sort { ($0.sample, $0.spot) < ($1.sample, $1.spot) }
        depthProfiles.sort { $0.name < $1.name }
        intervalListPaths = lists.sorted()
        imageSources = try ImageSetSource.group(imageFiles)
    }

    /// Polarity named by a spot (`N_…`, `P_…`) or by its path (`neg`, `pos`, `negative`, `positive` as a word).
    static func polarity(spot: String, path: String) -> Polarity? {
        let lower = spot.lowercased()
        if lower.hasPrefix("n_") { return .negative }
        if lower.hasPrefix("p_") { return .positive }
        let words = path.lowercased().split(whereSeparator: { !$0.isLetter })
        if words.contains(where: { $0 == "neg" || $0 == "negative" }) { return .negative }
        if words.contains(where: { $0 == "pos" || $0 == "positive" }) { return .positive }
        return nil
    }

    /// `N_Ru-Pd_Bi3_2` → `N_Ru-Pd_Bi3`: spots of one sample differ only in a trailing `_<number>`.
    static func sampleName(spot: String) -> String {
        guard let underscore = spot.lastIndex(of: "_") else { return spot }
        let suffix = spot[spot.index(after: underscore)...]
        return !suffix.isEmpty && suffix.allSatisfy(\.isNumber) ? String(spot[..<underscore]) : spot
    }
}

extension ViewCatalog {
    /// `135 spectra, 1 interval list, 2 image sets, …` for the command's start-up line.
    public var summary: String {
        var parts: [String] = []
        func add(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append("\(n) \(n == 1 ? one : many)") } }
        add(spectra.count, "spectrum", "spectra")
        add(intervalListPaths.count, "interval list", "interval lists")
        add(imageSources.count, "image set", "image sets")
        add(depthProfiles.count, "depth profile", "depth profiles")
        add(multivariate.count, "PCA/MVA result", "PCA/MVA results")
        return parts.isEmpty ? "nothing viewable" : parts.joined(separator: ", ")
    }
}
