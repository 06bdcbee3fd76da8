import SIMSCore

extension IonImage {
    /// Metadata keys under which image formats keep an image's mass interval and interval id
    /// (BIF6 and imzML store masses; IONTOF ASCII exports may not).
    public enum MassKeys {
        /// Lower bound of the mass interval, u.
        public static let lower = "Lower Mass (u)"
        /// Centre of the mass interval, u.
        public static let center = "Center Mass (u)"
        /// Upper bound of the mass interval, u.
        public static let upper = "Upper Mass (u)"
        /// Interval id (BIF6 interval id, IONTOF peak number).
        public static let id = "Interval ID"
    }

    /// The mass interval the image was integrated over (u), when known.
    public var massInterval: MassInterval? {
        get {
            guard let lower = metadata[MassKeys.lower].flatMap(Double.init),
                  let upper = metadata[MassKeys.upper].flatMap(Double.init),
                  lower.isFinite, upper.isFinite, lower <= upper else { return nil }
            let center = metadata[MassKeys.center].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
            return MassInterval(lower: lower, upper: upper, center: center)
        }
        set {
            metadata[MassKeys.lower] = newValue.map { "\($0.lower)" }
            metadata[MassKeys.center] = newValue.map { "\($0.center)" }
            metadata[MassKeys.upper] = newValue.map { "\($0.upper)" }
        }
    }

    /// The interval id (BIF6 id, peak number), when known.
    public var intervalID: Int? {
        get { metadata[MassKeys.id].flatMap { Int($0) } }
        set { metadata[MassKeys.id] = newValue.map(String.init) }
    }
}
