/// Physical constants used for ion masses.
public enum PhysicalConstants {
    /// Electron mass in u (CODATA 2018: 5.485 799 090 65(16) × 10⁻⁴ u).
    public static let electronMass: Double = 0.000548579909065
}
