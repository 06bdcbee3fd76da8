import Foundation
import SIMSCore

/// Writes a ``Volume`` as a legacy VTK file (`STRUCTURED_POINTS`, binary big-endian float32), which ParaView,
/// VisIt and Fiji (via plugins) open directly.
///
/// Layout per the VTK file-format specification (Kitware, "VTK File Formats", legacy format): header line,
/// title, `BINARY`, `DATASET STRUCTURED_POINTS` with `DIMENSIONS nx ny nz`, `SPACING` (µm), `ORIGIN`, then
/// `POINT_DATA n` and one `SCALARS <name> float 1` block per ion (x fastest, then y, then z = plane).
public enum VTKWriter {
    /// The file content for `volume`, one scalar field per ion plus `total` when present.
    /// - Parameters:
    ///   - volume: the 3-D stack to write.
    ///   - pixelSizeMicrometers: lateral voxel size in µm (1 when unknown).
    ///   - planeThicknessMicrometers: voxel size along z in µm (defaults to the volume's, else 1).
    public static func data(for volume: Volume, pixelSizeMicrometers: Double? = nil, planeThicknessMicrometers: Double? = nil) -> Data {
        guard let first = volume.planes.first else { return Data() }
        let nx = first.width, ny = first.height, nz = volume.depth
        let dx = pixelSizeMicrometers ?? first.images.first?.pixelSizeMicrometers ?? 1
        let dz = planeThicknessMicrometers ?? volume.planeThicknessMicrometers ?? 1
        var header = "# vtk DataFile Version 3.0\nSIMSKit \(SIMSKitVersion.current) ToF-SIMS volume (lengths in um)\nBINARY\n"
        header += "DATASET STRUCTURED_POINTS\nDIMENSIONS \(nx) \(ny) \(nz)\nSPACING \(dx) \(dx) \(dz)\nORIGIN 0 0 0\n"
        header += "POINT_DATA \(nx * ny * nz)\n"
        var out = Data(header.utf8)
        var fields: [(String, (ImageSet) -> IonImage?)] = first.ions.map { ion in (ion, { $0.image(of: ion) }) }
        if first.total != nil { fields.append(("total", { $0.total })) }
        for (name, pick) in fields {
            out.append(Data("SCALARS \(fieldName(name)) float 1\nLOOKUP_TABLE default\n".utf8))
            var bytes = [UInt8]()
            bytes.reserveCapacity(nx * ny * nz * 4)
            for plane in volume.planes {
                let counts = pick(plane)?.counts ?? ContiguousArray(repeating: 0, count: nx * ny)
                for value in counts {
                    let bits = Float(value).bitPattern.bigEndian
                    withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
                }
            }
            out.append(contentsOf: bytes)
            out.append(0x0A)
        }
        return out
    }

    /// Writes the volume atomically to `path`.
    public static func write(_ volume: Volume, to path: String, pixelSizeMicrometers: Double? = nil) throws(SIMSError) {
        try AtomicFile.write(data(for: volume, pixelSizeMicrometers: pixelSizeMicrometers), to: path)
    }

    /// VTK field names may not contain white space; other characters are kept.
    static func fieldName(_ ion: String) -> String {
        String(ion.map { $0 == " " || $0 == "\t" ? "_" : $0 })
    }
}
