#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Simulates a spectra study in memory: for every sample and spot a new region of the sample's cathode
/// is generated, its phase composition integrated under a topography field and an overall spot yield,
/// and one spectrum per polarity counted with dead time and noise.
///
/// The expected true counts of line l at a spot are
/// Λ_l = D · s · (1/P) Σ_p g_p Σ_c f_cp y_lc, with D the primary-ion dose (``PrimaryBeam/dose``),
/// s the spot's yield scale (log-normal, ``StudyDesign/spotYieldSpread``), g the yield field, f the
/// pixel phase fractions and y the yields (ions per primary ion).
///
/// Equal seeds give identical results. Sub-streams are keyed by sample and spot names, so adding a sample
/// does not change the others.
///
/// ```swift
/// let study = try simulateStudy(.small, seed: 1)
/// let spectrum = study.spots(sample: "A_pristine", polarity: .negative)[0].spectrum
/// ```
public func simulateStudy(_ design: StudyDesign, seed: UInt64, catalog: LineCatalog = .standard,
                          progress: any ProgressReporting = SilentProgress()) throws(SIMSError) -> SimulatedStudy {
    try design.validate()
    let electrolyte = design.samples[0].cathode.electrolyte
    let phases = design.samples[0].cathode.phases
    var models: [Polarity: LineModel] = [:]
    for polarity in design.polarities {
        models[polarity] = try catalog.model(phases: phases, polarity: polarity, electrolyte: electrolyte,
                                             lithium6Fraction: design.lithium6Fraction)
    }
    let synthesizer = SpectrumSynthesizer(analyzer: design.analyzer)
    let beam = design.beam
    let n = beam.primaryPulses
    let total = design.samples.count * design.spotsPerSample
    var spots: [SimulatedStudy.Spot] = []
    var done = 0
    for sample in design.samples {
        for k in 1...design.spotsPerSample {
            let stream = "\(sample.name)/spot \(k)"
            var random = SimulationRandom(seed: seed, stream: stream)
            let structure = try sample.cathode.generate(seed: random.next())
            let map = structure.section(atDepth: structure.depthMicrometers / 2, width: design.mapResolution,
                                        height: design.mapResolution, subsamples: design.mapSubsamples, seed: random.next())
            let field = YieldField(width: map.width, height: map.height, strength: design.topographyStrength, seed: random.next())
            let yieldScale = exp(design.spotYieldSpread * random.normal())
            var weighted: [Phase: Double] = [:]
            for (c, phase) in map.phases.enumerated() {
                var sum = 0.0
                for p in 0..<map.pixelCount { sum += field.factors[p] * Double(map.fractions[c * map.pixelCount + p]) }
                weighted[phase] = yieldScale * sum / Double(map.pixelCount)
            }
            let fractions = map.areaFractions
            for polarity in design.polarities {
                guard let model = models[polarity] else { continue }
                let rates = model.rates(for: weighted)
                let trueCounts = rates.map { $0 * beam.dose }
                var noise = SimulationRandom(seed: seed, stream: stream + "/" + polarity.rawValue)
                var spectrum = synthesizer.spectrum(lines: model.lines, trueCounts: trueCounts, primaryPulses: n, random: &noise)
                let prefix = polarity == .negative ? "N" : "P"
                let beamName = beam.species.filter { $0 != "+" && $0 != "-" }
                let name = "\(prefix)_\(sample.name)_\(beamName)_\(k)"
                spectrum.source = name
                spots.append(SimulatedStudy.Spot(
                    sample: sample.name, name: name, number: k, polarity: polarity, spectrum: spectrum,
                    phaseFractions: fractions, yieldScale: yieldScale, trueCounts: trueCounts,
                    expectedMeasuredCounts: trueCounts.map { DeadTimeCounting.expectedMeasured(trueCounts: $0, primaryPulses: n) },
                    primaryPulses: n))
            }
            done += 1
            progress.report(task: "simulating spots", completed: done, total: total)
        }
    }
    spots.sort { ($0.polarity.rawValue, $0.sample, $0.number) < ($1.polarity.rawValue, $1.sample, $1.number) }
    return SimulatedStudy(design: design, seed: seed, lineModels: models, spots: spots)
}
