import Foundation
import SIMSCore
import SIMSFormats

/// `sims inspect`: recognise each file's kind from its content and summarise it (dimensions, mass range,
/// header metadata, peak count …) by reading it with the matching SIMSFormats reader.
///
/// Folders are expanded to the files inside them (recursively, sorted; hidden files and the `.ibd` beside an
/// imzML are skipped). xlsx and unknown files are reported by kind and size only.
public enum InspectWorkflow {
    /// The outcome for several files: summaries of the readable ones, errors for the others (in input order).
    public struct Result: Sendable {
        /// Summaries of files that could be read.
        public var summaries: [FileSummary]
        /// Files that could not be read.
        public var failures: [SIMSError]
    }

    /// Summarises every path (folders: every file inside), continuing past failures.
    public static func inspect(paths: [String], progress: any SIMSCore.ProgressReporting = SIMSCore.SilentProgress()) -> Result {
        var result = Result(summaries: [], failures: [])
        let paths = paths.flatMap(files(in:))
        for (index, path) in paths.enumerated() {
            do {
                result.summaries.append(try summarize(path: path))
            } catch {
                result.failures.append(error)
            }
            progress.report(task: "inspect", completed: index + 1, total: paths.count)
        }
        return result
    }

    /// `path` itself when it is not a folder, else the files below it: sorted, without hidden files and without
    /// `.ibd` files whose imzML sits beside them (the imzML summary covers them).
    public static func files(in path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: path) else { return [path] }
        let root = path.hasSuffix("/") ? String(path.dropLast()) : path
        var found: [String] = []
        for case let relative as String in enumerator {
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            let full = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if full.lowercased().hasSuffix(".ibd") {
                let base = String(full.dropLast(4))
                if FileManager.default.fileExists(atPath: base + ".imzML") || FileManager.default.fileExists(atPath: base + ".imzml") { continue }
            }
            found.append(full)
        }
        return found.sorted()
    }

    /// Summarises one file.
    public static func summarize(path: String) throws(SIMSError) -> FileSummary {
        let kind = try FileKind.detect(path: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var summary = FileSummary(path: path, kind: kind, sizeBytes: size)
        typealias P = FileSummary.Property
        switch kind {
        case .spectrum:
            let spectrum = try IONTOFSpectrumFormat.read(from: path)
            summary.header = spectrum.metadata.entries
            summary.properties = [
                P("points", "\(spectrum.count)"),
                P("mass range (u)", range(spectrum.massRange)),
                P("total counts", format(spectrum.totalIonCount)),
            ]
            if let channel = spectrum.channel, let first = channel.first, let last = channel.last {
                summary.properties.append(P("channel range", "\(format(first))–\(format(last))"))
            }
            if let corrected = Acquisition(iontofHeader: spectrum.metadata).deadTimeCorrected {
                summary.properties.append(P("dead-time corrected", corrected ? "yes" : "no"))
            }
        case .intervalList, .plainIntervalList:
            let list = try kind == .intervalList ? IONTOFIntervalListFormat.read(from: path) : PlainIntervalListFormat.read(from: path)
            let lower = list.peaks.map(\.interval.lower).min()
            let upper = list.peaks.map(\.interval.upper).max()
            summary.properties = [
                P("peaks", "\(list.count)"),
                P("total row", list.totalRow == nil ? "no" : "yes (row \(list.totalRow!.index))"),
                P("unassigned peaks", "\(list.peaks.filter(\.isUnassigned).count)"),
                P("mass range (u)", lower.flatMap { l in upper.map { "\(format(l))–\(format($0))" } } ?? "—"),
            ]
            let columns = Set(list.peaks.flatMap { $0.values.keys }).sorted()
            if !columns.isEmpty { summary.properties.append(P("value columns", columns.joined(separator: ", "))) }
        case .depthProfile:
            let profile = try IONTOFDepthProfileFormat.read(from: path)
            let dropped = profile.metadata[IONTOFDepthProfileFormat.droppedRowsKey]
            summary.header = profile.metadata.entries.filter { $0.key != IONTOFDepthProfileFormat.droppedRowsKey }
            let kinds = Dictionary(grouping: profile.columns, by: \.kind).mapValues(\.count)
            summary.properties = [
                P("cycles", "\(profile.cycleCount)"),
                P("ion columns", "\(kinds[.intensity] ?? 0)"),
                P("total column", profile.totalColumn == nil ? "no" : "yes"),
                P("ratio columns", "\(kinds[.ratio] ?? 0)"),
                P("sputter time (s)", "\(format(profile.sputterTime.first ?? 0))–\(format(profile.sputterTime.last ?? 0))"),
            ]
            if let dropped { summary.properties.append(P("trailing all-zero rows dropped", dropped)) }
            if let dose = profile.dose?.last { summary.properties.append(P("final dose (ions)", format(dose))) }
            if let fluence = profile.fluence?.last { summary.properties.append(P("final fluence (ions/cm^2)", format(fluence))) }
            let masses = profile.columns.compactMap(\.mass)
            if let low = masses.min(), let high = masses.max() { summary.properties.append(P("mass range (u)", "\(format(low))–\(format(high))")) }
        case .ionImage:
            let image = try IONTOFImageFormat.read(from: path)
            summary.header = image.metadata.entries
            summary.properties = [
                P("ion", image.ion),
                P("pixels", "\(image.width) x \(image.height)"),
                P("total counts", format(image.totalCounts)),
            ]
            if let fov = image.fieldOfViewMicrometers { summary.properties.append(P("field of view (µm)", format(fov))) }
            if let name = IONTOFImageFileName(parsing: path) {
                summary.properties.append(P("measurement", "\(name.measurement) (id \(name.id))"))
            }
        case .imzML:
            let file = try ImzML.open(path)
            summary.properties = [
                P("storage", file.storage == .continuous ? "continuous" : "processed"),
                P("pixels", "\(file.width) x \(file.height)"),
                P("spectra", "\(file.spectra.count)"),
                P("binary (.ibd)", byteCount(file.binarySize)),
            ]
            if let first = file.spectra.first {
                summary.properties.append(P("m/z, intensity types", "\(first.mz.type), \(first.intensity.type)"))
                let points = file.spectra.map(\.intensity.length)
                summary.properties.append(P("points per spectrum", points.min() == points.max() ? "\(points[0])" : "\(points.min()!)–\(points.max()!)"))
            }
            if let size = file.pixelSizeXMicrometers { summary.properties.append(P("pixel size (µm)", format(size))) }
            if !file.channels.isEmpty { summary.properties.append(P("SIMSKit channels", file.channels.map(\.ion).joined(separator: ", "))) }
        case .bif6:
            let set = try BIF6.read(path)
            summary.properties = [
                P("pixels", "\(set.width) x \(set.height)"),
                P("images", "\(set.images.count)\(set.total == nil ? "" : " + total")"),
                P("ions", set.ions.joined(separator: ", ")),
            ]
        case .xlsx, .unknown:
            break
        }
        return summary
    }

    /// Human-readable report: one block per file.
    public static func text(of summaries: [FileSummary]) -> String {
        var out = ""
        for summary in summaries {
            out += summary.path + "\n"
            out += "  kind: \(summary.kind.displayName)\n"
            out += "  size: \(byteCount(summary.sizeBytes))\n"
            for property in summary.properties { out += "  \(property.name): \(property.value)\n" }
            if !summary.header.isEmpty {
                out += "  header:\n"
                for entry in summary.header { out += "    \(entry.key)" + (entry.value.isEmpty ? "" : ": \(entry.value)") + "\n" }
            }
        }
        return out
    }

    /// JSON report (array of summaries, keys sorted, deterministic).
    public static func json(of summaries: [FileSummary]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(summaries)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func range(_ range: ClosedRange<Double>?) -> String {
        range.map { "\(format($0.lowerBound))–\(format($0.upperBound))" } ?? "—"
    }

    /// Six significant digits, like C `%g`.
    static func format(_ value: Double) -> String { String(format: "%g", value) }

    static func byteCount(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1048576)
    }
}
