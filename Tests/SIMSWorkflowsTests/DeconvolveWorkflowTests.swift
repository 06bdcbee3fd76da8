import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

@Suite("sims deconvolve")
struct DeconvolveWorkflowTests {
    @Test("real HEA spectra, both polarities: Ru–Pt–Pd clusters certified, Ru and Pd monomers and dimers selected (fitted or at their pattern bound)")
    func realSpectra() throws {
        for (file, charge) in [("N_Ru-Pt-Pd_Bi3_1.txt", -1), ("P_Ru-Pt-Pd_Bi3_1.txt", 1)] {
            let path = try SharedData.path("hea-catalyst-spectra/" + file)
            let options = DeconvolveWorkflow.Options(path: path, candidates: .elements(["Ru", "Pt", "Pd"], maximumAtoms: 3), output: "/unused")
            let fit = try DeconvolveWorkflow.fit(file: path, options: options)
            #expect(fit.result.certificate.isCertified, "\(file): \(fit.result.certificate)")
            #expect(fit.result.species.allSatisfy { $0.ion.charge == charge })
            for label in ["Ru", "Pd", "Ru_2", "Pd_2"] {
                let species = try #require(fit.result.species.first { $0.ion.iontofNotation == label + (charge < 0 ? "-" : "+") })
                // Metal candidates alone do not cover these spectra (carbon clusters, hydrides, oxides share their bins;
                // docs/deconvolution.md), so a species may sit at the bound its own lines set: an upper limit, no SE.
                switch species.status {
                case .fitted: #expect(species.amount > 100 && (species.standardError ?? .infinity) < species.amount / 3,
                                      "\(file) \(label): \(species.amount) ± \(species.standardError ?? .nan)")
                case .atPatternBound: #expect(species.amount > 100 && species.standardError == nil, "\(file) \(label): \(species.amount)")
                default: Issue.record("\(file) \(label): \(species.status.label)")
                }
            }
        }
    }

    @Test("a Ru–Pt spectrum gets no Pd detection: Pd⁻ at most what its ¹⁰⁶Pd line allows (was 24 388 ± 165 counts fitted)")
    func noPalladiumInRuPt() throws {
        let path = try SharedData.path("hea-catalyst-spectra/N_Ru-Pt_Bi3_1.txt")
        let options = DeconvolveWorkflow.Options(path: path, candidates: .elements(["Ru", "Rh", "Pd", "Ir", "Pt"], maximumAtoms: 3), output: "/unused")
        let fit = try DeconvolveWorkflow.fit(file: path, options: options)
        #expect(fit.result.certificate.isCertified)
        let pd = try #require(fit.result.species.first { $0.ion.iontofNotation == "Pd-" })
        #expect(pd.status != .fitted, "Pd⁻ \(pd.amount) ± \(pd.standardError ?? .nan) reported as a measurement")
        // Independent bound from the raw file: all counts within ±0.75 u of m/z 106 (the 0.5 u bins 105.5–106.5),
        // their 4σ Poisson upper limit (Gehrels 1986 eq. 9), over ¹⁰⁶Pd's abundance 27.33 % (IUPAC).
        let spectrum = try IONTOFSpectrumFormat.read(from: path)
        let n = zip(spectrum.mass, spectrum.intensity).filter { $0.0 >= 105.25 && $0.0 < 106.75 }.reduce(0.0) { $0 + $1.1 }
        let limit = (n + 1) * pow(1 - 1 / (9 * (n + 1)) + 4 / (3 * (n + 1).squareRoot()), 3)
        #expect(n < 600 && pd.amount <= limit / 0.2733 * 1.001, "Pd⁻ \(pd.amount) counts, ¹⁰⁶Pd window holds \(n)")
        // The run says so once.
        var record = RunRecord(command: "deconvolve")
        DeconvolveWorkflow.warnAboutCertificates([fit], record: &record)
        #expect(record.warnings.contains { $0.contains("1 of 1 spectra have species at their pattern bound") && $0.contains("Pd-") })
        // The Ru–Pt–Pd sample's Pd⁻ is allowed well above that.
        let pdSample = try SharedData.path("hea-catalyst-spectra/N_Ru-Pt-Pd_Bi3_1.txt")
        let other = try DeconvolveWorkflow.fit(file: pdSample, options: options)
        let pd2 = try #require(other.result.species.first { $0.ion.iontofNotation == "Pd-" })
        #expect(pd2.amount > 3 * pd.amount)
    }

    @Test("a folder: a simulated spectrum recovered from its file, a corrupt file reported and skipped, tables and report written")
    func folderRun() throws {
        let input = try TemporaryFolder()
        let labels = ["Ru_2-", "RuPd-", "Pd_2-"], amounts = [4e4, 2e4, 1e4]
        var mass = ContiguousArray<Double>(), counts = ContiguousArray<Double>()
        var lines: [(Double, Double)] = []
        for (label, amount) in zip(labels, amounts) {
            for p in IsotopePattern(ion: try Ion(parsing: label)).peaks { lines.append((p.mass, amount * p.probability)) }
        }
        for (m, c) in lines.sorted(by: { $0.0 < $1.0 }) { mass.append(m); counts.append(c) }
        try IONTOFSpectrumFormat.write(Spectrum(mass: mass, intensity: counts), to: input.file("N_sim_Bi3_1.txt"))
        _ = try input.write("not a spectrum\n", to: "N_bad_Bi3_1.txt")
        let output = try TemporaryFolder()
        var options = DeconvolveWorkflow.Options(path: input.path, candidates: .species(labels + ["Ru_2+"]), output: output.file("out"))
        options.weighting = .uniform
        let report = try DeconvolveWorkflow.run(options)
        #expect(report.fits.count == 1 && report.record.failures.count == 1)
        #expect(report.record.failures.first?.input.hasSuffix("N_bad_Bi3_1.txt") == true)
        let fit = try #require(report.fits.first)
        #expect(fit.result.species.map(\.ion.iontofNotation) == labels)  // Ru₂⁺ left out: the spectrum is negative
        for (s, amount) in zip(fit.result.species, amounts) { #expect(abs(s.amount - amount) < 1e-6 * amount) }
        for file in ["deconvolution_amounts.csv", "deconvolution_certificates.csv", "deconvolution_groups.csv", "deconvolution_candidates.csv", "fits/N_sim_Bi3_1.csv"] {
            #expect(FileManager.default.fileExists(atPath: output.file("out/results/" + file)), "\(file)")
        }
        let certificates = try String(contentsOfFile: output.file("out/results/deconvolution_certificates.csv"), encoding: .utf8)
        #expect(certificates.contains("N_sim_Bi3_1.txt,yes,"))
        #expect(FileManager.default.fileExists(atPath: output.file("out/report.html")))
    }

    @Test("a cluster whose outermost main lines are the spectrum's first and last points, as exported to 6 decimals, is fitted")
    func patternAtTheEdges() throws {
        // IONTOF writes m/z to 6 decimals, so the last point can lie up to 5e-7 u below the exact line it records.
        let ion = try Ion(parsing: "Ru_2-")
        let lines = IsotopePattern(ion: ion).peaks.filter { $0.probability >= 0.01 }
        let bottom = try #require(lines.first).mass, top = try #require(lines.last).mass
        let first = (bottom * 1e6).rounded(.up) / 1e6, last = (top * 1e6).rounded(.down) / 1e6
        #expect(first > bottom && last < top)
        // Every line of the pattern between the two (fine structure included), at 10⁵ ions of Ru₂⁻.
        var text = "# Polarity: negative\nChannel\tm/z\tIntensity\n"
        let inner = IsotopePattern(ion: ion).peaks.filter { $0.mass > bottom && $0.mass < top }
        let points = [(first, lines.first!.probability)] + inner.map { ($0.mass, $0.probability) } + [(last, lines.last!.probability)]
        for (k, (m, p)) in points.enumerated() {
            text += "\(k + 1)\t" + String(format: "%.6f", m) + "\t\((1e5 * p).rounded())\n"
        }
        let folder = try TemporaryFolder()
        let path = try folder.write(text, to: "N_edge_Bi3_1.txt")
        let options = DeconvolveWorkflow.Options(path: path, candidates: .elements(["Ru"], maximumAtoms: 2), output: "/unused")
        let fit = try DeconvolveWorkflow.fit(file: path, options: options)
        let ru2 = try #require(fit.result.species.first { $0.ion == ion }, "Ru₂⁻ was pruned: \(fit.result.species.map(\.ion.iontofNotation))")
        #expect(ru2.coverage > 0.95 && ru2.status == .fitted)
    }

    @Test("clear errors: unknown polarity with --elements, nothing in range, a missing path")
    func errors() throws {
        let folder = try TemporaryFolder()
        try IONTOFSpectrumFormat.write(Spectrum(mass: [100, 101, 102], intensity: [1, 2, 3]), to: folder.file("spot.txt"))
        let options = DeconvolveWorkflow.Options(path: folder.file("spot.txt"), candidates: .elements(["Ru"], maximumAtoms: 2), output: "/unused")
        #expect(throws: SIMSError.self) { try DeconvolveWorkflow.fit(file: folder.file("spot.txt"), options: options) }
        #expect(throws: SIMSError.self) { try DeconvolveWorkflow.spectrumFiles(folder.file("missing")) }
    }
}
