import SIMSChemistry

extension LineCatalog {
    /// Lines from SIMSChemistry: IUPAC isotope masses and abundances, exact ion masses (electron mass
    /// included), every isotopologue of abundance ≥ ``minimumAbundance`` (full multinomial expansion per
    /// element), ⁶Li/⁷Li overridden when a ⁶Li fraction is given (⁶Li-labelling experiments).
    ///
    /// Labels follow IONTOF notation: the most abundant isotopologue is the fragment itself (`Cl_2-`),
    /// the others put their minor isotopes first (`^37ClCl-`, `^6Li+`, `^6Li^7Li-` is written `^6LiLi-`).
    public static let standard = LineCatalog { (fragment: Fragment, lithium6Fraction: Double?) throws(SIMSError) -> [SpectralLine] in
        try chemistryLines(fragment, lithium6Fraction: lithium6Fraction)
    }

    /// Isotopologues below this abundance (fraction of the fragment) are not simulated.
    public static let minimumAbundance = 1e-4

    static func chemistryLines(_ fragment: Fragment, lithium6Fraction: Double?) throws(SIMSError) -> [SpectralLine] {
        let formula = try Formula(parsing: fragment.formula)
        let charge = fragment.polarity == .positive ? 1 : -1
        // Per element: the isotope count vectors with their multinomial probabilities.
        struct Choice { var parts: [(symbol: String, massNumber: Int, count: Int, isMain: Bool)]; var probability: Double }
        var combined = [Choice(parts: [], probability: 1)]
        var order: [String] = []
        var counts: [String: Int] = [:]
        var fixed: [Formula.Part] = []
        for part in formula.parts {
            if part.massNumber != nil { fixed.append(part); continue }
            if counts[part.symbol] == nil { order.append(part.symbol) }
            counts[part.symbol, default: 0] += part.count
        }
        for symbol in order {
            guard let element = Element(symbol: symbol) else {
                throw .invalidArgument("unknown element \(symbol) in simulated fragment \(fragment.formula)")
            }
            var isotopes = element.isotopes.map { ($0.massNumber, $0.abundance) }
            if symbol == "Li", let li6 = lithium6Fraction {
                isotopes = isotopes.map { ($0.0, $0.0 == 6 ? li6 : 1 - li6) }
            }
            let main = isotopes.max { $0.1 < $1.1 }?.0 ?? element.monoisotopic.massNumber
            let n = counts[symbol] ?? 0
            var options: [Choice] = []
            for vector in compositions(of: n, into: isotopes.count) {
                var p = multinomial(n, vector)
                var parts: [(String, Int, Int, Bool)] = []
                for (k, c) in vector.enumerated() where c > 0 {
                    p *= pow(isotopes[k].1, Double(c))
                    parts.append((symbol, isotopes[k].0, c, isotopes[k].0 == main))
                }
                if p >= minimumAbundance / 10 { options.append(Choice(parts: parts.map { ($0.0, $0.1, $0.2, $0.3) }, probability: p)) }
            }
            var next: [Choice] = []
            for a in combined {
                for b in options where a.probability * b.probability >= minimumAbundance {
                    next.append(Choice(parts: a.parts + b.parts, probability: a.probability * b.probability))
                }
            }
            combined = next
        }
        let mainProbability = combined.map(\.probability).max() ?? 0
        var lines: [SpectralLine] = []
        for choice in combined {
            // Exact mass from the fully specified isotopic formula.
            let exactParts = fixed + choice.parts.map { Formula.Part(symbol: $0.symbol, massNumber: $0.massNumber, count: $0.count) }
            let mass = Ion(formula: Formula(parts: exactParts), charge: charge).monoisotopicMass
            let isMain = choice.probability == mainProbability
            let label: String
            if isMain {
                label = fragment.ion
            } else {
                // IONTOF label: minor isotopes first with ^A, then the formula's atoms in their own order.
                var parts = choice.parts.filter { !$0.isMain }.map { Formula.Part(symbol: $0.symbol, massNumber: $0.massNumber, count: $0.count) }
                parts += fixed
                for symbol in order {
                    let plain = choice.parts.filter { $0.symbol == symbol && $0.isMain }.reduce(0) { $0 + $1.count }
                    if plain > 0 { parts.append(Formula.Part(symbol: symbol, count: plain)) }
                }
                label = Formula(parts: parts).iontofNotation + fragment.polarity.sign
            }
            lines.append(SpectralLine(ion: label, fragment: fragment.ion, mass: mass, abundance: choice.probability))
        }
        return lines.sorted { $0.mass < $1.mass }
    }

    /// All vectors of `parts` non-negative integers summing to `n`.
    static func compositions(of n: Int, into parts: Int) -> [[Int]] {
        guard parts > 1 else { return [[n]] }
        var result: [[Int]] = []
        for first in 0...n {
            for rest in compositions(of: n - first, into: parts - 1) { result.append([first] + rest) }
        }
        return result
    }

    /// n! / Π k_i!.
    static func multinomial(_ n: Int, _ ks: [Int]) -> Double {
        func factorial(_ k: Int) -> Double { k < 2 ? 1 : (2...k).reduce(1.0) { $0 * Double($1) } }
        return ks.reduce(factorial(n)) { $0 / factorial($1) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
