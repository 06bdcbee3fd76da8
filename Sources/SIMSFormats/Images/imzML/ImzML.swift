import SIMSCore

/// An imzML imaging mass-spectrometry data set: the XML index (`.imzML`) plus the binary data (`.ibd`).
///
/// imzML 1.1 (Schramm et al., J. Proteomics 75 (2012) 5106; https://ms-imaging.org): mzML 1.1 XML with the
/// imaging ontology. `IMS:1000030` *continuous* files share one m/z array; `IMS:1000031` *processed* files have
/// one m/z array per spectrum. The first 16 bytes of the .ibd are the UUID also given in the XML
/// (`IMS:1000080`). Positions `IMS:1000050/51` are 1-based. Each binary array is located by
/// `IMS:1000102` (offset, bytes), `IMS:1000103` (array length, elements) and `IMS:1000104` (encoded length, bytes).
///
/// Opening parses only the XML index (bounded memory); spectra and peak images are read from the .ibd on
/// demand with positioned reads (see ``ImzML/peakImages(_:measurement:progress:)``).
public struct ImzML: Sendable {
    /// Storage mode of the binary data.
    public enum Storage: String, Sendable, Equatable {
        /// One m/z array for all spectra (`IMS:1000030`).
        case continuous
        /// One m/z array per spectrum (`IMS:1000031`).
        case processed
    }

    /// Numeric type of a binary array (`MS:1000521/1000523/1000519/1000522`).
    public enum NumberType: String, Sendable, Equatable {
        /// 32-bit IEEE float (`MS:1000521`).
        case float32
        /// 64-bit IEEE float (`MS:1000523`).
        case float64
        /// 32-bit signed integer (`MS:1000519`).
        case int32
        /// 64-bit signed integer (`MS:1000522`).
        case int64

        /// Bytes per element.
        public var size: Int { self == .float32 || self == .int32 ? 4 : 8 }

        /// The PSI-MS accession.
        public var accession: String {
            switch self {
            case .float32: "MS:1000521"
            case .float64: "MS:1000523"
            case .int32: "MS:1000519"
            case .int64: "MS:1000522"
            }
        }

        /// The PSI-MS name.
        public var cvName: String {
            switch self {
            case .float32: "32-bit float"
            case .float64: "64-bit float"
            case .int32: "32-bit integer"
            case .int64: "64-bit integer"
            }
        }

        init?(accession: String) {
            switch accession {
            case "MS:1000521": self = .float32
            case "MS:1000523": self = .float64
            case "MS:1000519": self = .int32
            case "MS:1000522": self = .int64
            default: return nil
            }
        }
    }

    /// Location of one binary array in the .ibd.
    public struct ArrayLocation: Sendable, Equatable {
        /// Byte offset in the .ibd.
        public var offset: Int
        /// Number of elements.
        public var length: Int
        /// Number of bytes (`length × size` for uncompressed data).
        public var encodedLength: Int
        /// Element type.
        public var type: NumberType
    }

    /// One spectrum (pixel) of the index.
    public struct SpectrumEntry: Sendable, Equatable {
        /// Position along x, 1-based (`IMS:1000050`).
        public var x: Int
        /// Position along y, 1-based (`IMS:1000051`).
        public var y: Int
        /// The m/z array (u).
        public var mz: ArrayLocation
        /// The intensity array (counts).
        public var intensity: ArrayLocation
    }

    /// A channel (ion) recorded by SIMSKit's writer in a `userParam`, so ion names and intervals survive a
    /// round trip; `nil` for files from other software.
    public struct Channel: Sendable, Equatable {
        /// Ion name (`total` for the total-ion channel).
        public var ion: String
        /// The mass interval (u) the counts were integrated over; `nil` for the total.
        public var interval: MassInterval?
    }

    /// Path of the `.imzML` file.
    public var path: String
    /// Path of the `.ibd` file.
    public var binaryPath: String
    /// Storage mode.
    public var storage: Storage
    /// UUID (16 bytes) shared by XML and .ibd.
    public var uuid: [UInt8]
    /// The spectra, in file order.
    public var spectra: [SpectrumEntry]
    /// Image width in pixels (the larger of `IMS:1000042` and the largest x position).
    public var width: Int
    /// Image height in pixels (the larger of `IMS:1000043` and the largest y position).
    public var height: Int
    /// Pixel size along x in µm (`IMS:1000046`), when given.
    public var pixelSizeXMicrometers: Double?
    /// Pixel size along y in µm (`IMS:1000047`), when given.
    public var pixelSizeYMicrometers: Double?
    /// Channels written by SIMSKit (continuous files whose m/z array holds one entry per ion), else empty.
    public var channels: [Channel]
    /// Size of the .ibd in bytes.
    public var binarySize: Int
}
