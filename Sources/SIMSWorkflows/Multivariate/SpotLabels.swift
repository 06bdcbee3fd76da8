/// Short bar labels for spots whose bars are coloured by sample.
///
/// Two steps, each keeping every label non-empty and the labels of one sample distinct:
/// 1. each spot's name without its sample's name (`N_A_pristine_Bi3_1` in sample `A_pristine` → `N_Bi3_1`), so
///    the part that tells the spots of one sample apart survives, and the sample is shown by the bar's colour and
///    legend; spots whose short labels would collide within their sample keep their full names;
/// 2. without the leading and trailing words that *every* label shares (`N_Bi3_1`, `N_Bi3_2` → `1`, `2`), cut
///    only at word boundaries (`_`, `-`, space), and always leaving at least one word. Removing the same text from
///    the ends of all labels cannot make two distinct labels equal. ``omitted`` says what was left out, for the
///    axis title.
struct SpotLabels {
    /// One label per spot, in the spots' order.
    var labels: [String]
    /// The words left out of every label, written `N_Bi3_…`, `…_raw` or `N_…_raw`; `nil` when none were.
    var omitted: String?
    /// Whether any label lost its sample's name.
    var removedSampleNames: Bool

    /// Labels for `spots`; `samples[i]` is the sample of `spots[i]`.
    init(spots: [String], samples: [String]) {
        let within = Self.withinSample(spots: spots, samples: samples)
        let (prefix, suffix) = Self.commonAffixes(within)
        labels = within.map { String($0.dropFirst(prefix.count).dropLast(suffix.count)) }
        omitted = prefix.isEmpty && suffix.isEmpty ? nil
            : (prefix.isEmpty ? "" : prefix) + "…" + (suffix.isEmpty ? "" : suffix)
        removedSampleNames = within != spots
    }

    /// The category-axis title: what the labels are and what was left out of them.
    var axisTitle: String {
        var left: [String] = []
        if removedSampleNames { left.append("the sample name") }
        if let omitted { left.append("the shared “\(omitted)”") }
        return left.isEmpty ? "Spot (colour: sample)" : "Spot (colour: sample; labels omit " + left.joined(separator: " and ") + ")"
    }

    /// One label per spot without its sample's name; `samples[i]` is the sample of `spots[i]`.
    static func withinSample(spots: [String], samples: [String]) -> [String] {
        var labels = zip(spots, samples).map { removing(sample: $1, from: $0) }
        // A full name put back can equal another spot's short label (`A_y` for `A_y` and for `A_A_y`), so repeat
        // until no label of a sample is shared; each round only puts full names back, so it ends.
        while true {
            var seen: [String: Int] = [:]
            for (label, sample) in zip(labels, samples) { seen[sample + "\u{0}" + label, default: 0] += 1 }
            let shared = labels.indices.filter { seen[samples[$0] + "\u{0}" + labels[$0]]! > 1 && labels[$0] != spots[$0] }
            if shared.isEmpty { return labels }
            for i in shared { labels[i] = spots[i] }
        }
    }

    /// `spot` without the first whole-word occurrence of `sample` (at the start or after a separator, at the end
    /// or before one; so sample `s` is not taken out of `pos`) and the separators (`_ - . space`) around it,
    /// joined by the separator that followed it; `spot` itself when it holds no such occurrence or nothing is left.
    static func removing(sample: String, from spot: String) -> String {
        let separators: Set<Character> = ["_", "-", ".", " "]
        guard !sample.isEmpty else { return spot }
        var from = spot.startIndex
        var found: Range<String.Index>?
        while found == nil, let range = spot.range(of: sample, range: from..<spot.endIndex) {
            let before = range.lowerBound == spot.startIndex || separators.contains(spot[spot.index(before: range.lowerBound)])
            let after = range.upperBound == spot.endIndex || separators.contains(spot[range.upperBound])
            if before && after { found = range } else { from = spot.index(after: range.lowerBound) }
        }
        guard let range = found else { return spot }
        let head = String(spot[..<range.lowerBound].reversed().drop { separators.contains($0) }.reversed())
        let after = spot[range.upperBound...]
        let tail = String(after.drop { separators.contains($0) })
        let joiner = after.first.map { separators.contains($0) ? String($0) : "" } ?? ""
        let label = head.isEmpty || tail.isEmpty ? head + tail : head + joiner + tail
        return label.isEmpty ? spot : label
    }

    /// Word separators for ``commonAffixes(_:)``; `.` is not one, so `1.5` and `1.6` stay whole.
    static let wordSeparators: Set<Character> = ["_", "-", " "]

    /// The longest prefix and suffix, each a run of whole words with their separators (`N_Bi3_`, `_raw`), that
    /// all of `labels` (at least two) share, such that every label keeps at least one word between them.
    /// The prefix is taken first (it is where instruments put polarity, primary ion and the like).
    static func commonAffixes(_ labels: [String]) -> (prefix: String, suffix: String) {
        guard labels.count >= 2 else { return ("", "") }
        let words = labels.map { Array($0) }
        let isSeparator = { (c: Character) in wordSeparators.contains(c) }
        // Prefix cuts: positions just after a separator run that follows a word (the next word starts there).
        let prefixCuts = words.map { w in
            w.indices.filter { i in i > 0 && !isSeparator(w[i]) && isSeparator(w[i - 1]) && w[..<i].contains { !isSeparator($0) } }
        }
        var k = 0
        while prefixCuts.allSatisfy({ $0.count > k }),
              Set(zip(words, prefixCuts).map { String($0[..<$1[k]]) }).count == 1 { k += 1 }
        let start = k == 0 ? 0 : prefixCuts[0][k - 1]
        // Suffix cuts, last first: positions where a separator run starts after a word, with a word after it,
        // and past the prefix, so at least one word stays.
        let suffixCuts = words.map { w in
            w.indices.filter { i in i > start && isSeparator(w[i]) && !isSeparator(w[i - 1]) && w[i...].contains { !isSeparator($0) } }
                .reversed().map { $0 }
        }
        var m = 0
        while suffixCuts.allSatisfy({ $0.count > m }),
              Set(zip(words, suffixCuts).map { String($0[$1[m]...]) }).count == 1 { m += 1 }
        let prefix = String(words[0][..<start])
        let suffix = m == 0 ? "" : String(words[0][suffixCuts[0][m - 1]...])
        return (prefix, suffix)
    }
}
