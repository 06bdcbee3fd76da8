import Testing
import SIMSMultivariate
@testable import SIMSWorkflows

@Suite("PCA score-bar spot labels")
struct SpotLabelsTests {
    @Test("the sample part goes, the distinguishing part stays; colliding labels keep the full spot names")
    func withinSample() {
        let spots = ["N_A_pristine_Bi3_1", "N_A_pristine_Bi3_2", "N_B_cycled_Bi3_1", "spot 7", "X", "X"]
        let samples = ["A_pristine", "A_pristine", "B_cycled", "C", "X", "X"]
        #expect(SpotLabels.withinSample(spots: spots, samples: samples) == ["N_Bi3_1", "N_Bi3_2", "N_Bi3_1", "spot 7", "X", "X"])
        #expect(SpotLabels.removing(sample: "A", from: "A-3") == "3")
        #expect(SpotLabels.removing(sample: "A", from: "pos_A") == "pos")
        #expect(SpotLabels.withinSample(spots: ["S_1", "1_S"], samples: ["S", "S"]) == ["S_1", "1_S"])
        // Only whole words: sample `s` is not taken out of `pos`, and the first whole-word occurrence is.
        #expect(SpotLabels.removing(sample: "s", from: "pos-Bi3 1") == "pos-Bi3 1")
        #expect(SpotLabels.removing(sample: "A", from: "BA_A_1") == "BA_1")
        // A full name put back must not equal another spot's short label (`A_A_y` → `A_y`).
        #expect(SpotLabels.withinSample(spots: ["A_y", "y_A", "A_A_y"], samples: ["A", "A", "A"]) == ["A_y", "y_A", "A_A_y"])
    }

    @Test("words shared by every label (N_ … Bi3_) are dropped and named in the axis title")
    func commonWordsDropped() {
        let labels = SpotLabels(spots: ["N_A_pristine_Bi3_1", "N_A_pristine_Bi3_2", "N_B_cycled_Bi3_1", "N_B_cycled_Bi3_2"],
                                samples: ["A_pristine", "A_pristine", "B_cycled", "B_cycled"])
        #expect(labels.labels == ["1", "2", "1", "2"])
        #expect(labels.omitted == "N_Bi3_…")
        #expect(labels.axisTitle == "Spot (colour: sample; labels omit the sample name and the shared “N_Bi3_…”)")
        // The real HEA names (`--group-by '^N_(?<sample>.+?)_Bi'`): mixed primary ions keep Bi1/Bi3, N_ goes.
        let hea = SpotLabels(spots: ["N_Ru-Ir_Bi1_1", "N_Ru-Ir_Bi1_2", "N_HEA19_Bi3_1", "N_HEA19_Bi5_1"],
                             samples: ["Ru-Ir", "Ru-Ir", "HEA19", "HEA19"])
        #expect(hea.labels == ["Bi1_1", "Bi1_2", "Bi3_1", "Bi5_1"])
        #expect(hea.omitted == "N_…")
    }

    @Test("common suffixes, prefix and suffix together, hyphen and space boundaries")
    func affixes() {
        #expect(SpotLabels.commonAffixes(["a_x_raw", "b_y_raw"]) == ("", "_raw"))
        #expect(SpotLabels(spots: ["N_a_raw", "N_b_raw"], samples: ["s", "t"]).labels == ["a", "b"])
        #expect(SpotLabels(spots: ["N_a_raw", "N_b_raw"], samples: ["s", "t"]).omitted == "N_…_raw")
        #expect(SpotLabels(spots: ["pos-Bi3 1", "pos-Bi3 2"], samples: ["s", "t"]).labels == ["1", "2"])
        let kept = SpotLabels(spots: ["m1", "m2"], samples: ["s", "t"])
        #expect(kept.labels == ["m1", "m2"] && kept.omitted == nil && kept.axisTitle == "Spot (colour: sample)")
    }

    @Test("cuts only at word boundaries: never inside a word, never at a dot, never to an empty label")
    func boundaries() {
        #expect(SpotLabels.commonAffixes(["abc_1", "abd_2"]) == ("", ""))       // shared characters, not words
        #expect(SpotLabels.commonAffixes(["x_1.5", "x_1.6"]) == ("x_", ""))     // `.` is not a separator
        #expect(SpotLabels.commonAffixes(["N_Bi3", "N_Bi3_2"]) == ("N_", ""))   // Bi3 alone would become empty
        #expect(SpotLabels.commonAffixes(["same_1", "same_1"]) == ("same_", ""))
        #expect(SpotLabels.commonAffixes(["only_one"]) == ("", ""))
        #expect(SpotLabels.commonAffixes(["_a_", "_b_"]) == ("", ""))           // separators at the ends are no words
        // Identical short labels in different samples stay apart by colour; one word is always kept.
        #expect(SpotLabels(spots: ["S1_N_1", "S2_N_1"], samples: ["S1", "S2"]).labels == ["1", "1"])
    }

    @Test("random names: every label non-empty, labels of one sample distinct exactly when the spot names are")
    func property() {
        var g = SeededGenerator(seed: 19)
        let words = ["N", "P", "Bi3", "Bi1", "1", "2", "A", "pristine", "x"], separators = ["_", "-", " "]
        for trial in 0..<2_000 {
            let count = Int.random(in: 1...6, using: &g)
            var spots: [String] = [], samples: [String] = []
            for _ in 0..<count {
                let n = Int.random(in: 1...4, using: &g)
                var name = words.randomElement(using: &g)!
                for _ in 1..<n { name += separators.randomElement(using: &g)! + words.randomElement(using: &g)! }
                spots.append(name)
                samples.append(["A", "B", "pristine"].randomElement(using: &g)!)
            }
            let labels = SpotLabels(spots: spots, samples: samples).labels
            #expect(labels.allSatisfy { !$0.isEmpty }, "trial \(trial): \(spots) → \(labels)")
            for i in spots.indices { for j in spots.indices where i < j && samples[i] == samples[j] {
                #expect((labels[i] == labels[j]) == (spots[i] == spots[j]), "trial \(trial): \(spots) → \(labels)")
            } }
        }
    }
}
