import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

/// `sims spectra` with the deconvolution step: simulated spots whose species amounts are known exactly.
@Suite("sims spectra --deconvolve")
struct SpectraDeconvolutionTests {
    static let labels = ["Ru_2-", "RuPd-", "Pd_2-"]
    /// Sample → base amounts (counts); spot k (1…4) holds base × (1 + k/10).
    static let amounts: [String: [Double]] = ["A": [4e4, 2e4, 1e4], "B": [1e4, 0, 3e4]]

    /// ROOT/<sample>/N_<sample>_<k>.txt: line spectra Σₛ nₛ·(isotope pattern of s), no noise.
    static func makeStudy(in folder: TemporaryFolder) throws -> String {
        let root = folder.file("study")
        for (sample, base) in amounts {
            try FileManager.default.createDirectory(atPath: root + "/" + sample, withIntermediateDirectories: true)
            for k in 1...4 {
                var lines: [(Double, Double)] = []
                for (label, n) in zip(labels, base) where n > 0 {
                    for p in IsotopePattern(ion: try Ion(parsing: label)).peaks { lines.append((p.mass, n * (1 + Double(k) / 10) * p.probability)) }
                }
                lines += [(180, 0), (230, 0)]  // the axis spans 180–230 u
                lines.sort { $0.0 < $1.0 }
                let spectrum = Spectrum(mass: ContiguousArray(lines.map(\.0)), intensity: ContiguousArray(lines.map(\.1)))
                try IONTOFSpectrumFormat.write(spectrum, to: root + "/\(sample)/N_\(sample)_\(k).txt")
            }
        }
        _ = try folder.write("assignment,lower,upper\nPd_2-,211.5,212.5\n", to: "peaks.csv")
        return root
    }

    static func rows(_ path: String) throws -> [[String: String]] { try SpectraWorkflowTests.readCSV(path) }

    @Test("every spot fitted and certified; per-spot amounts keyed by sample and spot; per-sample statistics equal the hand values")
    func perSpotAndPerSample() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder)
        var options = SpectraOptions(root: root, peakList: folder.file("peaks.csv"), output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 50
        options.deconvolution = DeconvolveWorkflow.Model(candidates: .species(Self.labels + ["Ru_2+"]))
        let result = try SpectraWorkflow.run(options)
        #expect(result.record.failures.isEmpty)
        #expect(result.record.settings.contains { $0.name == "deconvolution species" })
        let certificates = try Self.rows(folder.file("out/results/deconvolution_certificates.csv"))
        #expect(certificates.count == 8 && certificates.allSatisfy { $0["certified"] == "yes" })
        let amounts = try Self.rows(folder.file("out/results/deconvolution_amounts.csv"))
        #expect(amounts.count == 8 * 3)  // Ru₂⁺ left out: the spots are negative
        for row in amounts {
            let sample = try #require(row["sample"]), spot = try #require(row["spot"])
            let k = try #require(Double(spot.split(separator: "_").last!))
            let s = try #require(Self.labels.firstIndex(of: row["species"] ?? ""))
            let truth = Self.amounts[sample]![s] * (1 + k / 10)
            let amount = try #require(Double(row["amount_counts"] ?? ""))
            #expect(abs(amount - truth) <= 1e-6 * max(truth, 1e4), "\(sample)/\(spot) \(row["species"]!): \(amount) vs \(truth)")
            #expect(row["status"] == (truth > 0 ? "fitted" : "zero"))
        }
        // Mean over k = 1…4 of (1 + k/10) is 1.25; the SD of k/10 is 0.1·√(5/3).
        let summary = try Self.rows(folder.file("out/results/deconvolution_summary.csv"))
        #expect(summary.count == 3 * 2)
        for row in summary {
            let sample = try #require(row["sample"])
            let s = try #require(Self.labels.firstIndex(of: row["species"] ?? ""))
            let base = Self.amounts[sample]![s]
            #expect(row["n"] == "4")
            #expect(row["spots_selected"] == (base > 0 ? "4" : "0"))
            let mean = try #require(Double(row["mean_counts"] ?? "")), sd = try #require(Double(row["sd_counts"] ?? ""))
            #expect(abs(mean - 1.25 * base) <= 1e-6 * max(base, 1e4))
            #expect(abs(sd - 0.1 * (5.0 / 3).squareRoot() * base) <= 1e-6 * max(base, 1e4))
        }
        let report = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(report.contains("Isotope-cluster deconvolution") && report.contains("8 spots fitted, 8 optima certified"))
    }

    @Test("sims.toml [deconvolution] asks for the step; a bad key or value is an error naming the file, table and key")
    func manifestTable() throws {
        let folder = try TemporaryFolder()
        let root = try Self.makeStudy(in: folder)
        let write = { (table: String) throws in
            _ = try folder.write("[samples]\nA = \"A\"\nB = \"B\"\n\n[spectra]\npeaks = \"../peaks.csv\"\n\n" + table, to: "study/sims.toml")
        }
        try write("[deconvolution]\nelements = [\"Ru\", \"Pd\"]\nmax_atoms = 2\nbin = 0.5\n")
        var options = SpectraOptions(root: root, output: folder.file("out"))
        options.plots = false
        options.bootstrapResamples = 0
        let result = try SpectraWorkflow.run(options)
        #expect(result.record.failures.isEmpty)
        let amounts = try Self.rows(folder.file("out/results/deconvolution_amounts.csv"))
        // Ru⁻, Pd⁻, Ru₂⁻, PdRu⁻, Pd₂⁻ enumerated per spot; the two monomers lie outside the spectra's mass range.
        #expect(Set(amounts.compactMap { $0["species"] }) == ["Ru_2-", "PdRu-", "Pd_2-"])
        #expect(amounts.count == 8 * 3 && amounts.allSatisfy { $0["status"] == "fitted" || $0["status"] == "zero" })
        for (table, key) in [("[deconvolution]\nelements = \"Ru\"\nmax_atom = 2\n", "max_atom"),
                             ("[deconvolution]\nelements = \"Ru\"\nweighting = \"chi\"\n", "chi"),
                             ("[deconvolution]\nspecies = \"Ru_2-\"\nelements = \"Ru\"\n", "exactly one of species"),
                             ("[deconvolution]\nelements = \"Ru\"\nbin = \"wide\"\n", "bin")] {
            try write(table)
            options.output = folder.file("out-\(key.count)")
            let error = try #require(throws: SIMSError.self) { try SpectraWorkflow.run(options) }
            #expect(error.description.contains("sims.toml") && error.description.contains("deconvolution") && error.description.contains(key), "\(error)")
        }
    }
}
