import Foundation
import Testing
import SIMSFormats
import SIMSTestSupport
@testable import SIMSChemistry

/// Parsing and printing IONTOF labels, on every label in the real data.
@Suite struct NotationTests {
    /// The `Assignment` column of the real IONTOF peak list, read with the formats module's reader
    /// (the `total` pseudo-row included).
    static func peakListAssignments() throws -> [String] {
        let list = try IONTOFIntervalListFormat.read(from: try SharedData.path("lombardo-scripts/Example_mass_interval_list.txt"))
        return (list.totalRow.map { [$0.assignment] } ?? []) + list.peaks.map(\.assignment)
    }

    /// The ion names of every depth-profile export (the header's name line), read with the formats reader.
    static func depthProfileNames() throws -> [String] {
        var names: [String] = []
        for path in try SharedData.files(in: "perovskite-depth-profiles") {
            names += try IONTOFDepthProfileFormat.read(from: path).columns.map(\.name)
        }
        return names
    }

    @Test func everyPeakListAssignmentRoundTrips() throws {
        let labels = try NotationTests.peakListAssignments()
        #expect(labels.count == 321)
        var formulas = 0
        for label in labels {
            let parsed = try AssignmentLabel(parsing: label)
            #expect(parsed.iontofNotation == label, "round trip of \(label)")
            if case .ions = parsed { formulas += 1 } else { #expect(AssignmentLabel.nonFormulaLabels.contains(label)) }
        }
        #expect(formulas > 300)
    }

    @Test func everyDepthProfileNameRoundTrips() throws {
        let names = try NotationTests.depthProfileNames()
        #expect(names.count > 100)
        var glued = 0, ratios = 0
        for name in names {
            let parsed = try AssignmentLabel(parsing: name)
            #expect(parsed.iontofNotation == name, "round trip of \(name)")
            switch parsed {
            case .ions(let list): if list.separators.contains(.glued) { glued += 1 }
            case .ratio: ratios += 1
            case .unassigned, .nonFormula: #expect(AssignmentLabel.nonFormulaLabels.contains(name))
            }
        }
        #expect(glued > 0 && ratios > 0)
    }

    @Test func gluedAndRatioStructure() throws {
        let glued = try AssignmentLabel(parsing: "^206PbI_3-, ^207PbI_3-PbI_3-")
        guard case .ions(let list) = glued else { Issue.record("not a list"); return }
        #expect(list.ions.map(\.iontofNotation) == ["^206PbI_3-", "^207PbI_3-", "PbI_3-"])
        #expect(list.separators == [.comma, .glued])
        let ratio = try AssignmentLabel(parsing: "^118SnI_3-SnI_3- / ( ^206PbI_3-, ^207PbI_3-PbI_3- )")
        guard case .ratio(let numerator, let denominator) = ratio else { Issue.record("not a ratio"); return }
        #expect(numerator.ions.count == 2 && denominator.ions.count == 3)
        #expect(try AssignmentLabel(parsing: "(null)") == .unassigned)
        #expect(try AssignmentLabel(parsing: "total") == .nonFormula("total"))
        #expect(try AssignmentLabel(parsing: "Sn^118SnI_5-").ions.first?.formula.parts.count == 3)
    }

    @Test func plainNotation() throws {
        let ion = try Ion(parsing: "C2H-")
        #expect(ion.iontofNotation == "C_2H-")
        #expect(ion.plainNotation == "C2H-")
        #expect(try Ion(parsing: "LiF2-") == Ion(parsing: "LiF_2-"))
        #expect(try Ion(parsing: "Li2CO3-").iontofNotation == "Li_2CO_3-")
        #expect(try Ion(parsing: "C_2H-", notation: .iontof).plainNotation == "C2H-")
    }

    @Test func aDigitAfterAnIsotopeLabelIsACountNotACharge() throws {
        // #21: `^6LiF2-` was read as IONTOF (because of `^`) and became ⁶LiF²⁻ at m/z 12.507; `^58Ni2+` became ⁵⁸Ni²⁺.
        // `^` is an isotope prefix in both notations; without `_` the digits are counts, as in `LiF2-`.
        let lithiumFluoride = try Ion(parsing: "^6LiF2-")
        #expect(lithiumFluoride == (try Ion(parsing: "^6LiF_2-")))
        #expect(lithiumFluoride.iontofNotation == "^6LiF_2-")
        #expect(abs(lithiumFluoride.monoisotopicMass - 44.0125) < 1e-3, "\(lithiumFluoride.monoisotopicMass)")
        #expect(try Ion(parsing: "^58Ni2+") == Ion(parsing: "^58Ni_2+"))
        #expect(try Ion(parsing: "^6LiF2O-").iontofNotation == "^6LiF_2O-")  // was an error: "a number here must be a charge"
        #expect(try Formula(parsing: "Li3^6LiF5").iontofNotation == "Li_3^6LiF_5")
        // The IONTOF reading stays available explicitly, and a label with `_` stays IONTOF.
        #expect(try Ion(parsing: "^58Ni2+", notation: .iontof).iontofNotation == "^58Ni++")
        #expect(try Ion(parsing: "^6LiF_2-").charge == -1)
    }

    @Test func everyRealLabelReadsTheSameInBothNotations() throws {
        // The automatic notation no longer treats `^` as IONTOF: every label of the real interval list and
        // depth-profile headers must read exactly as in IONTOF notation.
        var compared = 0
        for label in try NotationTests.peakListAssignments() + NotationTests.depthProfileNames() {
            let automatic = try AssignmentLabel(parsing: label)
            #expect(automatic == (try AssignmentLabel(parsing: label, notation: .iontof)), "\(label)")
            compared += 1
        }
        #expect(compared > 3000)
    }

    @Test func badLabelsThrowWithPosition() {
        for bad in ["Xx-", "CO", "C_2H", "C_-", "^14C-", "^C-", "C_2H+-", "Li-garbage", "", "2+", "C_2H- / ( O-"] {
            #expect(throws: SIMSError.self, "\(bad) should not parse") { _ = try Ion(parsing: bad) }
        }
        for bad in ["Xx-", "Li-garbage", "C_2H- / ( O-", "Cu-,CuH-", "Unknown label"] {
            #expect(throws: SIMSError.self, "\(bad) should not parse") { _ = try AssignmentLabel(parsing: bad) }
        }
        do {
            _ = try Ion(parsing: "LiXx-")
            Issue.record("should throw")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.description.contains("character 3"))
            #expect(error.description.contains("Xx"))
        }
    }
}
