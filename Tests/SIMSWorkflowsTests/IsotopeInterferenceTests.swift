import Foundation
import SIMSTestSupport
import Testing
@testable import SIMSWorkflows

@Suite("isotope checks with deconvolution")
struct IsotopeInterferenceTests {
    /// A stick spectrum of Cu⁻ (natural, `copper` ions) and PO₂⁻ (`phosphate` ions, at 62.96 u beside ⁶³Cu at 62.93 u).
    func spectrum(copper: Double, phosphate: Double) throws -> Spectrum {
        var lines: [(Double, Double)] = []
        for (label, amount) in [("Cu-", copper), ("PO_2-", phosphate)] where amount > 0 {
            for p in IsotopePattern(ion: try Ion(parsing: label)).peaks { lines.append((p.mass, amount * p.probability)) }
        }
        lines.sort { $0.0 < $1.0 }
        return Spectrum(mass: ContiguousArray(lines.map(\.0)), intensity: ContiguousArray(lines.map(\.1)))
    }

    let peaks = [
        Peak(index: 1, assignment: "^63Cu-", interval: MassInterval(lower: 62.8, upper: 63.1, center: 62.93)),
        Peak(index: 2, assignment: "^65Cu-", interval: MassInterval(lower: 64.8, upper: 65.1, center: 64.93)),
    ]

    @Test("⁶³Cu/⁶⁵Cu above natural because PO₂⁻ shares the ⁶³Cu interval: 'interference by PO_2-' with its share")
    func phosphateOnCopper() throws {
        let s = try spectrum(copper: 1e4, phosphate: 2e4)
        let counts = try PeakIntegrator(list: PeakList(peaks: peaks)).integrate(s).counts
        let result = try #require(IsotopeCheck(peaks: peaks).check(counts: counts).first)
        #expect(result.deviates && result.ratio! > result.pair.naturalRatio)
        let interference = try #require(IsotopeInterference.explain(result, spectrum: s, peaks: peaks))
        #expect(interference.interferer == "PO_2-")
        #expect(interference.isotope == "^63Cu-")
        // PO₂⁻ is ≈ 100 % ³¹P¹⁶O₂ (0.9952 with the O isotopes), ⁶³Cu⁻ 69.15 % of 1e4.
        let po2 = 2e4 * IsotopePattern(ion: try Ion(parsing: "PO_2-")).peaks.filter { ($0.mass * 2).rounded() == 126 }.reduce(0) { $0 + $1.probability }
        let expected = po2 / (po2 + 1e4 * 0.6915)
        #expect(abs(interference.share - expected) < 0.01, "share \(interference.share) vs \(expected)")
        #expect(interference.certified)
        var report = CheckWorkflow.Report(record: RunRecord(command: "check"))
        var table = CSVTable(header: ["file", "ratio", "column", "major_counts", "minor_counts", "measured_ratio", "ci95_low", "ci95_high", "natural_ratio", "verdict"])
        try CheckWorkflow.isotopeLines("s.txt", peaks, counts: counts, column: "counts", report: &report, isotopes: &table, spectrum: s)
        #expect(report.lines.contains { $0.contains("above natural: interference by PO_2- on ^63Cu- (share 0.74") })
    }

    @Test("pure copper: consistent with natural, no interference named")
    func pureCopper() throws {
        let s = try spectrum(copper: 1e4, phosphate: 0)
        let counts = try PeakIntegrator(list: PeakList(peaks: peaks)).integrate(s).counts
        let result = try #require(IsotopeCheck(peaks: peaks).check(counts: counts).first)
        #expect(!result.deviates)
        #expect(IsotopeInterference.explain(result, spectrum: s, peaks: peaks) == nil)
    }
}
