import Foundation
import SIMSSimulator
import Testing
@testable import SIMSQuantification

/// Simulated spectra from known species amounts: overlapping Ru/Pd/Rh/Pt cluster patterns around 190–225 u,
/// Gaussian peaks at a resolving power, Poisson counts.
struct ClusterSimulation {
    static let labels = ["Pt-", "Ru_2-", "RuRh-", "RuPd-", "RhPd-", "Pd_2-", "Ru_2O-"]
    static let truth: [Double] = [3e4, 2e5, 6e4, 1e5, 8e4, 5e4, 1e5]
    let species: [Ion]
    let mass: ContiguousArray<Double>
    let expected: ContiguousArray<Double>

    init(resolvingPower: Double, spacing: Double = 0.03) throws {
        species = try Self.labels.map { try Ion(parsing: $0) }
        mass = ContiguousArray(stride(from: 185.0, through: 232.0, by: spacing))
        var expected = ContiguousArray<Double>(repeating: 0, count: mass.count)
        for (ion, amount) in zip(species, Self.truth) {
            for e in SpeciesTemplate(ion: ion, mass: mass, resolvingPower: resolvingPower).entries {
                expected[e.position] += amount * e.value
            }
        }
        self.expected = expected
    }

    /// One Poisson realisation.
    func spectrum(seed: UInt64) -> Spectrum {
        var random = SimulationRandom(seed: seed, stream: "deconvolution")
        return Spectrum(mass: mass, intensity: ContiguousArray(expected.map { random.poisson(mean: $0) }))
    }
}

/// Monte-Carlo check of amounts, standard errors and certificates over `seeds` noise realisations per
/// resolving power; returns the per-(R, species) ratios of scatter to mean SE, coverage and certificate count.
/// Seeds differ between resolving powers, so the realisations are independent; `pooled` is, per species, the
/// scatter of all fits about their resolving power's mean in units of each fit's SE: √(Σ z² / (n − #R)).
func monteCarlo(resolvingPowers: [Double], seeds: Int) throws -> (covered: Int, total: Int, certified: Int, spectra: Int,
                                                                 ratios: [(Double, String, Double)], pooled: [String: Double]) {
    var covered = 0, total = 0, certified = 0, spectra = 0, atBound = 0
    var ratios: [(Double, String, Double)] = []
    var sumZ2 = [String: Double](), countZ = [String: Int]()
    for (index, r) in resolvingPowers.enumerated() {
        let simulation = try ClusterSimulation(resolvingPower: r)
        let deconvolution = IsotopeDeconvolution(species: simulation.species, peakShape: .gaussian(resolvingPower: r))
        var estimates = [[Double]](repeating: [], count: simulation.species.count)
        var errors = [[Double]](repeating: [], count: simulation.species.count)
        // Templates and rows depend on the axis only: build the problem once, then swap in each realisation's counts.
        var problem = try deconvolution.problem(simulation.spectrum(seed: 0))
        let rows = problem.mass.map { m in simulation.mass.firstIndex(of: m)! }
        for seed in 0..<UInt64(seeds) {
            let realisation = simulation.spectrum(seed: UInt64(index) * 1_000_000 + seed)
            let counts = realisation.intensity
            problem.observations = rows.map { counts[$0] }
            // The pattern bounds come from the realisation's own counts (as `problem(_:)` would compute them).
            problem.upperBounds = simulation.species.map {
                IsotopeDeconvolution.patternBound($0, spectrum: realisation, peakShape: .gaussian(resolvingPower: r))
            }
            let fit = try deconvolution.fit(problem)
            atBound += fit.species.filter { $0.status == .atPatternBound }.count
            spectra += 1
            if fit.certificate.isCertified { certified += 1 }
            for (j, s) in fit.species.enumerated() {
                total += 1
                estimates[j].append(s.amount)
                if let se = s.standardError {
                    errors[j].append(se)
                    if abs(s.amount - ClusterSimulation.truth[j]) <= 2 * se { covered += 1 }
                }
            }
        }
        for j in simulation.species.indices {
            let n = Double(estimates[j].count)
            let mean = estimates[j].reduce(0, +) / n
            let sd = (estimates[j].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
            let meanSE = errors[j].reduce(0, +) / Double(max(errors[j].count, 1))
            ratios.append((r, ClusterSimulation.labels[j], sd / meanSE))
            let label = ClusterSimulation.labels[j]
            for (x, se) in zip(estimates[j], errors[j]) { sumZ2[label, default: 0] += (x - mean) * (x - mean) / (se * se) }
            countZ[label, default: 0] += estimates[j].count - 1
        }
    }
    // With every species in the model the bounds (4σ per peak) must almost never bind.
    #expect(atBound * 100 <= total, "\(atBound) of \(total) amounts at their pattern bound")
    let pooled = sumZ2.mapValues { $0 }.reduce(into: [String: Double]()) { $0[$1.key] = ($1.value / Double(countZ[$1.key]!)).squareRoot() }
    return (covered, total, certified, spectra, ratios, pooled)
}

@Suite("Isotope deconvolution")
struct IsotopeDeconvolutionTests {
    @Test("Noise-free spectrum: every amount recovered to 1e-6 relative, certified, χ² ≈ 0")
    func exactRecovery() throws {
        let simulation = try ClusterSimulation(resolvingPower: 1500)
        let spectrum = Spectrum(mass: simulation.mass, intensity: simulation.expected)
        let fit = try IsotopeDeconvolution(species: simulation.species, peakShape: .gaussian(resolvingPower: 1500), weighting: .uniform).fit(spectrum)
        #expect(fit.certificate.isCertified)
        for (s, truth) in zip(fit.species, ClusterSimulation.truth) {
            #expect(abs(s.amount - truth) <= 1e-6 * truth, "\(s.ion): \(s.amount) vs \(truth)")
            #expect(s.status == .fitted)
        }
        #expect(fit.groups.isEmpty)
    }

    /// The scatter/SE ratio of one species at one R from 200 seeds has a sampling error of about 1/√400 = 5 %,
    /// so a 10 % bound per (R, species) would fail by chance in ~1 of 21 checks; the 10 % bound is applied to
    /// each species' ratio pooled over the three resolving powers (600 independent fits, sampling error ≈ 3 %),
    /// and every single (R, species) ratio must stay within 20 %.
    @Test("200 Poisson seeds at each of R = 500, 1500, 5000: ≥ 95 % within 2 SE, SE = scatter within 10 %, all certified")
    func monteCarloCoverage() throws {
        let result = try monteCarlo(resolvingPowers: [500, 1500, 5000], seeds: 200)
        #expect(result.certified == result.spectra, "certified \(result.certified) of \(result.spectra)")
        let coverage = Double(result.covered) / Double(result.total)
        #expect(coverage >= 0.95, "coverage \(coverage)")
        for (label, ratio) in result.pooled { #expect(abs(ratio - 1) <= 0.10, "\(label): pooled scatter / SE = \(ratio)") }
        for (r, label, ratio) in result.ratios { #expect(abs(ratio - 1) <= 0.20, "R = \(r) \(label): scatter / SE = \(ratio)") }
        print("deconvolution Monte Carlo: coverage \(coverage), pooled \(result.pooled.mapValues { String(format: "%.3f", $0) }.sorted { $0.key < $1.key }), ratios \(result.ratios.map { "\($0.0) \($0.1) \(String(format: "%.3f", $0.2))" })")
    }

    @Test("Large Monte Carlo (2000 seeds, four resolving powers) behind SIMSKIT_SLOW_TESTS",
          .enabled(if: ProcessInfo.processInfo.environment["SIMSKIT_SLOW_TESTS"] != nil))
    func largeMonteCarlo() throws {
        let result = try monteCarlo(resolvingPowers: [300, 1000, 3000, 10000], seeds: 2000)
        #expect(result.certified == result.spectra)
        #expect(Double(result.covered) / Double(result.total) >= 0.95)
        for (r, label, ratio) in result.ratios { #expect(abs(ratio - 1) <= 0.05, "R = \(r) \(label): \(ratio)") }
        print("large deconvolution Monte Carlo: coverage \(Double(result.covered) / Double(result.total)), ratios \(result.ratios.map { "\($0.0) \($0.1) \(String(format: "%.3f", $0.2))" })")
    }

    @Test("Binned templates (0.5 u) on a stick spectrum recover the amounts; duplicate candidates form a group")
    func binnedAndGroups() throws {
        let species = try ["Ru_2-", "RuPd-", "Pd_2-", "Pd_2-"].map { try Ion(parsing: $0) }
        // A stick spectrum: each fine-structure line's expected counts at its exact mass.
        var lines: [(Double, Double)] = []
        for (ion, amount) in zip(species.prefix(3), [1e5, 5e4, 2e4]) {
            for p in IsotopePattern(ion: ion).peaks { lines.append((p.mass, amount * p.probability)) }
        }
        lines.sort { $0.0 < $1.0 }
        let spectrum = Spectrum(mass: ContiguousArray(lines.map(\.0)), intensity: ContiguousArray(lines.map(\.1)))
        let fit = try IsotopeDeconvolution(species: species, peakShape: .binned(width: 0.5)).fit(spectrum)
        #expect(fit.certificate.isCertified)
        #expect(abs(fit.species[0].amount - 1e5) < 1e-3 * 1e5)
        #expect(abs(fit.species[1].amount - 5e4) < 1e-3 * 5e4)
        #expect(fit.groups.count == 1)
        #expect(fit.groups.first?.count == 2)
        #expect(fit.species[2].status == .notIdentifiable(group: 0) && fit.species[3].status == .notIdentifiable(group: 0))
        #expect(fit.species[2].standardError == nil)
        #expect(abs(fit.species[2].amount + fit.species[3].amount - 2e4) < 1e-3 * 2e4)
    }

    @Test("Cluster enumeration: C(e+n−1, n) compositions per size, pruned by mass range")
    func enumeration() throws {
        let all = try ClusterEnumeration(elements: ["Ru", "Pt", "Pd"], maximumAtoms: 3, charge: -1).candidates()
        #expect(all.count == 3 + 6 + 10)
        #expect(Set(all.map(\.iontofNotation)).count == all.count)
        let pruned = try ClusterEnumeration(elements: ["Ru", "Pt", "Pd"], maximumAtoms: 3, charge: -1).candidates(in: 90...250)
        // Ru⁻, Pd⁻, Pt⁻, Ru₂⁻ (≈ 192–208 u), RuPd⁻, Pd₂⁻ stay; RuPt⁻ (≈ 290 u), PtPd⁻, Pt₂⁻ and all trimers are out.
        #expect(Set(pruned.map(\.iontofNotation)) == ["Ru-", "Pd-", "Pt-", "Ru_2-", "PdRu-", "Pd_2-"])
        #expect(throws: SIMSError.self) { try ClusterEnumeration(elements: ["Xx"], maximumAtoms: 2, charge: -1) }
    }

    @Test("No candidate inside the spectrum's mass range is a clear error")
    func outOfRange() throws {
        let spectrum = Spectrum(mass: [10, 11, 12], intensity: [1, 2, 3], source: "s.txt")
        #expect(throws: SIMSError.self) { try IsotopeDeconvolution(species: [try Ion(parsing: "Pt_3-")]).fit(spectrum) }
    }
}
