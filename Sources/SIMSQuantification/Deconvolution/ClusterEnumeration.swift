import SIMSChemistry
import SIMSCore

/// Candidate cluster ions from a list of elements and a maximum cluster size, as the high-entropy-alloy study
/// enumerates them (Laurent et al., Anal. Chem. 2024): every composition M₁^a₁…Mₑ^aₑ with 1 ≤ Σ aᵢ ≤ `maximumAtoms`
/// (multisets: C(e + n − 1, n) clusters of n atoms from e elements), with the given charge, pruned to those
/// whose isotope pattern's main lines (≥ 1 % probability) lie inside `massRange`.
public struct ClusterEnumeration: Sendable {
    /// Element symbols (`Ru`, `Pt`, …).
    public var elements: [String]
    /// Largest number of atoms per cluster.
    public var maximumAtoms: Int
    /// Ion charge (−1 for negative spectra, +1 for positive).
    public var charge: Int

    /// Configures an enumeration; throws for an unknown element or a size below 1.
    public init(elements: [String], maximumAtoms: Int, charge: Int) throws(SIMSError) {
        guard maximumAtoms >= 1 else {
            throw .invalidArgument("the largest cluster must have at least one atom", found: "\(maximumAtoms)", expected: "≥ 1")
        }
        guard !elements.isEmpty else { throw .invalidArgument("no elements given", found: "none", expected: "e.g. Ru,Pt,Pd") }
        for symbol in elements where Element(symbol: symbol) == nil {
            throw .invalidArgument("unknown element", found: symbol, expected: "an element symbol such as Ru")
        }
        guard charge != 0 else { throw .invalidArgument("cluster ions need a charge", found: "0", expected: "±1") }
        self.elements = Array(Set(elements)).sorted()
        self.maximumAtoms = maximumAtoms
        self.charge = charge
    }

    /// All candidates, smallest clusters first, optionally pruned to `massRange` (u, bounds inclusive). For a
    /// spectrum pass ``SIMSCore/Spectrum/coveredMassRange`` (its channels' extent), not the first and last point's
    /// m/z: exports round m/z, so a line recorded by the last point can lie just above that point's printed mass.
    public func candidates(in massRange: ClosedRange<Double>? = nil) -> [Ion] {
        var result: [Ion] = []
        func extend(_ counts: [Int], from index: Int, remaining: Int) {
            if remaining == 0 {
                let parts = zip(elements, counts).filter { $0.1 > 0 }.map { Formula.Part(symbol: $0.0, count: $0.1) }
                result.append(Ion(formula: Formula(parts: parts), charge: charge))
                return
            }
            guard index < elements.count else { return }
            for n in stride(from: remaining, through: 0, by: -1) {
                var next = counts
                next[index] = n
                extend(next, from: index + 1, remaining: remaining - n)
            }
        }
        for size in 1...maximumAtoms {
            extend([Int](repeating: 0, count: elements.count), from: 0, remaining: size)
        }
        guard let massRange else { return result }
        return result.filter { ion in
            let main = IsotopePattern(ion: ion).peaks.filter { $0.probability >= 0.01 }
            return !main.isEmpty && main.allSatisfy { massRange.contains($0.mass) }
        }
    }
}
