import SIMSFormats

/// The small imzML pair the reader and CLI tests craft their broken files from (one builder for every test module).
public enum ImzMLFixture {
    /// Writes a continuous imzML of 3 × 2 pixels and 4 channels (m/z 10, 20, 30, 40 u; pixel (x, y) holds
    /// intensities x, y, 1, 0) to `FOLDER/name.imzML` + `.ibd` with SIMSKit's writer; returns the `.imzML` path.
    public static func small(in folder: TemporaryFolder, name: String = "small") throws -> String {
        let path = folder.file(name + ".imzML")
        let writer = try ImzMLWriter(path: path, storage: .continuous, width: 3, height: 2)
        try writer.writeSharedMZ([10, 20, 30, 40])
        for y in 1...2 { for x in 1...3 { try writer.append(x: x, y: y, intensities: [Double(x), Double(y), 1, 0]) } }
        try writer.finish()
        return path
    }
}
