import Foundation
import SIMSCore

extension DepthProfile {
    /// Renames repeated column labels so every column can be selected and reported on its own.
    ///
    /// SurfaceLab can give two mass intervals the same label (`SnO+` at 135.9143 u and 135.8979 u in eight of
    /// the real perovskite exports). The first keeps its label; a repeat gets its mass, `SnO+ (135.8979 u)`, or
    /// its occurrence number, `SnO+ [2]`, when no mass is exported. Readers keep labels verbatim (exports
    /// round-trip byte for byte); analyses call this before looking columns up by name.
    /// - Returns: the new labels of renamed columns, as `(old, new)` pairs, for a note to the user.
    @discardableResult
    public mutating func makeColumnNamesDistinct() -> [(old: String, new: String)] {
        var seen = Set<String>()
        var renamed: [(old: String, new: String)] = []
        for index in columns.indices {
            let name = columns[index].name
            var unique = name
            if seen.contains(unique), let mass = columns[index].mass { unique = "\(name) (\(String(format: "%.4f", mass)) u)" }
            var occurrence = 2
            while seen.contains(unique) { unique = "\(name) [\(occurrence)]"; occurrence += 1 }
            seen.insert(unique)
            if unique != name {
                columns[index].name = unique
                renamed.append((name, unique))
            }
        }
        return renamed
    }
}
