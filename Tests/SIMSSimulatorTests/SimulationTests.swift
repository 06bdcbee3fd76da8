import Testing
import SIMSAnalysis
@testable import SIMSSimulator

@Suite("Simulated study, images, depth profile and volume")
struct SimulationTests {
    @Test("chemistry lines: exact masses, natural abundances, 6Li enrichment, IONTOF labels")
    func chemistryLines() throws {
        let li = try LineCatalog.standard.isotopologues(Fragment("Li", .positive, yield: 1), nil)
        #expect(li.map(\.ion) == ["^6Li+", "Li+"])
        #expect(abs(li[1].mass - (7.0160034366 - TestCatalog.electron)) < 1e-6)
        #expect(abs(li[1].abundance / li[0].abundance - 92.41 / 7.59) < 1e-6)
        let cl2 = try LineCatalog.standard.isotopologues(Fragment("Cl_2", .negative, yield: 1), nil)
        #expect(cl2.map(\.ion) == ["Cl_2-", "^37ClCl-", "^37Cl_2-"])
        #expect(abs(cl2[0].abundance - 0.7576 * 0.7576) < 1e-6)
        #expect(abs(cl2[1].abundance - 2 * 0.7576 * 0.2424) < 1e-6)
        let enriched = try LineCatalog.standard.isotopologues(Fragment("Li_2", .positive, yield: 1), 0.95)
        #expect(enriched.first { $0.ion == "Li_2+" }!.abundance > 0.9)   // ⁶Li₂ is now the main line
        #expect(abs(enriched.map(\.abundance).reduce(0, +) - 1) < 1e-9)
    }

    @Test("study: spots per sample, truth consistent with the spectra, CEI grows with the design")
    func study() throws {
        let study = try simulateStudy(.small, seed: 1)
        #expect(study.spots.count == 9)
        let model = study.lineModels[.negative]!
        var ceiBySample: [Double] = []
        for sample in StudyDesign.small.samples {
            let spots = study.spots(sample: sample.name, polarity: .negative)
            #expect(spots.count == 3)
            ceiBySample.append(spots.map { $0.phaseFractions[.cei]! }.reduce(0, +) / 3)
        }
        #expect(ceiBySample[0] < ceiBySample[1] && ceiBySample[1] < ceiBySample[2])
        // The S⁻ peak area matches the dead-time law within counting error.
        let spot = study.spots[0]
        let s = model.index(of: "S-")!
        let measured = counts(spot.spectrum, in: StudyDesign.small.analyzer.interval(atMass: model.lines[s].mass))
        let expected = spot.expectedMeasuredCounts[s]
        #expect(abs(measured - expected) < 5 * expected.squareRoot() + 0.002 * expected, "\(measured) vs \(expected)")
        // A peak list covers the main lines.
        #expect(study.peakList(polarity: .negative).peaks.contains { $0.assignment == "PS_2-" })
    }

    @Test("identical seeds give identical studies; different seeds differ")
    func determinism() throws {
        var design = StudyDesign.small
        design.samples = [design.samples[0]]
        design.spotsPerSample = 1
        let a = try simulateStudy(design, seed: 5), b = try simulateStudy(design, seed: 5), c = try simulateStudy(design, seed: 6)
        #expect(a.spots[0].spectrum == b.spots[0].spectrum)
        #expect(a.spots[0].spectrum.intensity != c.spots[0].spectrum.intensity)
    }

    @Test("images: pixel means equal the expected rates; per-pixel ratios are free of topography")
    func images() throws {
        var design = ImagingDesign()
        design.beam.raster = 48
        design.beam.areaMicrometers = 40
        design.cathode.particleRadiusMicrometers = 2...4
        design.topographyStrength = 0.5
        let imaging = try simulateImaging(design, seed: 3)
        let result = imaging.results[.negative]!
        #expect(result.images.width == 48 && result.images.total != nil)
        let n = design.beam.pulsesPerPixel
        for (k, image) in result.images.images.enumerated() {
            let expected = result.trueCounts[k].reduce(0) { $0 + DeadTimeCounting.expectedMeasured(trueCounts: $1, primaryPulses: n) }
            let measured = image.totalCounts
            #expect(abs(measured - expected) < 5 * expected.squareRoot() + 1, "\(image.ion): \(measured) vs \(expected)")
            #expect(image.massInterval != nil)
        }
        // True counts carry the yield field; the ratio of two ions of one phase does not.
        let s = result.images.ions.firstIndex(of: "S-")!, cl = result.images.ions.firstIndex(of: "Cl-")!
        let field = imaging.yieldField.factors
        let electrolytePixels = (0..<imaging.phaseMap.pixelCount).filter { imaging.phaseMap.fraction(of: .argyrodite, atPixel: $0) == 1 }
        #expect(electrolytePixels.count > 10)
        let raw = electrolytePixels.map { result.trueCounts[s][$0] }
        let ratios = electrolytePixels.map { result.trueCounts[s][$0] / result.trueCounts[cl][$0] }
        let fields = electrolytePixels.map { field[$0] }
        #expect(fields.max()! / fields.min()! > 1.2)
        #expect(abs(raw.max()! / raw.min()! - fields.max()! / fields.min()!) < 1e-9 * raw.max()!)
        #expect(ratios.max()! - ratios.min()! < 1e-12 * ratios.max()!)
    }

    @Test("depth profile: interfaces at the truth's times, Li⁻ saturated in the lithium layer")
    func depthProfile() throws {
        var design = DepthDesign()
        design.cycles = 300
        let depth = try simulateDepthProfile(design, seed: 2)
        let profile = depth.result.profile
        #expect(profile.cycleCount == 300)
        #expect(profile.columns.first?.kind == .total)
        let times = depth.result.interfaceTimesSeconds
        // Li metal 150 nm at 1.5 nm/s ≈ 100 s (rates blend near interfaces).
        #expect(abs(times[0]! - 100) < 5)
        // Cl⁻ rises through the SEI|electrolyte interface: half its plateau near times[1]... check monotonic order.
        #expect(times[0]! < times[1]! && times[1]! < times[2]!)
        let li = profile.column(named: "Li-")!.values
        let n = design.analysisBeam.primaryPulses
        #expect(li[5] / n > 0.3)   // saturated in Li metal
        let law = try DeadTimeLaw(primaryPulses: n)
        let trueLi = depth.result.trueCounts[DepthDesign.ions(.negative).firstIndex(of: "Li-")!][5]
        #expect(abs(li[5] - law.measuredCounts(fromTrue: trueLi)) < 5 * (n * 0.25).squareRoot())
    }

    @Test("volume: planes share the ions, phase maps vary with depth")
    func volume() throws {
        var design = VolumeDesign()
        design.beam.raster = 24
        design.planes = 4
        let v = try simulateVolume(design, seed: 4)
        #expect(v.volume.depth == 4 && v.volume.planes[0].width == 24)
        #expect(v.phaseMaps[0].labels != v.phaseMaps[3].labels)
        #expect(abs(v.volumeFractions.values.reduce(0, +) - 1) < 1e-4)
    }
}
