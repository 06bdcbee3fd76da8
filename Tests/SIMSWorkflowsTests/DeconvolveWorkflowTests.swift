import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

@Suite("sims deconvolve")
struct DeconvolveWorkflowTests {
    @Test("real HEA spectra, both polarities: Ru–Pt–Pd clusters fitted, certified, Ru and Pd monomers and dimers selected")
    func realSpectra() throws {
        for (file, charge) in [("N_Ru-Pt-Pd_Bi3_1.txt", -1), ("P_Ru-Pt-Pd_Bi3_1.txt", 1)] {
            let path = try SharedData.path("hea-catalyst-spectra/" + file)
            let options = DeconvolveWorkflow.Options(path: path, candidates: .elements(["Ru", "Pt", "Pd"], maximumAtoms: 3), output: "/unused")
            let fit = try DeconvolveWorkflow.fit(file: path, options: options)
            #expect(fit.result.certificate.isCertified, "\(file): \(fit.result.certificate)")
            #expect(fit.result.species.allSatisfy { $0.ion.charge == charge })
            for label in ["Ru", "Pd", "Ru_2", "Pd_2"] {
                let species = try #require(fit.result.species.first { $0.ion.iontofNotation == label + (charge < 0 ? "-" : "+") })
                #expect(species.status == .fitted && species.amount > 100 && (species.standardError ?? .infinity) < species.amount / 3,
                        "\(file) \(label): \(species.amount) ± \(species.standardError ?? .nan)")
            }
        }
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
        var text = "# Polarity: negative\nChannel\tm/z\tIntensity\n"
        let points = [first] + lines.dropFirst().dropLast().map(\.mass) + [last]
        for (k, (m, line)) in zip(points, lines).enumerated() {
            text += "\(k + 1)\t" + String(format: "%.6f", m) + "\t\((1e5 * line.probability).rounded())\n"
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
