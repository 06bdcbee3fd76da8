#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SIMSChemistry

/// A peak assignment read as one isotopologue: an ion whose every atom has a definite isotope.
///
/// IONTOF notation labels minor isotopes (`^6Li-`, `^37ClCl-`, `^6LiF_2-`); an unlabelled atom is the
/// element's most abundant isotope (IONTOF's convention). Isotopologues of one elemental formula and charge
/// (`Li_2F-`, `^6LiLiF-`) differ only in isotopes, so their count ratio has a natural value.
public struct Isotopologue: Sendable, Hashable {
    /// The assignment as written in the peak list.
    public var assignment: String
    /// Charge in elementary charges (−1 for `Li-`).
    public var charge: Int
    /// Atom counts per element and mass number, unlabelled atoms resolved to the most abundant isotope.
    public var isotopes: [String: [Int: Int]]

    /// Parses `assignment` with SIMSChemistry's IONTOF notation and resolves unlabelled atoms through
    /// `abundances`; `nil` for lists (`A, B`), non-ions, unknown elements or isotopes without natural abundance.
    public init?(assignment: String, abundances: IsotopeAbundances = .builtIn) {
        guard !assignment.contains(","), let ion = try? Ion(parsing: assignment), ion.charge != 0 else { return nil }
        var isotopes: [String: [Int: Int]] = [:]
        for part in ion.formula.parts {
            guard let massNumber = part.massNumber ?? abundances.mostAbundant(part.symbol),
                  abundances.lookup(part.symbol, massNumber) != nil else { return nil }
            isotopes[part.symbol, default: [:]][massNumber, default: 0] += part.count
        }
        self.assignment = assignment
        charge = ion.charge
        self.isotopes = isotopes
    }

    /// Atoms per element, isotopes merged: equal for all isotopologues of one formula.
    public var elementCounts: [String: Int] { isotopes.mapValues { $0.values.reduce(0, +) } }

    /// The elemental formula in Hill-like order (C, H, then alphabetical) with the charge: `F_2Li-`, the key
    /// by which isotopologues are grouped.
    public var formulaKey: String {
        let counts = elementCounts
        let order = counts.keys.sorted { a, b in
            let rank = { (s: String) in s == "C" ? 0 : s == "H" ? 1 : 2 }
            return rank(a) != rank(b) ? rank(a) < rank(b) : a < b
        }
        let formula = order.map { counts[$0]! == 1 ? $0 : "\($0)_\(counts[$0]!)" }.joined()
        return formula + String(repeating: charge > 0 ? "+" : "-", count: abs(charge))
    }

    /// A label naming every isotope explicitly when the assignment is a monatomic unlabelled ion (`Li-` →
    /// `^7Li-`), else the assignment as written.
    public var explicitLabel: String {
        guard isotopes.count == 1, let (_, byMass) = isotopes.first, byMass.count == 1,
              let (massNumber, count) = byMass.first, count == 1, !assignment.hasPrefix("^") else { return assignment }
        return "^\(massNumber)\(assignment)"
    }

    /// Natural probability of this isotopic composition among all of its formula: the product over elements
    /// of the multinomial term n! / ∏ kᵢ! · ∏ pᵢ^kᵢ (n atoms of the element, kᵢ of isotope i with natural
    /// abundance pᵢ). Computed in logarithms so large clusters do not overflow.
    public func naturalProbability(abundances: IsotopeAbundances = .builtIn) -> Double {
        // Summed in sorted order: a Dictionary's order changes from run to run (per-process hash seed), and so
        // would the last digits of the sum (results/isotopes.csv must be byte-identical between runs, issue #25).
        var logP = 0.0
        for (symbol, byMass) in isotopes.sorted(by: { $0.key < $1.key }) {
            let n = byMass.values.reduce(0, +)
            logP += logFactorial(n)
            for (massNumber, k) in byMass.sorted(by: { $0.key < $1.key }) {
                let p = abundances.lookup(symbol, massNumber) ?? 0
                logP += Double(k) * log(p) - logFactorial(k)
            }
        }
        return exp(logP)
    }
}

/// ln n! as a sum of logarithms (ions hold at most a few hundred atoms).
private func logFactorial(_ n: Int) -> Double {
    n < 2 ? 0 : (2...n).reduce(0.0) { $0 + log(Double($1)) }
}
