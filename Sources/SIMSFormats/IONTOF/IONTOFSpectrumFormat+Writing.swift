import Foundation
import SIMSCore

extension IONTOFSpectrumFormat {
    /// Number formats and line end of a written spectrum export.
    public struct Layout: Sendable, Equatable {
        /// Line end (IONTOF: CRLF).
        public var lineEnd: ExportTextBuffer.LineEnd = .crlf
        /// Format of the `Channel` column (IONTOF: integer).
        public var channelFormat: ExportTextBuffer.NumberFormat = .integer
        /// Format of the `m/z` column (IONTOF: `%.6f`).
        public var massFormat: ExportTextBuffer.NumberFormat = .fixed(decimals: 6)
        /// Format of the `Intensity` column: `%.15g`, which prints integer counts as IONTOF does (`38`) and
        /// keeps fractional (dead-time corrected or simulated) counts to 15 significant digits.
        public var intensityFormat: ExportTextBuffer.NumberFormat = .general(significant: 15)
        /// The IONTOF layout.
        public init() {}
    }

    /// The export text of `spectrum`: its metadata as `# key: value` lines, the title line
    /// (`Channel<TAB>m/z<TAB>Intensity`, without `Channel` when the spectrum has none), one row per point.
    ///
    /// With the default layout, a real IONTOF export read by ``read(from:)`` is reproduced byte for byte.
    public static func encode(_ spectrum: Spectrum, layout: Layout = Layout()) -> Data {
        var out = ExportTextBuffer(lineEnd: layout.lineEnd, reservingCapacity: 64 + spectrum.count * 24)
        out.writeHeader(spectrum.metadata)
        if spectrum.channel != nil { out.write("Channel"); out.tab() }
        out.write("m/z"); out.tab(); out.write("Intensity"); out.endLine()
        spectrum.mass.withUnsafeBufferPointer { mass in
            spectrum.intensity.withUnsafeBufferPointer { intensity in
                for i in 0..<mass.count {
                    if let channel = spectrum.channel { out.write(channel[i], layout.channelFormat); out.tab() }
                    out.write(mass[i], layout.massFormat)
                    out.tab()
                    out.write(intensity[i], layout.intensityFormat)
                    out.endLine()
                }
            }
        }
        return out.data
    }

    /// Writes `spectrum` atomically as an IONTOF spectrum export at `path`.
    public static func write(_ spectrum: Spectrum, to path: String, layout: Layout = Layout()) throws(SIMSError) {
        try AtomicFile.write(encode(spectrum, layout: layout), to: path)
    }
}

extension ExportTextBuffer {
    /// Writes metadata as comment lines: `# key: value`, or `# key` for entries without a value.
    /// Entries whose key starts with `SIMSKit.` (added by readers, not part of the export) are skipped.
    public mutating func writeHeader(_ metadata: Metadata) {
        for entry in metadata.entries where !entry.key.hasPrefix("SIMSKit.") {
            write("# ")
            write(entry.key)
            if !entry.value.isEmpty { write(": "); write(entry.value) }
            endLine()
        }
    }
}
