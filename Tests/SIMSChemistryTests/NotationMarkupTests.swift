import Testing
@testable import SIMSChemistry

@Suite("Typeset ion names (notation → markup)")
struct NotationMarkupTests {
    @Test("IONTOF and plain labels print as sub- and superscripts with a true minus", arguments: [
        ("LiF_2-", "LiF<sub>2</sub><sup>\u{2212}</sup>"),
        ("^6Li+", "<sup>6</sup>Li<sup>+</sup>"),
        ("C_2H_3O_2-", "C<sub>2</sub>H<sub>3</sub>O<sub>2</sub><sup>\u{2212}</sup>"),
        ("C2H3O2-", "C<sub>2</sub>H<sub>3</sub>O<sub>2</sub><sup>\u{2212}</sup>"),
        ("Ni++", "Ni<sup>2+</sup>"),
        ("CN- / ( InO- )", "CN<sup>\u{2212}</sup> / InO<sup>\u{2212}</sup>"),
        ("Cu-, CuH-", "Cu<sup>\u{2212}</sup>, CuH<sup>\u{2212}</sup>"),
        ("(null)", "unassigned"),
        ("total", "total"),
    ])
    func labels(label: String, expected: String) {
        #expect(AssignmentLabel.markup(label) == expected)
    }

    @Test("Text that is not a label is returned unchanged; a tag inside it is defused")
    func fallback() {
        #expect(AssignmentLabel.markup("m/z 27.0") == "m/z 27.0")
        #expect(AssignmentLabel.markup("#12 <sub>x") == "#12 ‹sub>x")
    }

    @Test("Ion and formula printers agree with the parser")
    func roundTrip() throws {
        let ion = try Ion(parsing: "^118SnI_3-")
        #expect(ion.markup == "<sup>118</sup>SnI<sub>3</sub><sup>\u{2212}</sup>")
        #expect(ion.formula.markup == "<sup>118</sup>SnI<sub>3</sub>")
        #expect(ion.chargeMarkup == "<sup>\u{2212}</sup>")
    }
}
