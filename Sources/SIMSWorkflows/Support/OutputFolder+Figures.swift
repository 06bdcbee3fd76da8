import Foundation
import SIMSFormats
import SIMSReport

extension OutputFolder {
    /// Writes `figure` as `<relativeBase>.<ext>` for every format of ``figureFormats(for:)`` (atomically) under
    /// this folder and records the files in `record.outputs`.
    ///
    /// `relativeBase` is relative to the folder, e.g. `plots/extra/Li-` (no extension); make labels safe with
    /// ``OutputFolder/safeName(_:)``. Returns the relative path a report should show (``reportPath(_:)``).
    /// - Parameters:
    ///   - figure: the figure to render.
    ///   - relativeBase: the output path under this folder without extension.
    ///   - record: the run record that lists the written files.
    ///   - pngScale: pixel density of the PNG relative to the SVG's size (2 = crisp on screens and in print).
    @discardableResult
    public func write(_ figure: some Figure, as relativeBase: String, record: inout RunRecord, pngScale: Double = 2) throws(SIMSError) -> String {
        record.outputs += try writeFiles(figure, as: relativeBase, pngScale: pngScale)
        return reportPath(relativeBase)
    }

    /// Renders and writes many independent figures concurrently on every core (each worker draws one figure at
    /// a time on a reused surface, so memory stays bounded), reporting progress per figure as `task`. Figures
    /// written as PNG are started first: rasterising and encoding one costs 10–50× an SVG-only figure, and
    /// started last it would leave the other cores idle at the end. Files are recorded in the order of
    /// `figures`; the first error (a file that cannot be written) is thrown after all workers stop.
    public func write(_ figures: [(figure: any Figure, base: String)], record: inout RunRecord, pngScale: Double = 2,
                      task: String = "drawing figures", progress: any SIMSCore.ProgressReporting = SilentProgress()) throws(SIMSError) {
        guard !figures.isEmpty else { return }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var files: [[String]]
            var error: SIMSError?
            var done = 0
            init(count: Int) { files = Array(repeating: [], count: count) }
        }
        let results = Results(count: figures.count)
        let jobs = UncheckedBox(figures)
        let folder = self
        let order = figureOrder(figures.map(\.base))
        DispatchQueue.concurrentPerform(iterations: figures.count) { started in
            let k = order[started]
            let outcome: Result<[String], SIMSError>
            do throws(SIMSError) { outcome = .success(try folder.writeFiles(jobs.value[k].figure, as: jobs.value[k].base, pngScale: pngScale)) } catch {
                outcome = .failure(error)
            }
            results.lock.lock()
            switch outcome {
            case .success(let files): results.files[k] = files
            case .failure(let error): if results.error == nil { results.error = error }
            }
            results.done += 1
            let done = results.done
            results.lock.unlock()
            progress.report(task: task, completed: done, total: jobs.value.count)
        }
        record.outputs += results.files.flatMap { $0 }
        if let error = results.error { throw error }
    }

    /// Indices of `bases` in the order to draw them: those with a PNG first, each group in its given order.
    func figureOrder(_ bases: [String]) -> [Int] {
        let rasters = bases.indices.filter { figureFormats(for: bases[$0]).contains(.png) }
        return rasters + bases.indices.filter { !figureFormats(for: bases[$0]).contains(.png) }
    }

    /// The formats `relativeBase` is written in: ``extraFigureFormats`` under `plots/extra/`, else
    /// ``figureFormats``.
    public func figureFormats(for relativeBase: String) -> Set<FigureFormat> {
        relativeBase.hasPrefix("plots/extra/") ? extraFigureFormats : figureFormats
    }

    /// The file of `relativeBase` a report embeds: the SVG when written, else the PNG, else the PDF.
    public func reportPath(_ relativeBase: String) -> String {
        let formats = figureFormats(for: relativeBase)
        let format = formats.contains(.svg) ? FigureFormat.svg : formats.contains(.png) ? .png : .pdf
        return relativeBase + "." + format.fileExtension
    }

    /// Whether `output` (a relative path with extension) is the file of its figure a report embeds.
    public func isReportFile(_ output: String) -> Bool {
        guard let dot = output.lastIndex(of: ".") else { return false }
        return reportPath(String(output[..<dot])) == output
    }

    private func writeFiles(_ figure: any Figure, as relativeBase: String, pngScale: Double) throws(SIMSError) -> [String] {
        let drawing = figure.drawing()
        var files: [String] = []
        for format in figureFormats(for: relativeBase).sorted() {
            let name = relativeBase + "." + format.fileExtension
            try AtomicFile.write(drawing.data(as: format, pngScale: pngScale), to: file(name))
            files.append(name)
        }
        return files
    }
}

/// Shares an immutable array of existential figures with the concurrent workers (every `Figure` is `Sendable`;
/// the box only spares the tuple array a conformance it cannot declare).
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
