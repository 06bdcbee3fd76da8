import Foundation
import SIMSChemistry
import SIMSCore

/// One candidate species' isotope pattern rendered on a mass axis: expected counts per axis point for one ion of
/// the species (so the fitted coefficient is the species' total counts over all its isotopologues).
public struct SpeciesTemplate: Sendable {
    /// The species.
    public var ion: Ion
    /// Non-zero values as (axis position, expected fraction of the species' ions), ascending position.
    public var entries: [(position: Int, value: Double)]

    /// The fraction of the pattern that falls on the axis (1 when the whole pattern is inside it).
    public var coverage: Double { entries.reduce(0) { $0 + $1.value } }

    /// Renders the natural-abundance pattern (``IsotopePattern``, lines ≥ 1e-6) of `ion` into the bins of `binned`.
    public init(ion: Ion, bins binned: BinnedSpectrum) {
        self.ion = ion
        var values: [Int: Double] = [:]
        for line in IsotopePattern(ion: ion).peaks {
            if let p = binned.position(of: line.mass) { values[p, default: 0] += line.probability }
        }
        entries = values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Renders the pattern of `ion` as Gaussians of FWHM m/R (``PeakShape/gaussian(resolvingPower:)``) integrated
    /// over the channels of the ascending mass axis `mass`.
    public init(ion: Ion, mass: ContiguousArray<Double>, resolvingPower: Double) {
        self.ion = ion
        var values: [Int: Double] = [:]
        let n = mass.count
        // Lines closer than a tenth of the FWHM are merged first (their sum is indistinguishable at R).
        for line in IsotopePattern(ion: ion, resolvingPower: 10 * resolvingPower).peaks where n > 1 {
            let sigma = line.mass / resolvingPower / (2 * (2 * log(2.0)).squareRoot())
            let lower = line.mass - 6 * sigma, upper = line.mass + 6 * sigma
            var i = Self.firstIndex(in: mass, notBelow: lower)
            if i > 0 { i -= 1 }
            while i < n {
                let a = i == 0 ? mass[0] - (mass[1] - mass[0]) / 2 : (mass[i - 1] + mass[i]) / 2
                if a > upper { break }
                let b = i == n - 1 ? mass[i] + (mass[i] - mass[i - 1]) / 2 : (mass[i] + mass[i + 1]) / 2
                let scale = sigma * 2.0.squareRoot()
                let p = 0.5 * (erf((b - line.mass) / scale) - erf((a - line.mass) / scale))
                if p > 0 { values[i, default: 0] += line.probability * p }
                i += 1
            }
        }
        entries = values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// First index whose mass is ≥ `value` (binary search on an ascending axis).
    static func firstIndex(in mass: ContiguousArray<Double>, notBelow value: Double) -> Int {
        var lo = 0, hi = mass.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if mass[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
