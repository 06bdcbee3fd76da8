import Foundation
import SIMSCore

extension IONTOFImageFormat {
    /// The export text of `image`: `# Ion: …`, `# Image Size: W x H pixels`, `# Field of View: F x F µm`
    /// (when known), any further metadata as `# key: value` (keys already written are skipped), the title
    /// line `x y intensity`, then one `x y intensity` row per pixel separated by single spaces, x fastest,
    /// CRLF line ends, intensities in `%.15g` (integer counts print as integers).
    public static func encode(_ image: IonImage) -> Data {
        var out = ExportTextBuffer(lineEnd: .crlf, reservingCapacity: 128 + image.pixelCount * 14)
        out.write("# Ion: \(image.ion)"); out.endLine()
        out.write("# Image Size: \(image.width) x \(image.height) pixels"); out.endLine()
        if let fov = image.fieldOfViewMicrometers {
            out.write("# Field of View: ")
            out.write(fov, .general(significant: 15))
            out.write(" x ")
            out.write(fov * Double(image.height) / Double(max(image.width, 1)), .general(significant: 15))
            out.write(" µm")
            out.endLine()
        }
        let written: Set<String> = ["ion", "image size", "field of view"]
        for entry in image.metadata.entries where !written.contains(entry.key.lowercased()) && !entry.key.hasPrefix("SIMSKit.") {
            out.write("# "); out.write(entry.key)
            if !entry.value.isEmpty { out.write(": "); out.write(entry.value) }
            out.endLine()
        }
        out.write("x y intensity"); out.endLine()
        image.counts.withUnsafeBufferPointer { counts in
            for y in 0..<image.height {
                for x in 0..<image.width {
                    out.write(integer: Int64(x)); out.write(byte: 0x20)
                    out.write(integer: Int64(y)); out.write(byte: 0x20)
                    out.write(counts[y * image.width + x], .general(significant: 15))
                    out.endLine()
                }
            }
        }
        return out.data
    }

    /// Writes `image` atomically at `path` (use ``IONTOFImageFileName/fileName`` for the IONTOF name).
    public static func write(_ image: IonImage, to path: String) throws(SIMSError) {
        try AtomicFile.write(encode(image), to: path)
    }
}
