import Foundation
import Hummingbird
import SIMSChemistry
import SIMSCore
import SIMSFormats
import SIMSReport

/// A figure and the table behind it, for `/api/export`.
struct ExportedView {
    var figure: any Figure
    var table: CSVTable
    var name: String
}

extension ViewStore {
    /// `/api/export?view=spectra|image|depth|interval&format=svg|png|pdf|csv&…`: the current figure drawn by
    /// SIMSReport's figure code (cairo + Pango, the same as the reports' figures), or the numbers behind it as CSV.
    func export(_ q: Query) async throws -> Response {
        let format = q.string("format") ?? "svg"
        let view = try await exportedView(q)
        if format == "csv" {
            return ViewResponse.text(view.table.text, type: "text/csv; charset=utf-8").attachment(view.name + ".csv")
        }
        guard let figureFormat = FigureFormat(rawValue: format) else {
            throw SIMSError.invalidArgument("unknown export format", found: format, expected: "svg, png, pdf or csv")
        }
        let types: [FigureFormat: String] = [.svg: "image/svg+xml", .png: "image/png", .pdf: "application/pdf"]
        return ViewResponse.bytes([UInt8](view.figure.data(as: figureFormat)), type: types[figureFormat] ?? "application/octet-stream",
                                  filename: view.name + "." + figureFormat.fileExtension)
    }

    func exportedView(_ q: Query) async throws -> ExportedView {
        switch q.string("view") ?? "" {
        case "spectra": return try await exportSpectra(q)
        case "image": return try await exportImage(q)
        case "depth": return try exportDepth(q)
        case "interval": return try exportInterval(q)
        case let other: throw SIMSError.invalidArgument("unknown view", found: other, expected: "spectra, image, depth or interval")
        }
    }

    func exportSpectra(_ q: Query) async throws -> ExportedView {
        let ids = (q.string("ids") ?? "").split(separator: ",").map(String.init)
        var series: [LinePlot.Series] = []
        var table = CSVTable(header: ["spectrum", "sample", "mz_u", "counts_min", "counts_max"])
        var lo = try q.double("lower"), hi = try q.double("upper")
        for id in ids {
            let (name, sample, pyramid) = try await namedPyramid(id)
            lo = lo ?? pyramid.mass.first ?? 0
            hi = hi ?? pyramid.mass.last ?? 1
            let d = pyramid.decimate(lower: lo!, upper: hi!, columns: 1200)
            for i in d.mass.indices { table.append([.text(name), .text(sample), .number(d.mass[i]), .number(d.minimum[i]), .number(d.maximum[i])]) }
            series.append(LinePlot.Series(name: name, x: d.mass, y: d.maximum))
        }
        let log = q.string("log") == "1"
        let plot = LinePlot(series: series, xAxis: AxisOptions(title: "m/z (u)", range: (lo ?? 0)...(hi ?? 1)),
                            yAxis: AxisOptions(title: "intensity (counts)", scale: log ? .log : .linear), title: "spectra")
        return ExportedView(figure: plot, table: table, name: "spectra")
    }

    /// Name, sample and pyramid of spectrum id `N` or of the mean spectrum `iN` of image set N.
    func namedPyramid(_ id: String) async throws -> (String, String, MinMaxPyramid) {
        if id.hasPrefix("i"), let n = Int(id.dropFirst()) {
            let set = try await imageSet(n)
            guard let index = set.index else { throw SIMSError.invalidArgument("image set \(n) has no spectra (only imzML files do)") }
            return ("mean spectrum", set.name, index.meanPyramid)
        }
        guard let n = Int(id) else { throw SIMSError.invalidArgument("unknown spectrum id", found: id, expected: "N or iN") }
        let s = try spectrum(n)
        return (s.name, s.sample, s.pyramid)
    }

    func exportImage(_ q: Query) async throws -> ExportedView {
        let layers = try await imageLayers(set: try q.requiredInt("set"), ion: q.string("ion"), lower: try q.double("lower"), upper: try q.double("upper"), ratio: q.string("ratio"))
        let shown = Self.pixelValues(layers.counts, over: layers.reference?.counts)
        var values = shown
        // Figure text is markup (ion names typeset like the reports'); the CSV keeps the data's names.
        let title = layers.reference.map { AssignmentLabel.markup(layers.name) + " / " + AssignmentLabel.markup($0.name) } ?? AssignmentLabel.markup(layers.name)
        var valueTitle = layers.reference == nil ? "counts" : "ratio"
        var upperQuantile = 1.0
        switch q.string("contrast") ?? "linear" {
        case "log":
            values = ContiguousArray(values.map { $0 > 0 ? Foundation.log10($0) : .nan }); valueTitle = "log₁₀ " + valueTitle
        case "percentile": upperQuantile = 0.99
        default: break
        }
        let set = layers.set
        var table = CSVTable(header: ["x", "y", layers.reference == nil ? "counts" : "ratio"])
        for y in 0..<set.height { for x in 0..<set.width { table.append([.integer(x), .integer(y), .number(shown[y * set.width + x])]) } }
        let map = ColorMap.named(q.string("cmap") ?? "viridis") ?? .viridis
        let plot = HeatMap(width: set.width, height: set.height, values: Array(values), title: title, valueTitle: valueTitle, colorMap: map,
                           upperQuantile: upperQuantile, pixelSizeMicrometers: set.pixelSizeMicrometers)
        return ExportedView(figure: plot, table: table, name: "image")
    }

    func exportDepth(_ q: Query) throws -> ExportedView {
        let id = try q.requiredInt("id")
        let profile = try depthProfile(id)
        let wanted = Set((q.string("ions") ?? "").split(separator: ",").map(String.init))
        let rate = try q.double("rate")
        let x = rate.map { r in profile.sputterTime.map { $0 * r } } ?? Array(profile.sputterTime)
        let columns = profile.columns.filter { ($0.kind == .intensity || $0.kind == .total) && (wanted.isEmpty || wanted.contains($0.name)) }
        var table = CSVTable(header: [rate == nil ? "time_s" : "depth_nm"] + columns.map(\.name))
        for i in x.indices { table.append([.number(x[i])] + columns.map { .number($0.values[i]) }) }
        let plot = LinePlot(series: columns.map { LinePlot.Series(name: AssignmentLabel.markup($0.name), x: x, y: Array($0.values)) },
                            xAxis: AxisOptions(title: rate == nil ? "sputter time (s)" : "depth (nm)"),
                            yAxis: AxisOptions(title: "intensity (counts)", scale: .log), title: catalog.depthProfiles[id].name)
        return ExportedView(figure: plot, table: table, name: "depth")
    }

    func exportInterval(_ q: Query) throws -> ExportedView {
        let (peak, groups) = try intervalGroups(try q.requiredInt("index"))
        var table = CSVTable(header: ["sample", "spot", "area_over_tic"])
        for g in groups { for (spot, v) in zip(g.spots, g.values) { table.append([.text(g.sample), .text(spot), .number(v)]) } }
        let plot = BoxPlot(groups: groups.map { (name: $0.sample, values: $0.values) }, yTitle: "area / TIC", title: AssignmentLabel.markup(peak.label))
        return ExportedView(figure: plot, table: table, name: "interval")
    }
}

extension Response {
    /// Marks the response as a download named `filename`.
    func attachment(_ filename: String) -> Response {
        var copy = self
        copy.headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return copy
    }
}
