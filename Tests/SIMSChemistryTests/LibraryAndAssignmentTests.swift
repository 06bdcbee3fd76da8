import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSChemistry

@Suite struct LibraryAndAssignmentTests {
    @Test func batteryLibraryCoversBothPolaritiesAndAllGroups() {
        let library = FragmentLibrary.battery
        let negative = library.entries(for: .negative), positive = library.entries(for: .positive)
        #expect(negative.count > 100 && positive.count > 40)
        let categories = Set(library.entries.map(\.category))
        for category in ["Li metal/SEI", "liquid electrolyte", "sulfide electrolyte", "oxide cathode", "garnet", "binder/carbon"] {
            #expect(categories.contains(category), "\(category)")
        }
        let labels = Set(library.entries.map(\.ion.iontofNotation))
        for label in ["PO_2-", "PO_3-", "POF_2-", "PF_6-", "C_2H_3O-", "PS-", "PS_2-", "PS_3-", "NiO_2-", "MnO_2-", "CoO_2-",
                      "Ni+", "Mn+", "Co+", "LaO+", "ZrO+", "CF-", "C_2F-", "LiF_2-", "Li_2CO_3-", "LiOH-"] {
            #expect(labels.contains(label), "\(label)")
        }
        #expect(labels.count == library.entries.count, "no duplicate entries")
        for entry in library.entries { #expect(["L23", "W19", "EX", "ST"].contains(entry.source)) }
    }

    @Test func userLibraryErrorsNameTheLine() throws {
        let library = try FragmentLibrary(csv: "# mine\nassignment,category\nLi+,x\n  C_2H-  \n", name: "mine.csv")
        #expect(library.entries.map(\.ion.iontofNotation) == ["Li+", "C_2H-"])
        do {
            _ = try FragmentLibrary(csv: "assignment\nLi+\nQq-\n", name: "bad.csv")
            Issue.record("should throw")
        } catch {
            #expect(error.file == "bad.csv" && error.line == 3)
        }
        #expect(throws: SIMSError.self) { _ = try FragmentLibrary(csv: "Li+\n", name: "notitle.csv") }
        #expect(throws: SIMSError.self) { _ = try FragmentLibrary(contentsOfFile: "/nonexistent/lib.csv") }
    }

    @Test func isotopologueLabels() throws {
        let ru = try Ion(parsing: "Ru+").isotopologues()
        #expect(Set(ru.map(\.ion.iontofNotation)) == ["Ru+", "^96Ru+", "^98Ru+", "^99Ru+", "^100Ru+", "^101Ru+", "^104Ru+"])
        let cl = try Ion(parsing: "Cl_2-").isotopologues()
        let minor = try #require(cl.first { $0.ion.iontofNotation == "^37ClCl-" })
        #expect(abs(minor.relativeAbundance - 2 * 0.2424 / 0.7576) < 1e-12)
    }

    @Test func rankingByDeviation() throws {
        // PO_2- (62.96414) vs Cu- (62.93014): a peak at the PO_2- mass + 5 ppm.
        let assigner = PeakAssigner(library: FragmentLibrary.battery, polarity: .negative, tolerancePPM: 1000)
        let po2 = try Ion(parsing: "PO_2-").monoisotopicMass
        let candidates = assigner.candidates(center: po2 * (1 + 5e-6), width: 0.01)
        #expect(candidates.first?.label == "PO_2-")
        #expect(abs(candidates.first!.deviationPPM - 5) < 1e-6)
        #expect(candidates.allSatisfy { abs($0.deviationPPM) <= 1000 })
        #expect(assigner.candidates(center: 500.5, width: 0.05).isEmpty)
    }

    /// A synthetic spectrum with lines at the Cl₂⁻ isotopologue masses and given relative heights.
    func chlorineSpectrum(heights: [Double]) throws -> (Spectrum, IsotopePattern) {
        let pattern = IsotopePattern(ion: try Ion(parsing: "Cl_2-"), resolvingPower: 3000)
        var mass: ContiguousArray<Double> = [], intensity: ContiguousArray<Double> = []
        var m = 68.0
        while m < 76 {
            mass.append(m)
            var y = 1.0
            for (line, height) in zip(pattern.peaks, heights) {
                let sigma = line.mass / 3000 / 2.3548
                y += 1e4 * height * exp(-0.5 * pow((m - line.mass) / sigma, 2))
            }
            intensity.append(y)
            m += 0.002
        }
        return (Spectrum(mass: mass, intensity: intensity), pattern)
    }

    @Test func patternFitEntersRanking() throws {
        let library = try FragmentLibrary(formulas: ["Cl_2-"])
        let assigner = PeakAssigner(library: library, tolerancePPM: 500)
        // Natural 9:6:1 pattern: fit ≈ 1.
        let (natural, pattern) = try chlorineSpectrum(heights: [0.5739, 0.3673, 0.0588])
        let good = try #require(assigner.candidates(center: pattern.peaks[0].mass, width: 0.023, spectrum: natural).first)
        #expect(good.label == "Cl_2-")
        #expect(try #require(good.patternFit) > 0.999)
        // The minor line is proposed as the isotopologue of the same parent.
        let minor = try #require(assigner.candidates(center: pattern.peaks[1].mass, width: 0.023, spectrum: natural).first)
        #expect(minor.label == "^37ClCl-" && minor.parent.iontofNotation == "Cl_2-")
        // 1:1:1 lines cannot be Cl₂: cosine (0.574, 0.367, 0.059)·(1, 1, 1) / norms ≈ 0.844.
        let (flat, _) = try chlorineSpectrum(heights: [1, 1, 1])
        let poor = try #require(assigner.candidates(center: pattern.peaks[0].mass, width: 0.023, spectrum: flat).first)
        let expected = (0.5739 + 0.3673 + 0.0588) / ((0.5739 * 0.5739 + 0.3673 * 0.3673 + 0.0588 * 0.0588).squareRoot() * 3.0.squareRoot())
        #expect(abs(try #require(poor.patternFit) - expected) < 0.01)
        #expect(poor.score > good.score + 0.1)
    }
}
