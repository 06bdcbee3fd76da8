import SIMSCore

/// A region of interest drawn on an image: a polygon in pixel coordinates (x right, y down, the pixel (i, j)
/// spans [i, i+1) × [j, j+1)); a pixel is inside when its centre is (even–odd rule).
struct PixelPolygon: Sendable, Equatable {
    var vertices: [(x: Double, y: Double)]

    static func == (a: PixelPolygon, b: PixelPolygon) -> Bool { a.vertices.elementsEqual(b.vertices) { $0 == $1 } }

    /// Parses `x0,y0,x1,y1,…` (at least 3 vertices).
    init(flat: [Double]) throws(SIMSError) {
        guard flat.count >= 6, flat.count % 2 == 0 else {
            throw .invalidArgument("a region needs at least 3 vertices", found: "\(flat.count) numbers", expected: "polygon=x0,y0,x1,y1,x2,y2,…")
        }
        vertices = stride(from: 0, to: flat.count, by: 2).map { (x: flat[$0], y: flat[$0 + 1]) }
    }

    /// Inside/outside per pixel of a `width × height` raster (row-major).
    func mask(width: Int, height: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: width * height)
        let n = vertices.count
        let ys = vertices.map(\.y)
        let yMin = max(0, Int((ys.min() ?? 0).rounded(.down))), yMax = min(height - 1, Int((ys.max() ?? -1).rounded(.up)))
        guard yMin <= yMax else { return mask }
        for row in yMin...yMax {
            let cy = Double(row) + 0.5
            // Crossings of the scan line through the pixel centres.
            var crossings: [Double] = []
            for i in 0..<n {
                let a = vertices[i], b = vertices[(i + 1) % n]
                if (a.y <= cy) != (b.y <= cy) { crossings.append(a.x + (cy - a.y) / (b.y - a.y) * (b.x - a.x)) }
            }
            crossings.sort()
            var k = 0
            while k + 1 < crossings.count {
                // Pixel centres cx = col + 0.5 with left < cx < right.
                let first = max(0, Int((crossings[k] - 0.5).rounded(.down)) + 1)
                let last = min(width - 1, Int((crossings[k + 1] - 0.5).rounded(.up)) - 1)
                if first <= last { for col in first...last { mask[row * width + col] = true } }
                k += 2
            }
        }
        return mask
    }
}

extension ViewStore {
    /// Numerator and optional denominator of an image request (see docs/view.md, `/api/image`).
    func imageLayers(set id: Int, ion: String?, lower: Double?, upper: Double?, ratio: String?) async throws(SIMSError)
        -> (set: ViewImageSet, name: String, counts: ContiguousArray<Double>, reference: (name: String, counts: ContiguousArray<Double>)?) {
        let set = try await imageSet(id)
        let numerator = try set.counts(ion: ion, lower: lower, upper: upper)
        var reference: (name: String, counts: ContiguousArray<Double>)?
        if let ratio, !ratio.isEmpty, ratio != "none" { reference = try set.counts(ion: ratio, lower: nil, upper: nil) }
        return (set, numerator.name, numerator.counts, reference)
    }

    /// `/api/image`: the pixel values (counts, or the per-pixel ratio with 0/0 pixels as null).
    func imageJSON(set id: Int, ion: String?, lower: Double?, upper: Double?, ratio: String?) async throws(SIMSError) -> JSONText {
        let layers = try await imageLayers(set: id, ion: ion, lower: lower, upper: upper, ratio: ratio)
        let values = Self.pixelValues(layers.counts, over: layers.reference?.counts)
        var json = JSONText(capacity: values.count * 6 + 256)
        json.raw("{"); json.key("set"); json.number(Double(id))
        json.raw(","); json.key("name"); json.string(layers.name)
        json.raw(","); json.key("nameText"); json.string(Typeset.text(layers.name))
        json.raw(","); json.key("reference"); if let r = layers.reference { json.string(r.name) } else { json.raw("null") }
        json.raw(","); json.key("referenceText"); if let r = layers.reference { json.string(Typeset.text(r.name)) } else { json.raw("null") }
        json.raw(","); json.key("width"); json.number(Double(layers.set.width))
        json.raw(","); json.key("height"); json.number(Double(layers.set.height))
        json.raw(","); json.key("pixelSize"); json.number(layers.set.pixelSizeMicrometers ?? .nan)
        json.raw(","); json.key("values"); json.numbers(values)
        json.raw("}")
        return json
    }

    /// Counts, or counts / reference per pixel (NaN where the reference is 0).
    static func pixelValues(_ counts: ContiguousArray<Double>, over reference: ContiguousArray<Double>?) -> ContiguousArray<Double> {
        guard let reference else { return counts }
        var out = ContiguousArray<Double>(repeating: .nan, count: counts.count)
        for i in 0..<counts.count where reference[i] > 0 { out[i] = counts[i] / reference[i] }
        return out
    }

    /// `/api/roi`: counts of the shown layer, its reference and every ion inside a polygon; for imzML also the
    /// region's summed spectrum (decimated to `columns`).
    func roiJSON(set id: Int, ion: String?, lower: Double?, upper: Double?, ratio: String?, polygon: PixelPolygon, columns: Int) async throws(SIMSError) -> JSONText {
        let layers = try await imageLayers(set: id, ion: ion, lower: lower, upper: upper, ratio: ratio)
        let set = layers.set
        let mask = polygon.mask(width: set.width, height: set.height)
        func sum(_ values: ContiguousArray<Double>) -> Double {
            var s = 0.0
            for i in 0..<mask.count where mask[i] { s += values[i] }
            return s
        }
        let pixels = mask.reduce(0) { $0 + ($1 ? 1 : 0) }
        let counts = sum(layers.counts)
        var json = JSONText()
        json.raw("{"); json.key("pixels"); json.number(Double(pixels))
        json.raw(","); json.key("name"); json.string(layers.name)
        json.raw(","); json.key("nameMarkup"); json.string(Typeset.html(layers.name))
        json.raw(","); json.key("counts"); json.number(counts)
        json.raw(","); json.key("total"); json.number(sum(set.total))
        if let reference = layers.reference {
            let r = sum(reference.counts)
            json.raw(","); json.key("reference"); json.string(reference.name)
            json.raw(","); json.key("referenceMarkup"); json.string(Typeset.html(reference.name))
            json.raw(","); json.key("referenceCounts"); json.number(r)
            json.raw(","); json.key("ratio"); json.number(r > 0 ? counts / r : .nan)
        }
        json.raw(","); json.key("ions"); json.raw("[")
        for (k, image) in set.images.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("ion"); json.string(image.ion); json.typesetFields(image.ion)
            json.raw(","); json.key("mass"); json.number(image.massInterval?.center ?? .nan)
            json.raw(","); json.key("counts"); json.number(sum(image.counts)); json.raw("}")
        }
        json.raw("]")
        if let index = set.index {
            let spectrum = index.spectrum(mask: mask)
            let d = MinMaxPyramid(mass: spectrum.mass, intensity: spectrum.intensity).decimate(lower: index.lowestMass, upper: index.highestMass, columns: columns)
            json.raw(","); json.key("spectrum"); json.raw("{"); json.key("raw"); json.raw(d.raw ? "true" : "false")
            json.raw(","); json.key("mass"); json.numbers(d.mass)
            json.raw(","); json.key("max"); json.numbers(d.maximum)
            json.raw(","); json.key("min"); json.numbers(d.minimum); json.raw("}")
        }
        json.raw("}")
        return json
    }

    /// `/api/imageset`: names, size and whether m/z windows can be imaged; while the set is still being read
    /// (a large imzML's index), `loading: true` and the progress instead, at once.
    func imageSetJSON(_ id: Int) async throws(SIMSError) -> JSONText {
        let load = try imageSetLoad(id)
        var json = JSONText()
        let progress = load.progress.snapshot
        if !progress.finished {
            json.raw("{"); json.key("id"); json.number(Double(id))
            json.raw(","); json.key("name"); json.string(catalog.imageSources[id].measurement)
            json.raw(","); json.key("loading"); json.raw("true")
            json.raw(","); json.key("phase"); json.string(progress.phase)
            json.raw(","); json.key("done"); json.number(Double(progress.done))
            json.raw(","); json.key("total"); json.number(Double(progress.total))
            json.raw(","); json.key("seconds"); json.number((progress.seconds * 10).rounded() / 10)
            json.raw("}")
            return json
        }
        let set = try await load.task.value.get()
        json.raw("{"); json.key("id"); json.number(Double(id))
        json.raw(","); json.key("name"); json.string(set.name)
        json.raw(","); json.key("width"); json.number(Double(set.width))
        json.raw(","); json.key("height"); json.number(Double(set.height))
        json.raw(","); json.key("ions"); json.strings(["total"] + set.images.map(\.ion))
        json.raw(","); json.key("ionLabels"); json.raw("[")
        for (k, ion) in (["total"] + set.images.map(\.ion)).enumerated() {
            json.raw(k > 0 ? ",{" : "{"); json.key("name"); json.string(ion); json.typesetFields(ion); json.raw("}")
        }
        json.raw("]")
        json.raw(","); json.key("retrospective"); json.raw(set.index == nil ? "false" : "true")
        if let index = set.index {
            json.raw(","); json.key("lowestMass"); json.number(index.lowestMass)
            json.raw(","); json.key("highestMass"); json.number(index.highestMass)
            json.raw(","); json.key("points"); json.number(Double(index.pixel.count))
            json.raw(","); json.key("indexSeconds"); json.number((index.buildSeconds * 1000).rounded() / 1000)
        }
        json.raw("}")
        return json
    }
}
