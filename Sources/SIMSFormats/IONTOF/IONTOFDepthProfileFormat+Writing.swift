import Foundation
import SIMSCore

extension IONTOFDepthProfileFormat {
    /// The export text of `profile` in SurfaceLab's layout (CRLF, trailing tab on every line, `%g` numbers):
    /// metadata lines (`# key` or `# key: value`), the ion-names line, the masses line (`%.4f`, `N/A` where a
    /// column has no mass; written when any column has a mass), the title line
    /// `#Data Point #<TAB>Sputter Time (s)<TAB>Dose (ions)<TAB>Fluence (ions/cm^2)<TAB>Intensity…` (Dose and
    /// Fluence only when the profile has them), then one row per cycle.
    ///
    /// A real export read with `dropTrailingZeroRows: false` is reproduced byte for byte.
    public static func encode(_ profile: DepthProfile) -> Data {
        var out = ExportTextBuffer(lineEnd: .crlf, reservingCapacity: 128 + profile.cycleCount * (profile.columns.count + 4) * 9)
        out.writeHeader(profile.metadata)
        var axisTitles = ["Data Point #", "Sputter Time (s)"]
        if profile.dose != nil { axisTitles.append("Dose (ions)") }
        if profile.fluence != nil { axisTitles.append("Fluence (ions/cm^2)") }
        let pad = String(repeating: "\t", count: axisTitles.count)
        out.write("#" + pad)
        for column in profile.columns { out.write(column.name); out.tab() }
        out.endLine()
        if profile.columns.contains(where: { $0.mass != nil }) {
            out.write("#" + pad)
            for column in profile.columns {
                if let mass = column.mass { out.write(mass, .fixed(decimals: 4)) } else { out.write("N/A") }
                out.tab()
            }
            out.endLine()
        }
        out.write("#")
        for title in axisTitles { out.write(title); out.tab() }
        for _ in profile.columns { out.write("Intensity"); out.tab() }
        out.endLine()
        for row in 0..<profile.cycleCount {
            out.write(profile.dataPoint[row], .g); out.tab()
            out.write(profile.sputterTime[row], .g); out.tab()
            if let dose = profile.dose { out.write(dose[row], .g); out.tab() }
            if let fluence = profile.fluence { out.write(fluence[row], .g); out.tab() }
            for column in profile.columns { out.write(column.values[row], .g); out.tab() }
            out.endLine()
        }
        return out.data
    }

    /// Writes `profile` atomically as an IONTOF depth-profile export at `path`.
    public static func write(_ profile: DepthProfile, to path: String) throws(SIMSError) {
        try AtomicFile.write(encode(profile), to: path)
    }
}
