import Foundation
import SIMSCore

/// Where one imaging measurement's data lives on disk: a group of IONTOF ASCII files (one per ion plus
/// `total`), a BIF6 file, or an imzML/.ibd pair. Discover sources with ``ImageSetSource/discover(in:)``
/// and read them with ``ImageSetSource/load(peaks:progress:)``.
public enum ImageSetSource: Sendable, Equatable {
    /// IONTOF ASCII exports `<measurement> (<id>) - <ion>.txt`, keyed by ion (including `total`).
    case iontofASCII(measurement: String, id: Int, files: [String: String])
    /// A BIF6 file.
    case bif6(path: String)
    /// An imzML file (with its .ibd beside it).
    case imzML(path: String)

    /// The measurement name (ASCII: from the file names; BIF6/imzML: the file name without extension).
    public var measurement: String {
        switch self {
        case .iontofASCII(let measurement, _, _): measurement
        case .bif6(let path), .imzML(let path): ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }
    }

    /// The files making up the measurement, sorted.
    public var files: [String] {
        switch self {
        case .iontofASCII(_, _, let files): files.values.sorted()
        case .bif6(let path): [path]
        case .imzML(let path): [path, (path as NSString).deletingPathExtension + ".ibd"]
        }
    }
}

extension ImageSetSource {
    /// Groups image files into measurements.
    ///
    /// - IONTOF ASCII files are grouped by measurement name and id parsed from `<measurement> (<id>) - <ion>.txt`
    ///   (``IONTOFImageFileName``); `.txt` files without that shape are ignored.
    /// - `.bif6` and `.imzML` files are one measurement each (`.ibd` files are their companions).
    ///
    /// Result order: by measurement name, then id (byte order), so runs are deterministic.
    /// - Throws: ``SIMSError`` `inconsistent` when two ASCII files of one measurement claim the same ion.
    public static func group(_ paths: [String]) throws(SIMSError) -> [ImageSetSource] {
        var ascii: [String: (measurement: String, id: Int, files: [String: String])] = [:]
        var others: [ImageSetSource] = []
        for path in paths.sorted() {
            let lower = path.lowercased()
            if lower.hasSuffix(".bif6") || lower.hasSuffix(".bif") {
                others.append(.bif6(path: path))
            } else if lower.hasSuffix(".imzml") {
                others.append(.imzML(path: path))
            } else if lower.hasSuffix(".txt"), let name = IONTOFImageFileName(parsing: path) {
                let key = "\(name.measurement)\u{0}\(name.id)"
                var entry = ascii[key] ?? (name.measurement, name.id, [:])
                if let existing = entry.files[name.ion] {
                    throw SIMSError(.inconsistent, "two files for ion \(name.ion) of measurement \(name.measurement) (\(name.id)): \(existing)", file: path)
                }
                entry.files[name.ion] = path
                ascii[key] = entry
            }
        }
        let grouped = ascii.values.map { ImageSetSource.iontofASCII(measurement: $0.measurement, id: $0.id, files: $0.files) }
        return (grouped + others).sorted { a, b in
            if a.measurement != b.measurement { return Array(a.measurement.utf8).lexicographicallyPrecedes(Array(b.measurement.utf8)) }
            return (a.files.first ?? "") < (b.files.first ?? "")
        }
    }

    /// Groups the image files found directly in `folder` (see ``group(_:)``).
    public static func discover(in folder: String) throws(SIMSError) -> [ImageSetSource] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw SIMSError(.unreadable, "cannot list folder", file: folder)
        }
        return try group(names.filter { !$0.hasPrefix(".") }.map { folder + "/" + $0 })
    }

    /// Reads the measurement into an image set.
    ///
    /// - Parameters:
    ///   - peaks: mass intervals. For imzML files from other software they define which peak images are
    ///     extracted (required there); for BIF6 they name intervals (matched by id, else by centre mass within the
    ///     interval); for ASCII sets they attach mass intervals to images whose ion matches a peak's label.
    ///   - progress: receives progress while files or peak images are read.
    public func load(peaks: [Peak] = [], progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) -> ImageSet {
        do {
            if case .iontofASCII(let measurement, let id, let files) = self {
                return try Self.loadASCII(measurement: measurement, id: id, files: files, peaks: peaks).set
            }
            return try loadBinary(peaks: peaks, progress: progress)
        } catch {
            throw error.inFile(files.first ?? measurement)  // every image error names a file (issue #25)
        }
    }

    /// ``load(peaks:progress:)`` that also returns the SHA-256 of every file of the measurement (``files``).
    /// ASCII exports are fingerprinted from the bytes read for parsing; BIF6 and imzML files are hashed
    /// separately.
    public func loadWithDigests(peaks: [Peak] = [], progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError)
        -> (set: ImageSet, digests: [String: FileDigest]) {
        let set: ImageSet
        do {
            if case .iontofASCII(let measurement, let id, let files) = self {
                return try Self.loadASCII(measurement: measurement, id: id, files: files, peaks: peaks)
            }
            set = try loadBinary(peaks: peaks, progress: progress)
        } catch {
            throw error.inFile(files.first ?? measurement)
        }
        var digests: [String: FileDigest] = [:]
        for path in files { digests[path] = try FileDigest(contentsOf: path) }
        return (set, digests)
    }

    static func loadASCII(measurement: String, id: Int, files: [String: String], peaks: [Peak]) throws(SIMSError)
        -> (set: ImageSet, digests: [String: FileDigest]) {
        var read: [String: (image: IonImage, digest: FileDigest)] = [:]
        for ion in files.keys.sorted() { read[ion] = try readASCIIImage(ion: ion, path: files[ion]!, peaks: peaks) }
        return try assembleASCII(measurement: measurement, id: id, files: files, read: read)
    }

    /// Reads and fingerprints one ASCII export of a measurement (`ion` as keyed in the file group; `total` names
    /// the total-ion image) and attaches the mass interval of the peak labelled `ion` when the file gives none.
    static func readASCIIImage(ion: String, path: String, peaks: [Peak]) throws(SIMSError) -> (image: IonImage, digest: FileDigest) {
        // The reader names the ion from the header (else the file name), so names with `/` survive.
        let read = try FileBytes.parse(contentsOf: path) { text throws(SIMSError) in try IONTOFImageFormat.parse(text) }
        var image = read.value
        if ion == "total" { image.ion = "total" }
        if image.massInterval == nil, let peak = peaks.first(where: { $0.label == ion }) {
            image.massInterval = peak.interval
            image.intervalID = peak.index
        }
        return (image, read.digest)
    }

    /// The image set of an ASCII measurement from its files as read (every ion of `files` in `read`), ions in
    /// byte order of their keys.
    static func assembleASCII(measurement: String, id: Int, files: [String: String],
                              read: [String: (image: IonImage, digest: FileDigest)]) throws(SIMSError)
        -> (set: ImageSet, digests: [String: FileDigest]) {
        var images: [IonImage] = []
        var total: IonImage?
        var digests: [String: FileDigest] = [:]
        for ion in files.keys.sorted() {
            guard let entry = read[ion] else { preconditionFailure("every file of the measurement is read") }
            digests[files[ion]!] = entry.digest
            if ion == "total" { total = entry.image } else { images.append(entry.image) }
        }
        do { return (try ImageSet(measurement: measurement, id: id, images: images, total: total), digests) } catch {
            throw error.inFile(files.values.sorted().first ?? measurement)
        }
    }

    func loadBinary(peaks: [Peak], progress: any SIMSCore.ProgressReporting) throws(SIMSError) -> ImageSet {
        switch self {
        case .iontofASCII: preconditionFailure("ASCII sets are read by loadASCII")
        case .bif6(let path):
            var names: [Int: String] = [:]
            let raw = try BIF6.read(path)
            for image in raw.images {
                guard let id = image.intervalID, let center = image.massInterval?.center else { continue }
                if let peak = peaks.first(where: { $0.index == id && $0.interval.contains(center) }) ?? peaks.first(where: { $0.interval.contains(center) }) {
                    names[id] = peak.label
                }
            }
            return names.isEmpty ? raw : try BIF6.read(path, names: names)
        case .imzML(let path):
            let file = try ImzML.open(path)
            if !file.channels.isEmpty && peaks.isEmpty { return try file.storedImageSet() }
            guard !peaks.isEmpty else {
                throw SIMSError(.invalidArgument, "imzML from other software: give a mass interval list (--peaks) to extract peak images", file: path)
            }
            return try file.peakImages(peaks.map { ImzML.Peak(ion: $0.label, interval: $0.interval) }, progress: progress)
        }
    }
}
