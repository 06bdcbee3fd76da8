import Testing
import SIMSFormats
import SIMSTestSupport
@testable import SIMSChemistry

/// Peak finding and assignment on a real IONTOF export (Ru catalyst, positive polarity, 200-channel binning).
@Suite struct RealSpectrumTests {
    @Test func findsAndAssignsRutheniumCluster() throws {
        let spectrum = try IONTOFSpectrumFormat.read(from: try SharedData.path("hea-catalyst-spectra/P_Ru_Bi1_1.txt"))
        let peaks = PeakFinder().find(in: spectrum)
        #expect(peaks.count > 20)
        let cluster = peaks.filter { $0.centroid > 95.5 && $0.centroid < 104.5 }
        // Binned export: ~0.12 u between points near 100 u, so the peaks are a few points wide and the
        // centroids are good to a fraction of the spacing (up to ~800 ppm); candidates within one FWHM are kept.
        let assigner = PeakAssigner(library: FragmentLibrary.elements(polarity: .positive), polarity: .positive,
                                    tolerancePPM: 300)
        var assigned: [String: Double] = [:]
        for peak in cluster {
            guard let best = assigner.candidates(center: peak.centroid, width: peak.fwhm, spectrum: spectrum).first else { continue }
            if best.parent.iontofNotation == "Ru+" { assigned[best.label] = peak.height }
        }
        // All seven Ru isotopes (96, 98, 99, 100, 101, 102, 104) are found and assigned to Ru+.
        #expect(Set(assigned.keys) == ["^96Ru+", "^98Ru+", "^99Ru+", "^100Ru+", "^101Ru+", "Ru+", "^104Ru+"], "\(assigned)")
        // ¹⁰²Ru, the most abundant isotope, is the strongest line of the cluster.
        let strongest = try #require(assigned.max { $0.value < $1.value })
        #expect(strongest.key == "Ru+")
        // The isotope pattern of Ru+ matches the measured cluster.
        let ruPeak = try #require(cluster.max { $0.height < $1.height })
        let best = try #require(assigner.candidates(center: ruPeak.centroid, width: ruPeak.fwhm, spectrum: spectrum).first)
        #expect(best.label == "Ru+")
        #expect(try #require(best.patternFit) > 0.95)
    }
}
