/// IONTOF's time-of-flight mass scale: m = ((t − t0) / SF)².
///
/// `t` is the flight time in the unit of the data (channels of the spectrum's `Channel` column, or s);
/// `t0` (same unit) is the time offset and `SF` (unit of t per √u) the scale factor. Reference: IONTOF
/// SurfaceLab mass calibration; the quadratic law follows from t = L·√(m / 2qU) for a field-free drift.
public struct MassCalibration: Sendable, Hashable, Codable {
    /// Time offset t0 (unit of t).
    public var t0: Double
    /// Scale factor SF (unit of t per √u).
    public var sf: Double

    /// Creates a calibration.
    public init(t0: Double, sf: Double) {
        self.t0 = t0
        self.sf = sf
    }

    /// m/z (u) at flight time `t`: ((t − t0)/SF)².
    @inlinable public func mass(atTime t: Double) -> Double {
        let root = (t - t0) / sf
        return root * root
    }

    /// Flight time of m/z `mass` (u): t0 + SF·√m.
    @inlinable public func time(ofMass mass: Double) -> Double {
        t0 + sf * mass.squareRoot()
    }
}
