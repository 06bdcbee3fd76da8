/// Short bar labels for spots whose bars are coloured by sample: each spot's name without its sample's name
/// (`N_A_pristine_Bi3_1` in sample `A_pristine` → `N_Bi3_1`), so the part that tells the spots of one sample
/// apart survives when a long label must be shortened, and the sample is shown by the bar's colour and legend.
/// Spots whose short labels would collide within their sample keep their full names.
enum SpotLabels {
    /// One label per spot; `samples[i]` is the sample of `spots[i]`.
    static func withinSample(spots: [String], samples: [String]) -> [String] {
        let short = zip(spots, samples).map { removing(sample: $1, from: $0) }
        var seen: [String: Int] = [:]
        for (label, sample) in zip(short, samples) { seen[sample + "\u{0}" + label, default: 0] += 1 }
        return spots.indices.map { seen[samples[$0] + "\u{0}" + short[$0]] == 1 ? short[$0] : spots[$0] }
    }

    /// `spot` without the first occurrence of `sample` and the separators (`_ - . space`) around it, joined
    /// by the separator that followed it; `spot` itself when it does not contain `sample` or nothing is left.
    static func removing(sample: String, from spot: String) -> String {
        guard !sample.isEmpty, let range = spot.range(of: sample) else { return spot }
        let separators: Set<Character> = ["_", "-", ".", " "]
        let head = String(spot[..<range.lowerBound].reversed().drop { separators.contains($0) }.reversed())
        let after = spot[range.upperBound...]
        let tail = String(after.drop { separators.contains($0) })
        let joiner = after.first.map { separators.contains($0) ? String($0) : "" } ?? ""
        let label = head.isEmpty || tail.isEmpty ? head + tail : head + joiner + tail
        return label.isEmpty ? spot : label
    }
}
