import SIMSCore

extension ViewStore {
    /// `/api/catalog`: everything the client can show, by id.
    func catalogJSON() throws(SIMSError) -> JSONText {
        var json = JSONText()
        json.raw("{"); json.key("root"); json.string(catalog.root.folder)
        json.raw(","); json.key("spectra"); json.raw("[")
        for (k, s) in catalog.spectra.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("id"); json.number(Double(k))
            json.raw(","); json.key("sample"); json.string(s.sample)
            json.raw(","); json.key("spot"); json.string(s.spot)
            json.raw(","); json.key("file"); json.string(catalog.root.relative(s.path))
            json.raw(","); json.key("polarity"); if let p = s.polarity { json.string(p.rawValue) } else { json.raw("null") }
            json.raw("}")
        }
        json.raw("],"); json.key("intervals"); json.raw("[")
        for (k, interval) in try intervals().enumerated() {
            let peak = interval.peak
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("index"); json.number(Double(k))
            json.raw(","); json.key("label"); json.string(peak.label)
            json.typesetFields(peak.label)
            json.raw(","); json.key("lower"); json.number(peak.interval.lower)
            json.raw(","); json.key("upper"); json.number(peak.interval.upper)
            json.raw(","); json.key("polarity"); if let p = interval.polarity { json.string(p.rawValue) } else { json.raw("null") }
            json.raw("}")
        }
        json.raw("],"); json.key("intervalLists"); json.strings(catalog.intervalListPaths.map(catalog.root.relative))
        json.raw(","); json.key("images"); json.raw("[")
        for (k, source) in catalog.imageSources.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("id"); json.number(Double(k))
            json.raw(","); json.key("name"); json.string(source.measurement)
            let kind: String
            switch source {
            case .iontofASCII: kind = "ascii"
            case .bif6: kind = "bif6"
            case .imzML: kind = "imzml"
            }
            json.raw(","); json.key("kind"); json.string(kind)
            json.raw(","); json.key("file"); json.string(catalog.root.relative(source.files.first ?? "")); json.raw("}")
        }
        json.raw("],"); json.key("depth"); json.raw("[")
        for (k, d) in catalog.depthProfiles.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("id"); json.number(Double(k)); json.raw(","); json.key("name"); json.string(d.name); json.raw("}")
        }
        json.raw("],"); json.key("multivariate"); json.raw("[")
        for (k, m) in catalog.multivariate.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("id"); json.number(Double(k)); json.raw(","); json.key("name"); json.string(m.name); json.raw("}")
        }
        json.raw("],"); json.key("skipped"); json.strings(catalog.skipped)
        json.raw("}")
        return json
    }
}
