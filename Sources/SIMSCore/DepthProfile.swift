/// A depth profile: per sputter cycle, the sputter time, primary-ion dose and fluence, and one intensity
/// column per ion (IONTOF SurfaceLab depth-profile export).
public struct DepthProfile: Sendable, Equatable {
    /// One intensity column.
    public struct Column: Sendable, Equatable {
        /// What a column holds.
        public enum Kind: String, Sendable, Equatable, Codable {
            /// Intensity of one ion (counts per cycle).
            case intensity
            /// The total ion intensity (`total`).
            case total
            /// A ratio column `A / ( B )` exported by SurfaceLab; kept as such, never treated as counts.
            case ratio
        }
        /// Column name as exported (IONTOF notation, e.g. `^118SnI_3-SnI_3-`, `total`, `A / ( B )`).
        public var name: String
        /// Nominal mass in u from the masses line, when the export has one.
        public var mass: Double?
        /// What the column holds.
        public var kind: Kind
        /// One value per cycle (counts, or a ratio for ``Kind/ratio``); may contain `inf` from the file.
        public var values: ContiguousArray<Double>

        /// Creates a column.
        public init(name: String, mass: Double? = nil, kind: Kind = .intensity, values: ContiguousArray<Double>) {
            self.name = name
            self.mass = mass
            self.kind = kind
            self.values = values
        }
    }

    /// Data point (cycle) numbers as exported (1-based).
    public var dataPoint: ContiguousArray<Double>
    /// Sputter time at each cycle in s.
    public var sputterTime: ContiguousArray<Double>
    /// Cumulative primary-ion dose at each cycle in ions, when exported.
    public var dose: ContiguousArray<Double>?
    /// Cumulative fluence (dose density) at each cycle in ions/cm², when exported.
    public var fluence: ContiguousArray<Double>?
    /// The intensity, total and ratio columns, in file order.
    public var columns: [Column]
    /// Header metadata.
    public var metadata: Metadata
    /// Where the profile came from (path).
    public var source: String?

    /// Creates a profile; throws when column lengths differ.
    public init(
        dataPoint: ContiguousArray<Double>, sputterTime: ContiguousArray<Double>,
        dose: ContiguousArray<Double>? = nil, fluence: ContiguousArray<Double>? = nil,
        columns: [Column], metadata: Metadata = Metadata(), source: String? = nil
    ) throws(SIMSError) {
        let n = sputterTime.count
        guard dataPoint.count == n, dose.map({ $0.count == n }) ?? true, fluence.map({ $0.count == n }) ?? true,
              columns.allSatisfy({ $0.values.count == n }) else {
            throw .inconsistent("depth profile columns differ in length", file: source)
        }
        self.dataPoint = dataPoint
        self.sputterTime = sputterTime
        self.dose = dose
        self.fluence = fluence
        self.columns = columns
        self.metadata = metadata
        self.source = source
    }

    /// Number of cycles.
    public var cycleCount: Int { sputterTime.count }

    /// The first column named `name` exactly (a linear search: for many names, use ``columnIndexByName``).
    public func column(named name: String) -> Column? { columns.first { $0.name == name } }

    /// The index in ``columns`` of the first column of each name: looking up every ion of a wide export (10⁵
    /// columns) by ``column(named:)`` would take time quadratic in the column count (#25).
    public var columnIndexByName: [String: Int] {
        Dictionary(columns.indices.map { (columns[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The ion intensity columns (not total, not ratios).
    public var ionColumns: [Column] { columns.filter { $0.kind == .intensity } }

    /// The total-ion column, when exported.
    public var totalColumn: Column? { columns.first { $0.kind == .total } }
}
