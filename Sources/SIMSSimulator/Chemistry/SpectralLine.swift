/// One isotopologue peak of a fragment: where it appears (u) and which share of the fragment it carries.
public struct SpectralLine: Sendable, Hashable, Codable {
    /// The isotopologue in IONTOF notation, e.g. `^6Li+`; the most abundant one carries the plain
    /// fragment name (`Li+`), as IONTOF labels the main peak.
    public var ion: String
    /// The fragment ion it belongs to (IONTOF notation, e.g. `Li+`).
    public var fragment: String
    /// Exact ion mass in u (electron mass included).
    public var mass: Double
    /// Share of the fragment's yield in this isotopologue (natural abundance product, 0…1).
    public var abundance: Double

    /// Creates a line.
    public init(ion: String, fragment: String, mass: Double, abundance: Double) {
        self.ion = ion
        self.fragment = fragment
        self.mass = mass
        self.abundance = abundance
    }

    /// `true` for the main (most abundant) isotopologue.
    public var isMain: Bool { ion == fragment }
}

/// The lines of a sample in one polarity, with each line's yield in every phase.
public struct LineModel: Sendable, Hashable {
    /// Polarity of all lines.
    public let polarity: Polarity
    /// The lines, sorted by mass.
    public let lines: [SpectralLine]
    /// The phases with yields, in column order.
    public let phases: [Phase]
    /// Yield of line `l` in phase `c` at `yields[l * phases.count + c]`, in detected ions per primary ion.
    public let yields: [Double]

    /// Creates a model from lines and a yield table.
    public init(polarity: Polarity, lines: [SpectralLine], phases: [Phase], yields: [Double]) {
        precondition(yields.count == lines.count * phases.count, "LineModel: one yield per line and phase")
        self.polarity = polarity
        self.lines = lines
        self.phases = phases
        self.yields = yields
    }

    /// Yield of line `line` in `phase` (ions per primary ion; 0 when the phase has none).
    public func yield(ofLine line: Int, in phase: Phase) -> Double {
        guard let c = phases.firstIndex(of: phase) else { return 0 }
        return yields[line * phases.count + c]
    }

    /// Index of the line named `ion` (exact IONTOF notation).
    public func index(of ion: String) -> Int? { lines.firstIndex { $0.ion == ion } }

    /// Expected detected ions per primary ion of every line for a composition `weights` (phase → weight,
    /// usually yield-weighted area fractions).
    public func rates(for weights: [Phase: Double]) -> [Double] {
        var result = [Double](repeating: 0, count: lines.count)
        for (c, phase) in phases.enumerated() {
            guard let w = weights[phase], w != 0 else { continue }
            for l in lines.indices { result[l] += w * yields[l * phases.count + c] }
        }
        return result
    }
}
