import SIMSAnalysis
import SIMSChemistry
import SIMSMicrostructure

/// Settings of `sims microstructure`.
public struct MicrostructureSettings: Sendable {
    /// How pixels are assigned to phases.
    public enum Method: String, Sendable, CaseIterable {
        /// Marker-ion shares with Otsu thresholds (`PhaseSegmentation`).
        case threshold
        /// k-means (SIMSMultivariate ``KMeans``) on topography-free features: the per-pixel phase composition from
        /// marker counts ÷ their phase levels, and the total relative to that composition and to the local yield
        /// background (`MultichannelSegmentation`).
        case kmeans
        /// Gaussian mixture on the same features (SIMSMultivariate ``GaussianMixture``).
        case gmm
        /// Linear unmixing of every ion image into phase amounts, a repeated phase name adding an interphase
        /// component calibrated by closure (`PhaseUnmixing`).
        case unmix
    }

    /// The phases and their marker ions, in label order (ion names in any notation: `NiO2-`, `NiO_2-`, `NiO₂⁻`).
    public var phases: [PhaseRule] = []
    /// `--group-by` (which files of the input folders are used) and `--polarity` (which measurements).
    public var selection = StudySelection()
    /// Segmentation method.
    public var method: Method = .threshold
    /// Gaussian smoothing σ in pixels before segmentation (0 = none); `nil`: automatic, the σ whose kernel gathers
    /// ``automaticSmoothingCounts`` counts of the total (``GaussianFilter/sigma(countsPerKernel:meanCounts:dimensions:)``).
    public var smoothingSigma: Double? = 1
    /// Counts of the total per smoothing kernel for the automatic σ (70: 12 % relative noise; σ 0.7 px at 4.7 counts
    /// per voxel in 3-D).
    public static let automaticSmoothingCounts = 70.0
    /// Scale (σ in pixels) of the local yield (topography) background against which `low-total` pores are judged
    /// (`YieldBackground`; all methods); 0: one global level per phase (flat sample).
    public var backgroundSigma: Double = 8
    /// Islands smaller than this many pixels (voxels) are merged into their surroundings.
    public var minimumIslandVoxels: Int = 4
    /// Pixel size in µm; overrides the images' metadata.
    public var pixelSizeMicrometers: Double?
    /// Connectivity for components, percolation and particles (`.face`: 4 in 2-D / 6 in 3-D).
    public var connectivity: Connectivity = .face
    /// Phase whose particle size distribution is reported (default: the first ion-marked phase).
    public var activePhase: String?
    /// Phases whose tortuosity factors are computed (`nil`: all).
    public var tortuosityPhases: [String]?
    /// Relative residual tolerance of the tortuosity solves.
    public var tolerance: Double = 1e-8
    /// Treat all measurements as the planes of one volume (from the surface down, in name order).
    public var stack = false
    /// Seed of the clustering methods.
    public var seed: UInt64 = 0
    /// Mass interval list (IONTOF or plain CSV): names BIF6 intervals and defines the peak images of imzML files
    /// written by other software.
    public var peakList: String?

    /// Default settings (phases must be set).
    public init() {}
}

extension MicrostructureSettings {
    /// The settings with every marker ion replaced by the spelling among `ions` that names the same ion
    /// (``IonName``); a marker no image holds is an error naming the nearest ion names.
    func resolvingIonNames(in ions: [String]) throws(SIMSError) -> MicrostructureSettings {
        var copy = self
        copy.phases = []
        for rule in phases {
            guard case .ions(let markers) = rule.marker else { copy.phases.append(rule); continue }
            var resolved: [String] = []
            for marker in markers { resolved.append(try IonName.resolve(marker, among: ions, role: "--phase \(rule.name)")) }
            copy.phases.append(PhaseRule(name: rule.name, marker: .ions(resolved)))
        }
        return copy
    }
}
