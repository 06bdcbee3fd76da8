import Foundation
import SIMSAnalysis
import SIMSFormats
import SIMSReport

extension ImagesWorkflow {
    /// Pre-processing shared by ion and reference images: binning, then smoothing.
    static func prepare(_ image: IonImage, _ options: ImagesOptions) throws(SIMSError) -> IonImage {
        var out = try image.binned(by: options.binning)
        if let sigma = options.smoothingSigma { out = try GaussianFilter(sigma: sigma).apply(to: out) }
        return out
    }

    /// Analyses one image set and appends its rows; writes its images.
    static func analyse(_ raw: ImageSet, sample: String, key: String, options: ImagesOptions, colorMap: ColorMap,
                        folder: OutputFolder, result: inout Result) throws(SIMSError) {
        guard let referenceRaw = raw.image(of: options.reference) else {
            throw .invalidArgument("measurement \(raw.measurement) has no \(options.reference) image to normalize by",
                                   found: (raw.ions + (raw.total == nil ? [] : ["total"])).joined(separator: ", "), expected: options.reference)
        }
        let wanted = options.ions.isEmpty ? raw.ions.filter { $0 != options.reference } : options.ions
        var rawIons: [IonImage] = []
        for ion in wanted {
            guard let image = raw.image(of: ion) else {
                throw .invalidArgument("measurement \(raw.measurement) has no image of \(ion)", found: raw.ions.joined(separator: ", "), expected: ion)
            }
            rawIons.append(image)
        }
        // Saturation (raw counts, before any processing).
        if let scans = options.scans, let shots = options.shotsPerPixel {
            let estimator = try PixelSaturation(scans: scans, shotsPerPixel: shots)
            for image in rawIons {
                let map = try estimator.fit(image)
                let name = "images/" + OutputFolder.safeName(key) + "/" + OutputFolder.safeName(image.ion) + "_saturation.tif"
                try TIFF.write(map.fraction, width: image.width, height: image.height, type: .float32, to: folder.file(name),
                               pixelSizeMicrometers: image.pixelSizeMicrometers, description: "\(image.ion) I/N per pixel, N = \(scans * shots) pulses per pixel")
                result.record.outputs.append(name)
                if map.flaggedPixels > 0 {
                    result.record.warn("\(sample)/\(raw.measurement) \(image.ion): \(map.flaggedPixels) pixels with I/N > 0.1 (max \(CSVTable.format(map.maximumFraction))); detector saturation distorts their ratios",
                                       kind: .saturatedPixels, severity: map.maximumFraction)
                }
            }
        }
        let reference = try prepare(referenceRaw, options)
        var exclusion: ContiguousArray<Bool>?
        var ions: [IonImage] = []
        for image in rawIons {
            var prepared = try prepare(image, options)
            if options.align {
                // Estimated and applied on the same (binned, smoothed) grid the ratios are computed on.
                let shift = try ShiftEstimation().fit(reference: reference, moving: prepared)
                result.shifts.append((sample, raw.measurement, image.ion, shift))
                if let refusal = shift.refusal {
                    result.record.warn("\(sample)/\(raw.measurement) \(image.ion): alignment shift (\(shift.dx), \(shift.dy)) px at bin \(options.binning) not applied: \(refusal.rawValue) (peak \(CSVTable.format(shift.peakHeight)), \(CSVTable.format((shift.significance * 10).rounded() / 10)) σ); the image is used as measured")
                } else if shift.dx != 0 || shift.dy != 0 {
                    let moved = prepared.shifted(dx: -shift.dx, dy: -shift.dy)
                    prepared = moved.image
                    var mask = exclusion ?? ContiguousArray(repeating: false, count: prepared.pixelCount)
                    for p in 0..<mask.count where moved.uncovered[p] { mask[p] = true }
                    exclusion = mask
                }
            }
            ions.append(prepared)
        }
        for group in options.multiply {
            let members = ions.filter { group.contains($0.ion) }
            guard members.count == group.count else {
                throw .invalidArgument("measurement \(raw.measurement): --multiply needs images of \(group.joined(separator: ", ")) (list them in --ions or leave --ions empty)",
                                       found: members.map(\.ion).joined(separator: ", "))
            }
            ions.append(try ImageMultiplication().transform(group.map { name in members.first { $0.ion == name }! }))
        }
        let regions = try loadRegions(options.regions, width: reference.width, height: reference.height)
        let normalization = PixelNormalization(minimumReference: options.minimumReference)
        let imageFolder = "images/" + OutputFolder.safeName(key) + "/"
        var maskWritten = false
        for image in ions {
            let map = try normalization.fit(image, reference: reference, exclude: exclusion)
            result.rows.append(ImageStatisticsRow(
                sample: sample, measurement: raw.measurement, ion: image.ion, totalCounts: map.ionCounts, reference: reference.ion,
                ratioOfSums: map.ratioOfSums, meanOfRatios: map.meanOfRatios, sumOfRatios: map.sumOfRatios,
                validPixels: map.validPixels, excludedPixels: map.excludedPixels))
            for region in regions {
                result.regions.append((sample, raw.measurement, image.ion, try region.statistics(of: map, ion: image, reference: reference)))
            }
            let base = imageFolder + OutputFolder.safeName(image.ion)
            let pixelSize = image.pixelSizeMicrometers ?? reference.pixelSizeMicrometers
            try TIFF.write(image.counts, width: image.width, height: image.height, type: TIFF.countsType(for: image.counts),
                           to: folder.file(base + "_counts.tif"), pixelSizeMicrometers: pixelSize, description: "\(image.ion) counts")
            try TIFF.write(map.ratios, width: map.width, height: map.height, type: .float32, to: folder.file(base + "_ratio.tif"),
                           pixelSizeMicrometers: pixelSize, description: "\(image.ion) / \(reference.ion); excluded pixels = 0, see excluded_mask.tif")
            result.record.outputs += [base + "_counts.tif", base + "_ratio.tif"]
            if options.plots {
                let counts = HeatMap(width: image.width, height: image.height, values: Array(image.counts), title: "\(AssignmentLabel.markup(image.ion)) — \(raw.measurement)",
                                     valueTitle: "counts", colorMap: colorMap, upperQuantile: 0.999, pixelSizeMicrometers: pixelSize)
                // Display only: excluded pixels are transparent (NaN) in the PNG; tables and TIFF keep the mask.
                let display = (0..<map.ratios.count).map { map.excluded[$0] ? Double.nan : map.ratios[$0] }
                let ratio = HeatMap(width: map.width, height: map.height, values: display, title: "\(AssignmentLabel.markup(image.ion)) / \(AssignmentLabel.markup(reference.ion)) — \(raw.measurement)",
                                    valueTitle: "ratio to \(AssignmentLabel.markup(reference.ion))", colorMap: colorMap, upperQuantile: 0.999, pixelSizeMicrometers: pixelSize)
                try folder.write(counts, as: base, record: &result.record, pngScale: options.pngScale)
                try folder.write(ratio, as: base + "_ratio", record: &result.record, pngScale: options.pngScale)
            }
            if !maskWritten {
                try TIFF.write(map.maskImage.counts, width: map.width, height: map.height, type: .uint8, to: folder.file(imageFolder + "excluded_mask.tif"),
                               pixelSizeMicrometers: pixelSize, description: "1 = excluded (reference < \(CSVTable.format(options.minimumReference)) or zero, or uncovered after alignment)")
                result.record.outputs.append(imageFolder + "excluded_mask.tif")
                if options.plots {
                    let mask = HeatMap(width: map.width, height: map.height, values: Array(map.maskImage.counts), title: "excluded pixels — \(raw.measurement)",
                                       valueTitle: "1 = excluded", colorMap: .gray, range: 0...1, pixelSizeMicrometers: pixelSize)
                    try folder.write(mask, as: imageFolder + "excluded_mask", record: &result.record, pngScale: options.pngScale)
                }
                maskWritten = true
                if map.excludedPixels > 0 {
                    result.record.warn("\(sample)/\(raw.measurement): \(map.excludedPixels) of \(map.width * map.height) pixels excluded (reference \(reference.ion) zero or below the minimum)",
                                       kind: .excludedPixels, severity: Double(map.excludedPixels) / Double(map.width * map.height))
                }
            }
        }
        if options.plots {
            for group in options.overlays {
                let channels = try group.map { (name) throws(SIMSError) -> (name: String, values: [Double]) in
                    guard let image = ions.first(where: { $0.ion == name }) ?? (name == reference.ion ? reference : nil) else {
                        throw .invalidArgument("measurement \(raw.measurement): overlay ion \(name) is not among the analysed images", found: ions.map(\.ion).joined(separator: ", "))
                    }
                    return (AssignmentLabel.markup(name), Array(image.counts))
                }
                let overlay = SIMSReport.RGBOverlay(width: reference.width, height: reference.height, channels: channels,
                                                    title: "\(group.map(AssignmentLabel.markup).joined(separator: " / ")) — \(raw.measurement)", pixelSizeMicrometers: reference.pixelSizeMicrometers)
                let name = imageFolder + "overlay_" + OutputFolder.safeName(group.joined(separator: "_"))
                try folder.write(overlay, as: name, record: &result.record, pngScale: options.pngScale)
            }
        }
    }

    /// Parses `name:x,y,w,h` rectangles and `name:path` TIFF masks.
    static func loadRegions(_ specs: [String], width: Int, height: Int) throws(SIMSError) -> [RegionOfInterest] {
        var regions: [RegionOfInterest] = []
        for spec in specs {
            guard let colon = spec.firstIndex(of: ":") else {
                throw .invalidArgument("ROI must be name:x,y,w,h or name:mask.tif", found: spec)
            }
            let name = String(spec[..<colon]), value = String(spec[spec.index(after: colon)...])
            let numbers = value.split(separator: ",").compactMap { Int(String($0).trimmingSpaces()) }
            if numbers.count == 4 && value.split(separator: ",").count == 4 {
                regions.append(try RegionOfInterest(name: name, x: numbers[0], y: numbers[1], w: numbers[2], h: numbers[3], width: width, height: height))
            } else {
                let mask = try TIFF.read(value)
                guard mask.width == width, mask.height == height else {
                    throw SIMSError(.inconsistent, "ROI mask \(name) is \(mask.width)x\(mask.height) but the (binned) images are \(width)x\(height)", file: value)
                }
                regions.append(try RegionOfInterest(name: name, mask: ContiguousArray(mask.values.map { $0 > 0 }), width: width, height: height))
            }
        }
        return regions
    }
}
