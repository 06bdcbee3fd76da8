import SIMSCore

/// How an isotope line appears on the spectrum's mass axis in a deconvolution template.
public enum PeakShape: Sendable, Hashable {
    /// The spectrum and the templates are both summed into bins of this width (u), centred on multiples of it
    /// (bin k covers [(k − ½)·w, (k + ½)·w)); a line contributes its whole probability to its bin. This is the
    /// high-entropy-alloy study's representation (0.5 u), robust to peak shape and calibration errors as long as a
    /// peak stays inside its bin. Heavy clusters' mass defect (≈ −0.1 u per Ru/Rh/Pd atom) puts most trimer lines
    /// within 0.1 u of a 0.5 u bin's edge, where a real peak is split between two bins (docs/deconvolution.md).
    case binned(width: Double)
    /// A Gaussian of FWHM Δm = m / R per line on the spectrum's own channels (R = resolving power m/Δm), integrated
    /// over each channel's extent (edges half-way between neighbouring channel masses):
    /// p = ½ [erf((b − μ)/(σ√2)) − erf((a − μ)/(σ√2))], σ = Δm / (2√(2 ln 2)).
    case gaussian(resolvingPower: Double)

    /// Checks the parameter; the message names what was expected.
    func validate() throws(SIMSError) {
        switch self {
        case .binned(let width):
            guard width > 0, width.isFinite else {
                throw .invalidArgument("bin width must be a positive number of u", found: "\(width)", expected: "e.g. 0.5")
            }
        case .gaussian(let resolvingPower):
            guard resolvingPower > 0, resolvingPower.isFinite else {
                throw .invalidArgument("resolving power must be a positive number (m/Δm, FWHM)", found: "\(resolvingPower)", expected: "e.g. 3000")
            }
        }
    }
}

/// A spectrum summed into bins of equal width on the m/z axis (counts per bin).
public struct BinnedSpectrum: Sendable, Equatable {
    /// Bin width in u.
    public var width: Double
    /// Index k of the first bin (its centre is k·width).
    public var firstIndex: Int
    /// Counts per bin.
    public var counts: [Double]

    /// Sums the spectrum's intensities (counts per channel) into bins of `width` u centred on multiples of `width`.
    /// Counts add, so a bin's Poisson variance is its count (the high-entropy-alloy study kept the *maximum*
    /// channel per bin instead, which is not a count; docs/deconvolution.md says why we differ).
    public init(_ spectrum: Spectrum, width: Double) {
        self.width = width
        guard let range = spectrum.massRange else { firstIndex = 0; counts = []; return }
        let first = Int((range.lowerBound / width).rounded())
        let last = Int((range.upperBound / width).rounded())
        var counts = [Double](repeating: 0, count: max(0, last - first + 1))
        for (m, y) in zip(spectrum.mass, spectrum.intensity) where m.isFinite && y.isFinite {
            counts[Int((m / width).rounded()) - first] += y
        }
        firstIndex = first
        self.counts = counts
    }

    /// The centre of bin `i` (0-based in ``counts``) in u.
    public func center(_ i: Int) -> Double { Double(firstIndex + i) * width }

    /// The position in ``counts`` of the bin holding m/z `mass`, or `nil` outside the binned range.
    public func position(of mass: Double) -> Int? {
        let i = Int((mass / width).rounded()) - firstIndex
        return counts.indices.contains(i) ? i : nil
    }
}
