import Testing
@testable import SIMSReport

/// Labels shortened to fit a legend or an axis keep the markup of the characters they keep, so a depth
/// profile's long column of several ions is still typeset after the cut.
@Suite("Shortened labels")
struct ShortenedLabelTests {
    /// `^206Pb_2I_5-, ^207Pb_2I_5-, Pb_2I_5-` as ``IonList/markup`` writes it.
    static let ions = "<sup>206</sup>Pb<sub>2</sub>I<sub>5</sub><sup>−</sup>, <sup>207</sup>Pb<sub>2</sub>I<sub>5</sub><sup>−</sup>, "
        + "Pb<sub>2</sub>I<sub>5</sub><sup>−</sup>"

    @Test("keeping head and tail keeps each character's shift")
    func keepingRuns() {
        let cut = TextMarkup.keeping(head: 6, tail: 4, of: Self.ions)
        #expect(cut == "<sup>206</sup>Pb<sub>2</sub>…<sub>2</sub>I<sub>5</sub><sup>−</sup>") // 2 0 6 P b 2 … 2 I 5 −
        let plain = TextMarkup.plain(Self.ions)
        #expect(TextMarkup.plain(cut) == String(plain.prefix(6)) + "…" + String(plain.suffix(4)))
        #expect(TextMarkup.keeping(head: 30, tail: 30, of: Self.ions) == Self.ions) // nothing to cut
        #expect(TextMarkup.markup(TextMarkup.runs(Self.ions)) == Self.ions)
    }

    @Test("a legend label too wide is shortened in the middle and stays typeset")
    func shortenedStaysTypeset() {
        let font = TextStyle(size: 12)
        let width = 120.0
        #expect(font.width(of: Self.ions) > width)
        let label = PlotFrame.shortened(Self.ions, toWidth: width, font: font)
        #expect(font.width(of: label) <= width)
        #expect(label.hasPrefix("<sup>206</sup>Pb"))
        #expect(label.hasSuffix("<sub>5</sub><sup>−</sup>"))
        #expect(TextMarkup.plain(label).contains("…"))
        // The plain characters are the original's first and last ones.
        let plain = TextMarkup.plain(Self.ions), cut = TextMarkup.plain(label)
        let parts = cut.split(separator: "…", maxSplits: 1).map(String.init)
        #expect(parts.count == 2 && plain.hasPrefix(parts[0]) && plain.hasSuffix(parts[1]))
    }
}
