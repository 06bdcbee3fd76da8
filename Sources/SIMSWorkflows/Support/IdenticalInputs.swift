import SIMSReport

/// Byte-identical inputs of one run: a file copied into two folders (or an image set copied whole) is one
/// measurement, not two replicates. Counting it twice shrinks the spread (sd 0 between the copies) and
/// inflates n, so every workflow that averages replicates or spots keeps the first copy, warns, and counts it
/// once. Identity is the SHA-256 of the contents (`Provenance.Input(hashing:)`, the digest provenance records).
enum IdenticalInputs {
    /// The items whose files were not seen before, in order. For each later copy a warning names it, the
    /// first copy and the digest, and its paths are still added to `record.inputs` so provenance lists them.
    /// An item whose file cannot be hashed is kept (reading it reports the problem).
    /// - Parameters:
    ///   - files: the files of an item (one spectrum, one depth profile, or every file of an image set).
    ///   - name: how warnings name an item, e.g. `sample/spot`.
    static func firstOccurrences<Item>(_ items: [Item], files: (Item) -> [String], name: (Item) -> String,
                                       record: inout RunRecord) -> [Item] {
        var firstByDigest: [String: Item] = [:]
        var kept: [Item] = []
        for item in items {
            guard let digest = digest(of: files(item)) else { kept.append(item); continue }
            if let first = firstByDigest[digest] {
                record.warn("\(name(item)) is byte-identical to \(name(first)) (SHA-256 \(digest.prefix(12))…): one measurement, counted once")
                record.inputs += files(item)
                continue
            }
            firstByDigest[digest] = item
            kept.append(item)
        }
        return kept
    }

    /// The digests of `paths` joined in order; `nil` when there is no file or one cannot be read.
    static func digest(of paths: [String]) -> String? {
        guard !paths.isEmpty else { return nil }
        var parts: [String] = []
        for path in paths {
            guard let input = try? Provenance.Input(hashing: path) else { return nil }
            parts.append(input.sha256)
        }
        return parts.joined(separator: "+")
    }
}
