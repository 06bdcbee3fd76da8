import Testing
@testable import SIMSChemistry

@Suite("Ion names in any notation")
struct IonNameTests {
    @Test func sameIonInEveryNotation() {
        for name in ["SO3-", "SO_3-", "SO₃⁻", " SO_3- ", "O_3S-"] { #expect(IonName.same(name, "SO_3-"), "\(name)") }
        #expect(IonName.same("⁶Li⁺", "^6Li+"))
        #expect(IonName.same("SO₄²⁻", "SO_4--"))
        #expect(IonName.same("LiF₂⁻", "LiF2-"))
        #expect(!IonName.same("SO3-", "SO3+"))
        #expect(!IonName.same("SO3-", "SO4-"))
        #expect(!IonName.same("^6Li+", "Li+"))
        #expect(IonName.same("total", "total"))
        #expect(!IonName.same("total", "Li-"))
        #expect(IonName.iontofText(fromUnicode: "SO₄²⁻") == "SO_4--")
        #expect(IonName.iontofText(fromUnicode: "⁶Li⁺") == "^6Li+")
    }

    @Test func unknownNamesListTheNearest() throws {
        let names = ["Li-", "SO_3-", "SO_4-", "LiF_2-", "total"]
        #expect(try IonName.resolve("SO3-", among: names, role: "--ions") == "SO_3-")
        #expect { try IonName.resolve("SO5-", among: names, role: "--ions") } throws: { error in
            let text = "\(error)"
            return text.contains("--ions \"SO5-\" names no ion") && text.contains("nearest names: SO_3-, SO_4-")
        }
        #expect(IonName.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}
