import Foundation
import SIMSFormats

/// Byte-identical inputs of one run: a file copied into two folders (or an image set copied whole) is one
/// measurement, not two replicates. Counting it twice shrinks the spread (sd 0 between the copies) and
/// inflates n, so every workflow that averages replicates or spots keeps the first copy, warns, and counts it
/// once. Identity is the SHA-256 of the contents (``FileDigest``, the digest `provenance.json` records).
struct IdenticalInputs {
    /// The first input seen with each digest, by name.
    private var firstByDigest: [String: String] = [:]

    /// An empty register.
    init() {}

    /// Registers an input by its digest: `true` for the first input with these bytes, `false` (and a warning
    /// naming both inputs and the digest) for a later copy.
    mutating func isFirst(_ digest: String, name: String, record: inout RunRecord) -> Bool {
        if let first = firstByDigest[digest] {
            record.warn("\(name) is byte-identical to \(first) (SHA-256 \(digest.prefix(12))…): one measurement, counted once")
            return false
        }
        firstByDigest[digest] = name
        return true
    }

    /// The items whose files were not seen before, in order, hashing the files of items that could be copies
    /// (equal file sizes) before they are read (for workflows that write per-item outputs as they go). Later copies are warned about and their paths
    /// added to `record.inputs` with their digests, so provenance lists them. An item whose files cannot be
    /// hashed is kept (reading it reports the problem).
    /// - Parameters:
    ///   - files: the files of an item (one depth profile, or every file of an image set).
    ///   - name: how warnings name an item, e.g. `sample/measurement`.
    static func firstOccurrences<Item>(_ items: [Item], files: (Item) -> [String], name: (Item) -> String,
                                       record: inout RunRecord) -> [Item] {
        // Byte-identical files have equal sizes, so only items whose file sizes all match another item's can be
        // copies; the others are kept without hashing (reading them hashes them for provenance anyway). The
        // up-front hash of every file was a tenth of `sims images`' CPU time.
        let sizes = items.map { item in files(item).map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? -1 } }
        var itemsOfSize: [[Int]: Int] = [:]
        for size in sizes { itemsOfSize[size, default: 0] += 1 }
        var register = IdenticalInputs()
        var kept: [Item] = []
        for (item, size) in zip(items, sizes) {
            guard itemsOfSize[size, default: 0] > 1, !size.contains(-1) else { kept.append(item); continue }
            let paths = files(item)
            let digests = paths.compactMap { try? FileDigest(contentsOf: $0) }
            guard !paths.isEmpty, digests.count == paths.count else { kept.append(item); continue }
            if register.isFirst(digests.map(\.sha256).joined(separator: "+"), name: name(item), record: &record) {
                kept.append(item)
            } else {
                for (path, digest) in zip(paths, digests) { record.read(path, digest: digest) }
            }
        }
        return kept
    }
}

extension RunRecord {
    /// Takes over the warnings and the inputs (with digests) that ``IdenticalInputs`` recorded in `other`.
    mutating func adopt(_ other: RunRecord) {
        for warning in other.warnings { warn(warning) }
        for path in other.inputs { if let digest = other.digests[path] { read(path, digest: digest) } else { inputs.append(path) } }
    }
}
