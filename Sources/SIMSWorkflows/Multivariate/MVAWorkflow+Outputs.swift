import SIMSFormats
import SIMSMultivariate
import SIMSReport

/// The files of one `sims mva` measurement: component spectra and summary (CSV), component images as float32
/// TIFF (raw values), and — with plots on — one framed figure per component image (title, scale bar, colour bar)
/// and one bar plot per component spectrum (SVG + PNG).
extension MVAWorkflow {
    /// File stem of a measurement's outputs, e.g. `bands_mcr`.
    static func stem(_ a: Analysis, _ method: Method) -> String { OutputFolder.safeName(a.measurement) + "_" + method.rawValue }

    /// What a method's component images and spectra hold (colour-bar and axis titles).
    static func quantities(_ method: Method) -> (image: String, spectrum: String) {
        switch method {
        case .pca: ("score", "loading (back-transformed)")
        case .maf: ("MAF factor score", "MAF eigenvector weight")
        case .mcr: ("concentration C (a.u.)", "spectrum S (a.u.)")
        case .nmf: ("abundance W (a.u.)", "spectrum H (a.u.)")
        }
    }

    static func write(_ a: Analysis, set: ImageSet, options: Options, folder: OutputFolder, record: inout RunRecord) throws(SIMSError) {
        let method = options.method
        let stem = stem(a, method)
        let k = a.componentSpectra.columns
        var spectra = CSVTable(header: ["ion"] + (1...k).map { "component\($0)" })
        for (j, ion) in a.ions.enumerated() { spectra.append([.text(ion)] + (0..<k).map { .number(a.componentSpectra[j, $0]) }) }
        try spectra.write(to: folder.results(stem + "_components.csv"))
        record.outputs.append("results/" + stem + "_components.csv")
        var summary = CSVTable(header: ["component", method == .maf ? "autocorrelation" : "explained_variance_ratio", "fit_quality"])
        for c in 0..<k {
            summary.append([.integer(c + 1), .optional(c < a.componentStatistic.count ? a.componentStatistic[c] : nil), .optional(a.fitQuality)])
        }
        try summary.write(to: folder.results(stem + "_summary.csv"))
        record.outputs.append("results/" + stem + "_summary.csv")

        let (imageQuantity, spectrumQuantity) = quantities(method)
        let pixelSize = set.images.first?.pixelSizeMicrometers
        for c in 0..<k {
            let values = ContiguousArray((0..<a.componentImages.rows).map { a.componentImages[$0, c] })
            let base = "images/\(stem)_component\(c + 1)"
            try TIFF.write(values, width: set.width, height: set.height, type: .float32, to: folder.file(base + ".tif"),
                           pixelSizeMicrometers: pixelSize,
                           description: "\(a.measurement): \(method.rawValue.uppercased()) component \(c + 1), \(imageQuantity)")
            record.outputs.append(base + ".tif")
            guard options.plots else { continue }
            let map = HeatMap(width: set.width, height: set.height, values: Array(values),
                              title: "\(a.measurement) – \(method.rawValue.uppercased()) \(componentLabel(a, method: method, c))",
                              valueTitle: imageQuantity, pixelSizeMicrometers: pixelSize)
            try folder.write(map, as: base, record: &record, pngScale: options.pngScale)
            let bars = BarPlot(bars: a.ions.indices.map { (AssignmentLabel.markup(a.ions[$0]), a.componentSpectra[$0, c]) }, yTitle: spectrumQuantity,
                               xTitle: "Ion", title: "\(a.measurement) – \(method.rawValue.uppercased()) component \(c + 1) spectrum")
            try folder.write(bars, as: "plots/\(stem)_component\(c + 1)_spectrum", record: &record, pngScale: options.pngScale)
        }
    }

    /// "component 2 (31.4 %)" for PCA, "component 1 (autocorrelation 0.98)" for MAF, "component 3" otherwise.
    static func componentLabel(_ a: Analysis, method: Method, _ c: Int) -> String {
        guard c < a.componentStatistic.count else { return "component \(c + 1)" }
        let value = a.componentStatistic[c]
        switch method {
        case .pca: return "component \(c + 1) (\(CSVTable.format((value * 1000).rounded() / 10)) %)"
        case .maf: return "component \(c + 1) (autocorrelation \(CSVTable.format((value * 1000).rounded() / 1000)))"
        case .mcr, .nmf: return "component \(c + 1)"
        }
    }
}
