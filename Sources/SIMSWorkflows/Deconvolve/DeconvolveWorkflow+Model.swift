import SIMSCore
import SIMSFormats
import SIMSQuantification

extension DeconvolveWorkflow.Model {
    /// The model from its settings as text, as the command line and a `sims.toml` `[deconvolution]` table give them:
    /// exactly one of `species` (comma-separated ions) and `elements` (comma-separated symbols, with `maximumAtoms`,
    /// 1–12, default 3); `bin` (u, 0.001–10, default 0.5) or `resolution` (m/Δm, 10–10⁷), not both; `weighting`
    /// poisson (default), observedCounts or uniform; `bootstrap` replicates (0–100000, default 0). Errors name `source`
    /// (a file and table, or the options).
    public init(species: String?, elements: String?, maximumAtoms: Int? = nil, bin: Double? = nil, resolution: Double? = nil,
                weighting: String? = nil, bootstrap: Int? = nil, source: String) throws(SIMSError) {
        let list: (String) -> [String] = { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        switch (species.map(list), elements.map(list)) {
        case (let labels?, nil) where !labels.isEmpty:
            self.init(candidates: .species(labels))
        case (nil, let symbols?) where !symbols.isEmpty:
            let n = maximumAtoms ?? 3
            guard (1...12).contains(n) else {
                throw SIMSError(.invalidArgument, "max_atoms is out of range", file: source, found: "\(n)", expected: "a whole number from 1 to 12")
            }
            self.init(candidates: .elements(symbols, maximumAtoms: n))
        default:
            throw SIMSError(.invalidArgument, "the deconvolution needs its candidates", file: source,
                            found: "species: \(species ?? "none"), elements: \(elements ?? "none")",
                            expected: "exactly one of species (Ru_2-,RuPd-) and elements (Ru,Pt,Pd)")
        }
        switch (bin, resolution) {
        case (nil, nil): break
        case (let width?, nil):
            guard width.isFinite, (0.001...10).contains(width) else {
                throw SIMSError(.invalidArgument, "bin is out of range", file: source, found: "\(width)", expected: "a bin width from 0.001 to 10 u")
            }
            peakShape = .binned(width: width)
        case (nil, let r?):
            guard r.isFinite, (10...1e7).contains(r) else {
                throw SIMSError(.invalidArgument, "resolution is out of range", file: source, found: "\(r)", expected: "a resolving power m/Δm from 10 to 1e7")
            }
            peakShape = .gaussian(resolvingPower: r)
        case (_?, _?):
            throw SIMSError(.invalidArgument, "bin and resolution are both given", file: source, expected: "either a bin width or a resolving power")
        }
        if let bootstrap {
            guard (0...100_000).contains(bootstrap) else {
                throw SIMSError(.invalidArgument, "bootstrap is out of range", file: source, found: "\(bootstrap)", expected: "0 to 100000 replicates")
            }
            bootstrapResamples = bootstrap
        }
        if let weighting {
            guard let parsed = IsotopeDeconvolution.Weighting(rawValue: weighting.trimmingCharacters(in: .whitespaces)) else {
                throw SIMSError(.invalidArgument, "unknown weighting", file: source, found: weighting,
                                expected: IsotopeDeconvolution.Weighting.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.weighting = parsed
        }
    }

    /// The model of a `sims.toml` `[deconvolution]` table (keys species, elements, max_atoms, bin, resolution,
    /// weighting, bootstrap) flattened into `metadata`; `nil` when the table is absent. Errors name the file, table and key.
    public init?(manifest metadata: Metadata, file: String) throws(SIMSError) {
        let keys = ["species", "elements", "max_atoms", "bin", "resolution", "weighting", "bootstrap"]
        let present = metadata.entries.map(\.key).filter { $0.hasPrefix("deconvolution.") }
        guard !present.isEmpty else { return nil }
        for key in present where !keys.contains(String(key.dropFirst("deconvolution.".count))) {
            throw SIMSError(.invalidArgument, "unknown key in [deconvolution]", file: file, found: key, expected: keys.joined(separator: ", "))
        }
        func number(_ key: String) throws(SIMSError) -> Double? {
            guard let text = metadata["deconvolution." + key] else { return nil }
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw SIMSError(.invalidArgument, "[deconvolution] \(key) is not a number", file: file, found: text, expected: "a number")
            }
            return value
        }
        func whole(_ key: String) throws(SIMSError) -> Int? {
            guard let x = try number(key) else { return nil }
            guard x == x.rounded(), abs(x) < 1e9 else {
                throw SIMSError(.invalidArgument, "[deconvolution] \(key) is not a whole number", file: file, found: "\(x)", expected: "a whole number")
            }
            return Int(x)
        }
        try self.init(species: metadata["deconvolution.species"], elements: metadata["deconvolution.elements"],
                      maximumAtoms: try whole("max_atoms"), bin: try number("bin"), resolution: try number("resolution"),
                      weighting: metadata["deconvolution.weighting"], bootstrap: try whole("bootstrap"), source: file + " [deconvolution]")
    }
}
