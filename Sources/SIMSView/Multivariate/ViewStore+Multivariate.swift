import Foundation
import SIMSCore

extension ViewStore {
    /// `/api/mva`: a `sims pca` folder's scores (`results/scores.csv`) and loadings (`results/loadings.csv`), or
    /// a `sims mva` folder's component spectra (`results/<set>_components.csv`) with each component's image
    /// (`images/<set>_component<N>.png`).
    func multivariateJSON(_ id: Int) throws(SIMSError) -> JSONText {
        guard catalog.multivariate.indices.contains(id) else { throw .invalidArgument("no multivariate folder \(id)") }
        let folder = catalog.multivariate[id].folder
        var components: [String] = []
        var scores: [(name: String, group: String, values: [Double])] = []
        var loadings: [(name: String, values: [Double])] = []
        var images: [String?] = []
        if FileManager.default.fileExists(atPath: folder + "/results/scores.csv") {
            let s = try SimpleCSV(path: folder + "/results/scores.csv")
            let pcs = s.header.filter { $0.hasPrefix("PC") }
            components = pcs
            for row in s.rows { scores.append((row["spot"] ?? "", row["sample"] ?? "", pcs.map { Double(row[$0] ?? "") ?? .nan })) }
            let l = try SimpleCSV(path: folder + "/results/loadings.csv")
            for row in l.rows { loadings.append((row["peak"] ?? "", pcs.map { Double(row[$0] ?? "") ?? .nan })) }
        } else {
            let results = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/results")) ?? []).sorted()
            guard let file = results.first(where: { $0.hasSuffix("_components.csv") }) else {
                throw SIMSError(.fileNotFound, "no scores.csv or *_components.csv", file: folder + "/results")
            }
            let stem = String(file.dropLast("_components.csv".count))
            let c = try SimpleCSV(path: folder + "/results/" + file)
            components = c.header.filter { $0.hasPrefix("component") }
            for row in c.rows { loadings.append((row["ion"] ?? "", components.map { Double(row[$0] ?? "") ?? .nan })) }
            for k in components.indices {
                let png = folder + "/images/\(stem)_component\(k + 1).png"
                images.append(FileManager.default.fileExists(atPath: png) ? catalog.root.relative(png) : nil)
            }
        }
        var json = JSONText()
        json.raw("{"); json.key("name"); json.string(catalog.multivariate[id].name)
        json.raw(","); json.key("components"); json.strings(components)
        json.raw(","); json.key("scores"); json.raw("[")
        for (k, s) in scores.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("name"); json.string(s.name); json.raw(","); json.key("group"); json.string(s.group)
            json.raw(","); json.key("values"); json.numbers(s.values); json.raw("}")
        }
        json.raw("],"); json.key("loadings"); json.raw("[")
        for (k, l) in loadings.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw("{"); json.key("name"); json.string(l.name); json.typesetFields(l.name)
            json.raw(","); json.key("values"); json.numbers(l.values); json.raw("}")
        }
        json.raw("],"); json.key("images"); json.raw("[")
        for (k, image) in images.enumerated() {
            if k > 0 { json.raw(",") }
            if let image { json.string(image) } else { json.raw("null") }
        }
        json.raw("]}")
        return json
    }
}

/// The CSV files SIMSKit writes (comma-separated, RFC 4180 quoting, header row), read by column title.
struct SimpleCSV {
    var header: [String]
    var rows: [[String: String]]

    init(path: String) throws(SIMSError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw SIMSError(.fileNotFound, "cannot read", file: path) }
        let lines = Self.records(String(decoding: data, as: UTF8.self))
        guard let first = lines.first else { throw SIMSError(.empty, "empty CSV", file: path, expected: "a header row") }
        header = first
        rows = lines.dropFirst().filter { !($0.count == 1 && $0[0].isEmpty) }.map { fields in
            Dictionary(zip(first, fields).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        }
    }

    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { fields.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { fields.append(field); records.append(fields); fields = []; field = "" }
            else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append(fields) }
        return records
    }
}
