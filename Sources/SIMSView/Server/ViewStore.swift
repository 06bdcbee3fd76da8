import Foundation
import SIMSCore
import SIMSFormats
import SIMSChemistry
import SIMSAnalysis

/// Loads what the catalog names on first use and keeps it: spectra with their min/max pyramids, the interval
/// list, image sets, imzML retrospective indexes, depth profiles. One store per `sims view` session; an actor,
/// so requests never see half-built caches.
actor ViewStore {
    let catalog: ViewCatalog
    private var spectra: [Int: ViewSpectrum] = [:]
    private var imageSets: [Int: ViewImageSet] = [:]
    private var depthProfiles: [Int: DepthProfile] = [:]
    private var intervalCache: [ViewInterval]?
    private var assigners: [Polarity?: PeakAssigner] = [:]

    init(catalog: ViewCatalog) { self.catalog = catalog }

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

    /// Image set `id` of the catalog, read (and for imzML indexed) on first use.
    func imageSet(_ id: Int) throws(SIMSError) -> ViewImageSet {
        if let cached = imageSets[id] { return cached }
        guard catalog.imageSources.indices.contains(id) else {
            throw .invalidArgument("no image set \(id)", expected: "0..<\(catalog.imageSources.count)")
        }
        let set = try ViewImageSet(source: catalog.imageSources[id], peaks: try intervals().map(\.peak))
        imageSets[id] = set
        return set
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

    /// Assignment candidates from the battery fragment library (ions of `polarity` only, when given), best first.
    func candidates(mass: Double, width: Double, polarity: Polarity?) -> [AssignmentCandidate] {
        let assigner = assigners[polarity] ?? PeakAssigner(library: .battery, polarity: polarity)
        assigners[polarity] = assigner
        return Array(assigner.candidates(center: mass, width: width).prefix(8))
    }
}

/// A peak of an interval list and the polarity its list is for (`nil`: any).
struct ViewInterval: Sendable {
    var peak: Peak
    var polarity: Polarity?
}
