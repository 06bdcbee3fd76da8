import Foundation
import SIMSCore
import SIMSFormats
import SIMSChemistry
import SIMSAnalysis

/// Loads what the catalog names on first use and keeps it: spectra with their min/max pyramids, the interval
/// list, image sets, imzML retrospective indexes, depth profiles. One store per `sims view` session; an actor,
/// so requests never see half-built caches.
///
/// The two slow builds — an image set (for a large imzML, its ``RetrospectiveIndex``: minutes on a loaded
/// machine) and the ``PeakAssigner`` of the fragment library — run in the background (``inBackground(_:)``);
/// the actor only keeps their tasks, so every other request is answered meanwhile.
actor ViewStore {
    let catalog: ViewCatalog
    private var spectra: [Int: ViewSpectrum] = [:]
    private var imageSetLoads: [Int: (task: Task<Result<ViewImageSet, SIMSError>, Never>, progress: LoadProgress)] = [:]
    private var depthProfiles: [Int: DepthProfile] = [:]
    private var intervalCache: [ViewInterval]?
    private var assigners: [Polarity?: Task<PeakAssigner, Never>] = [:]
    /// Builds the assigner of a polarity and reads an image set (parameters so tests can hold them).
    private let makeAssigner: @Sendable (Polarity?) -> PeakAssigner
    typealias ImageSetReader = @Sendable (ImageSetSource, [Peak], LoadProgress) throws(SIMSError) -> ViewImageSet
    private let readImageSet: ImageSetReader

    init(catalog: ViewCatalog, makeAssigner: @escaping @Sendable (Polarity?) -> PeakAssigner = { PeakAssigner(library: .battery, polarity: $0) },
         readImageSet: @escaping ImageSetReader = { source, peaks, progress throws(SIMSError) in
             try ViewImageSet(source: source, peaks: peaks) { phase, done, total in progress.report(phase.rawValue, done: done, total: total) }
         }) {
        self.catalog = catalog
        self.makeAssigner = makeAssigner
        self.readImageSet = readImageSet
    }

    /// The peaks of every interval list under PATH, in list order (the API's interval index); read once.
    func intervals() throws(SIMSError) -> [ViewInterval] {
        if let cached = intervalCache { return cached }
        var all: [ViewInterval] = []
        for path in catalog.intervalListPaths {
            let kind = try FileKind.detect(path: path)
            let list: PeakList
            if kind == .intervalList { list = try IONTOFIntervalListFormat.read(from: path) } else { list = try PlainIntervalListFormat.read(from: path) }
            let polarity = ViewCatalog.polarity(spot: "", path: catalog.root.relative(path))
            all += list.peaks.map { ViewInterval(peak: $0, polarity: polarity) }
        }
        intervalCache = all
        return all
    }

    /// Spectrum `id` of the catalog, read and summarised on first use.
    func spectrum(_ id: Int) throws(SIMSError) -> ViewSpectrum {
        if let cached = spectra[id] { return cached }
        guard catalog.spectra.indices.contains(id) else {
            throw .invalidArgument("no spectrum \(id)", expected: "0..<\(catalog.spectra.count)")
        }
        let entry = catalog.spectra[id]
        let view = ViewSpectrum(name: entry.spot, sample: entry.sample, spectrum: try IONTOFSpectrumFormat.read(from: entry.path))
        spectra[id] = view
        return view
    }

    /// Image set `id` of the catalog, read (and for imzML indexed) on first use, in the background.
    func imageSet(_ id: Int) async throws(SIMSError) -> ViewImageSet {
        try await imageSetLoad(id).task.value.get()
    }

    /// The load of image set `id` (started on first use): its task and progress.
    func imageSetLoad(_ id: Int) throws(SIMSError) -> (task: Task<Result<ViewImageSet, SIMSError>, Never>, progress: LoadProgress) {
        if let load = imageSetLoads[id] { return load }
        guard catalog.imageSources.indices.contains(id) else {
            throw .invalidArgument("no image set \(id)", expected: "0..<\(catalog.imageSources.count)")
        }
        let source = catalog.imageSources[id], peaks = try intervals().map(\.peak)
        let progress = LoadProgress(), read = readImageSet
        let task = Task { () -> Result<ViewImageSet, SIMSError> in
            defer { progress.finish() }
            do throws(SIMSError) {
                return .success(try await inBackground { () throws(SIMSError) in try read(source, peaks, progress) })
            } catch { return .failure(error) }
        }
        imageSetLoads[id] = (task, progress)
        return (task, progress)
    }

    /// Depth profile `id` of the catalog.
    func depthProfile(_ id: Int) throws(SIMSError) -> DepthProfile {
        if let cached = depthProfiles[id] { return cached }
        guard catalog.depthProfiles.indices.contains(id) else {
            throw .invalidArgument("no depth profile \(id)", expected: "0..<\(catalog.depthProfiles.count)")
        }
        let profile = try IONTOFDepthProfileFormat.read(from: catalog.depthProfiles[id].path)
        depthProfiles[id] = profile
        return profile
    }

    /// The assigner for the battery fragment library (ions of `polarity` only, when given), built once in the
    /// background; callers wait for it without holding the actor.
    func assigner(_ polarity: Polarity?) async -> PeakAssigner {
        if let task = assigners[polarity] { return await task.value }
        let make = makeAssigner
        let task = Task { () -> PeakAssigner in
            await inBackground { () throws(Never) in make(polarity) }
        }
        assigners[polarity] = task
        return await task.value
    }

    /// Assignment candidates (best first, at most 8), searched outside the actor.
    nonisolated func candidates(mass: Double, width: Double, polarity: Polarity?) async -> [AssignmentCandidate] {
        Array(await assigner(polarity).candidates(center: mass, width: width).prefix(8))
    }
}

/// A peak of an interval list and the polarity its list is for (`nil`: any).
struct ViewInterval: Sendable {
    var peak: Peak
    var polarity: Polarity?
}
