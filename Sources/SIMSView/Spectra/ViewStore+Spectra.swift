import Foundation
import SIMSCore
import SIMSAnalysis

extension ViewStore {
    /// The requested spectra (ids: `N` = catalog spectrum N, `iN` = mean spectrum of image set N, imzML) reduced
    /// to ≤ 2 values per pixel column over `lower…upper` (u; default: the whole range).
    func decimatedSpectra(ids: [String], lower: Double?, upper: Double?, columns: Int) async throws(SIMSError) -> DecimatedSpectra {
        var series: [(id: String, name: String, sample: String, pyramid: MinMaxPyramid)] = []
        for id in ids {
            if id.hasPrefix("i"), let n = Int(id.dropFirst()) {
                let set = try await imageSet(n)
                guard let index = set.index else { throw .invalidArgument("image set \(n) has no spectra (only imzML files do)") }
                series.append((id, "mean spectrum of \(set.name)", set.name, index.meanPyramid))
            } else if let n = Int(id) {
                let s = try spectrum(n)
                series.append((id, s.name, s.sample, s.pyramid))
            } else {
                throw .invalidArgument("unknown spectrum id", found: id, expected: "N or iN")
            }
        }
        let fullLower = series.compactMap { $0.pyramid.mass.first }.min() ?? 0
        let fullUpper = series.compactMap { $0.pyramid.mass.last }.max() ?? 1
        let lo = lower ?? fullLower, hi = max(upper ?? fullUpper, lo + 1e-9)
        return DecimatedSpectra(lower: lo, upper: hi, fullLower: fullLower, fullUpper: fullUpper, columns: columns,
                                series: series.map { ($0.id, $0.name, $0.sample, $0.pyramid.decimate(lower: lo, upper: hi, columns: columns)) })
    }

    /// `/api/spectra` as JSON (docs/view.md).
    func spectraJSON(ids: [String], lower: Double?, upper: Double?, columns: Int) async throws(SIMSError) -> JSONText {
        let answer = try await decimatedSpectra(ids: ids, lower: lower, upper: upper, columns: columns)
        var json = JSONText(capacity: answer.series.count * columns * 12)
        answer.writeHeaderFields(&json)
        json.raw(","); json.key("series"); json.raw("[")
        for (k, s) in answer.series.enumerated() {
            let d = s.decimated
            if k > 0 { json.raw(",") }
            answer.writeSeriesFields(k, &json)
            if d.raw {
                json.raw(","); json.key("mass"); json.numbers(d.mass)
                json.raw(","); json.key("max"); json.numbers(d.maximum)
            } else {
                // Per-pixel extremes are drawn, not read digit by digit: column centres to 1/1000 of a column,
                // counts to 6 significant digits.
                let columnWidth = (answer.upper - answer.lower) / Double(max(1, columns))
                let decimals = max(0, 3 - Int(log10(columnWidth).rounded(.down)))
                json.raw(","); json.key("mass"); json.numbers(d.mass, decimals: decimals)
                json.raw(","); json.key("max"); json.numbers(d.maximum, significant: 6)
                json.raw(","); json.key("min"); json.numbers(d.minimum, significant: 6)
            }
            json.raw("}")
        }
        json.raw("]}")
        return json
    }

    /// `/api/spectra?format=binary` (what the page uses): the same answer as a ``BinaryAnswer``. Raw points as
    /// float64 m/z and counts (every digit); per-pixel columns as float32 positions in column units (the column
    /// centre c + ½, exact; m/z = lower + position × (upper − lower) / columns) and float32 minimum and maximum
    /// counts (relative error ≤ 6·10⁻⁸, far below a pixel). A 135-spectrum whole-range answer: ~1.6 MB instead
    /// of 2–3.7 MB of JSON, and no parsing in the browser.
    func spectraBinary(ids: [String], lower: Double?, upper: Double?, columns: Int) async throws(SIMSError) -> BinaryAnswer {
        let answer = try await decimatedSpectra(ids: ids, lower: lower, upper: upper, columns: columns)
        var binary = BinaryAnswer(capacity: answer.series.count * columns * 12)
        answer.writeHeaderFields(&binary.header)
        binary.header.raw(","); binary.header.key("series"); binary.header.raw("[")
        let scale = Double(columns) / (answer.upper - answer.lower)
        for (k, s) in answer.series.enumerated() {
            let d = s.decimated
            if k > 0 { binary.header.raw(",") }
            answer.writeSeriesFields(k, &binary.header)
            binary.header.raw(","); binary.header.key("count"); binary.header.number(Double(d.mass.count))
            if d.raw {
                binary.header.raw(","); binary.header.key("arrays"); binary.header.raw(#"["mass:f64","max:f64"]}"#)
                binary.float64(d.mass); binary.float64(d.maximum)
            } else {
                binary.header.raw(","); binary.header.key("arrays"); binary.header.raw(#"["position:f32","max:f32","min:f32"]}"#)
                binary.float32(d.mass.lazy.map { ($0 - answer.lower) * scale })
                binary.float32(d.maximum); binary.float32(d.minimum)
            }
        }
        binary.header.raw("]}")
        return binary
    }

    /// `/api/assign`: candidates for a peak at `mass` (u) of full width `width` (u).
    nonisolated func assignJSON(mass: Double, width: Double, polarity: Polarity?) async -> JSONText {
        var json = JSONText()
        json.raw("{"); json.key("mass"); json.number(mass); json.raw(","); json.key("candidates"); json.raw("[")
        for (k, c) in await candidates(mass: mass, width: width, polarity: polarity).enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("label"); json.string(c.label)
            json.typesetFields(c.label)
            json.raw(","); json.key("mass"); json.number(c.theoreticalMass)
            json.raw(","); json.key("ppm"); json.number((c.deviationPPM * 10).rounded() / 10)
            json.raw(","); json.key("abundance"); json.number((c.relativeAbundance * 1000).rounded() / 1000)
            json.raw("}")
        }
        json.raw("]}")
        return json
    }

    /// The interval's TIC-normalized area (``PeakIntegrator``) in every spectrum, grouped by sample.
    func intervalGroups(_ index: Int) throws(SIMSError) -> (peak: Peak, groups: [(sample: String, spots: [String], values: [Double])]) {
        let all = try intervals()
        guard all.indices.contains(index) else { throw .invalidArgument("no interval \(index) in the interval lists") }
        let peak = all[index].peak, polarity = all[index].polarity
        let integrator = PeakIntegrator(peaks: [peak])
        var groups: [(sample: String, spots: [String], values: [Double])] = []
        // The spectra of the list's polarity (all spectra when the list's path names none).
        for id in catalog.spectra.indices where polarity == nil || catalog.spectra[id].polarity == polarity {
            let s = try spectrum(id)
            let area = try integrator.integrate(s.spectrum).ticNormalizedArea[0]
            if let g = groups.lastIndex(where: { $0.sample == s.sample }) {
                groups[g].spots.append(s.name); groups[g].values.append(area)
            } else {
                groups.append((s.sample, [s.name], [area]))
            }
        }
        return (peak, groups)
    }

    /// `/api/interval`: box-plot data and summary numbers of one interval over the study.
    func intervalJSON(_ index: Int) throws(SIMSError) -> JSONText {
        let (peak, groups) = try intervalGroups(index)
        var json = JSONText()
        json.raw("{"); json.key("index"); json.number(Double(index))
        json.raw(","); json.key("label"); json.string(peak.label)
        json.typesetFields(peak.label)
        json.raw(","); json.key("lower"); json.number(peak.interval.lower)
        json.raw(","); json.key("upper"); json.number(peak.interval.upper)
        json.raw(","); json.key("quantity"); json.string("area / TIC (trapezoidal, u)")
        json.raw(","); json.key("groups"); json.raw("[")
        for (k, g) in groups.enumerated() {
            let summary = SampleSummary(g.values, resamples: 0)
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("sample"); json.string(g.sample)
            json.raw(","); json.key("spots"); json.strings(g.spots)
            json.raw(","); json.key("values"); json.numbers(g.values)
            for (name, value) in [("mean", summary.mean), ("sd", summary.sd), ("median", summary.median), ("q1", summary.q1), ("q3", summary.q3), ("min", summary.min), ("max", summary.max)] {
                json.raw(","); json.key(name); json.number(value ?? .nan)
            }
            json.raw(","); json.key("n"); json.number(Double(summary.n))
            json.raw("}")
        }
        json.raw("]}")
        return json
    }
}
