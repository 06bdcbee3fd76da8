import Testing
@testable import SIMSChemistry
@testable import SIMSCore
@testable import SIMSQuantification

@Suite("Cluster enumeration")
struct ClusterEnumerationTests {
    /// The masses of the main lines (≥ 1 %) of `ion`, as the enumeration prunes them.
    static func mainLines(_ ion: Ion) -> [Double] {
        IsotopePattern(ion: ion).peaks.filter { $0.probability >= 0.01 }.map(\.mass)
    }

    @Test("A candidate whose top main line is exactly the spectrum's last point is inside the range (inclusive bounds)")
    func inclusiveUpperBound() throws {
        let enumeration = try ClusterEnumeration(elements: ["Ru"], maximumAtoms: 2, charge: -1)
        let ru2 = try Ion(parsing: "Ru_2-")
        let lines = Self.mainLines(ru2)
        let top = try #require(lines.max()), bottom = try #require(lines.min())
        // A spectrum whose first and last points are exactly the outermost main lines of Ru₂⁻.
        let spectrum = Spectrum(mass: [bottom, (bottom + top) / 2, top], intensity: [1, 1, 1])
        let range = try #require(spectrum.massRange)
        #expect(enumeration.candidates(in: range).map(\.iontofNotation).contains("Ru_2-"))
        // One step of the last point's last bit below the line, it is out.
        let below = Spectrum(mass: [bottom, (bottom + top) / 2, top.nextDown], intensity: [1, 1, 1])
        #expect(!enumeration.candidates(in: try #require(below.massRange)).map(\.iontofNotation).contains("Ru_2-"))
    }

    @Test("The covered mass range reaches half a point spacing past the first and last points")
    func coveredMassRange() {
        #expect(Spectrum(mass: [10, 11, 13], intensity: [1, 1, 1]).coveredMassRange == 9.5...14)
        #expect(Spectrum(mass: [13, 11, 10], intensity: [1, 1, 1]).coveredMassRange == 9.5...14)
        #expect(Spectrum(mass: [5], intensity: [1]).coveredMassRange == 5...5)
        #expect(Spectrum(mass: [], intensity: []).coveredMassRange == nil)
    }
}
