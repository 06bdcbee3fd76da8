/// Which ions mark a phase, as given on the command line: `NCM=NiO2-,MnO2-` (the phase's pixels have a high share of
/// these ions in the total) or `pore=low-total` (the phase's pixels have a low total-ion count).
public struct PhaseRule: Sendable, Equatable, CustomStringConvertible {
    /// What identifies the phase.
    public enum Marker: Sendable, Equatable {
        /// A high per-pixel share (ion ÷ total) of these ions.
        case ions([String])
        /// A low total-ion count (pores, cracks, shadowed regions).
        case lowTotal
    }

    /// The phase name (`NCM`, `SE`, `pore`, …).
    public var name: String
    /// The marker.
    public var marker: Marker

    /// Creates a rule.
    public init(name: String, marker: Marker) {
        self.name = name
        self.marker = marker
    }

    /// Parses `NAME=ION[,ION…]` or `NAME=low-total`; throws a usage error naming what was found.
    public init(parsing text: String) throws(SIMSError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw .invalidArgument("a phase is given as NAME=ION,ION or NAME=low-total", found: text, expected: "e.g. NCM=NiO2-,MnO2-")
        }
        let name = String(text[..<equals]).trimmingSpaces()
        let rest = String(text[text.index(after: equals)...]).trimmingSpaces()
        guard !name.isEmpty else {
            throw .invalidArgument("the phase name is empty", found: text, expected: "NAME=ION,ION")
        }
        if rest.lowercased() == "low-total" {
            self.init(name: name, marker: .lowTotal)
            return
        }
        let ions = rest.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        guard !ions.isEmpty else {
            throw .invalidArgument("phase \(name) names no ion", found: text, expected: "NAME=ION[,ION…] or NAME=low-total")
        }
        self.init(name: name, marker: .ions(ions))
    }

    /// `NAME=ION,ION` or `NAME=low-total`.
    public var description: String {
        switch marker {
        case .ions(let ions): "\(name)=\(ions.joined(separator: ","))"
        case .lowTotal: "\(name)=low-total"
        }
    }
}
