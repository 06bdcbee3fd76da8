/// A study: samples, each measured at several spots, each spot one file (or one image set).
///
/// The paper's guidance (Lombardo et al. 2023) is 5–10 spots per sample and at least 3 samples; a study is
/// either a folder tree `ROOT/<sample>/<spot files>` or a `sims.toml` manifest (see SIMSFormats).
public struct Study: Sendable, Equatable {
    /// One measured spot: a name and the file(s) that hold its data.
    public struct Spot: Sendable, Equatable, Hashable {
        /// Spot name (by default the file name without extension).
        public var name: String
        /// Path of the spot's data file (spectrum, depth profile, or one file of an image set).
        public var path: String
        /// The secondary-ion polarity when the file name or header says it (`N_…`/`P_…`, `neg`, `positive` …).
        public var polarity: Polarity?
        /// Creates a spot.
        public init(name: String, path: String, polarity: Polarity? = nil) { self.name = name; self.path = path; self.polarity = polarity }
    }

    /// One sample with its spots.
    public struct Sample: Sendable, Equatable, Hashable {
        /// Sample name (by default the folder name).
        public var name: String
        /// The spots, in a stable (sorted) order.
        public var spots: [Spot]
        /// Creates a sample.
        public init(name: String, spots: [Spot]) { self.name = name; self.spots = spots }
    }

    /// A file under the study root that is not part of the study, and why.
    public struct LeftOut: Sendable, Equatable, Hashable {
        /// The file's path.
        public var path: String
        /// Why it was left out (`not a spectrum export`, `name does not match --group-by` …).
        public var reason: String
        /// Creates an entry.
        public init(path: String, reason: String) { self.path = path; self.reason = reason }
    }

    /// The samples, in a stable order.
    public var samples: [Sample]
    /// Acquisition parameters that hold for the whole study (from `sims.toml` or the command line).
    public var acquisition: Acquisition
    /// Further study metadata (`sims.toml` tables flattened to `table.key`).
    public var metadata: Metadata
    /// The study root (folder or manifest path).
    public var root: String?
    /// Files under the root that are not part of the study (other kinds of file, names the grouping pattern
    /// does not match), with the reason, so a run can say in one line what it left out.
    public var leftOut: [LeftOut] = []

    /// Creates a study.
    public init(samples: [Sample], acquisition: Acquisition = Acquisition(), metadata: Metadata = Metadata(), root: String? = nil) {
        self.samples = samples
        self.acquisition = acquisition
        self.metadata = metadata
        self.root = root
    }

    /// All spots of all samples, with their sample name, in order.
    public var allSpots: [(sample: String, spot: Spot)] {
        samples.flatMap { sample in sample.spots.map { (sample.name, $0) } }
    }
}
