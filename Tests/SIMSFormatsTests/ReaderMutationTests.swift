import Foundation
import Testing
import SIMSTestSupport
import SIMSAnalysis
@testable import SIMSFormats

/// Seeded mutations of real exports (and of files SIMSKit writes) through every reader, on every test run (#25):
/// a reader either returns or throws a ``SIMSError`` naming the file — a trap would end the test process. Byte
/// flips, cuts, duplicated and deleted spans, and tokens chosen to hit bounds (`9e999`, `-1`, `nan`, `2^62`, tabs,
/// NUL). The seed is fixed (the same mutations on every run; each failure names seed and trial); `SIMSKIT_SEED=N`
/// picks another, `SIMSKIT_SEED=random` a new one per run (``TestSeed``); `SIMSKIT_MUTATIONS` sets the count per
/// reader (default 150).
@Suite("readers survive mutated input")
struct ReaderMutationTests {
    static let seed = TestSeed.value(default: 0x5EED_0025)
    static let count = Int(ProcessInfo.processInfo.environment["SIMSKIT_MUTATIONS"] ?? "") ?? 150

    static let tokens: [[UInt8]] = ["9e999", "-1", "nan", "4611686018427387904", "9223372036854775807", "\t", "\r\n", "\0",
                                    "#", "\"", ",", "1e-320", "0", "-", "inf", "<", "/>", "\u{FEFF}"].map { Array($0.utf8) }

    /// One random mutation of `bytes`.
    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        guard !out.isEmpty else { return tokens.randomElement(using: &random)! }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let at = Int.random(in: 0..<max(out.count, 1), using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: if at < out.count { out[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &random)) }
            case 1: out = Array(out.prefix(at))
            case 2: out.insert(contentsOf: tokens.randomElement(using: &random)!, at: min(at, out.count))
            case 3:
                let end = min(out.count, at + Int.random(in: 1...64, using: &random))
                if at < end { out.removeSubrange(at..<end) }
            case 4:
                let end = min(out.count, at + Int.random(in: 1...200, using: &random))
                if at < end { out.insert(contentsOf: out[at..<end], at: at) }
            default:
                // Replace a run of digits with a token (numbers are where bounds matter).
                if let start = out[at...].firstIndex(where: { (0x30...0x39).contains($0) }) {
                    let end = out[start...].firstIndex(where: { !(0x30...0x39).contains($0) }) ?? out.count
                    out.replaceSubrange(start..<end, with: tokens.randomElement(using: &random)!)
                }
            }
        }
        return out
    }

    /// The first `lines` lines of a file (the readers' seeds stay small so many mutations run quickly).
    static func head(_ path: String, lines: Int) throws -> [UInt8] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var seen = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            seen += 1
            if seen == lines { return Array(bytes[...i]) }
        }
        return bytes
    }

    /// Runs `read` on `count` mutations of `seed`; every outcome but a return or a SIMSError is recorded.
    static func survive(_ name: String, seed: [UInt8], salt: UInt64, _ read: ([UInt8]) throws -> Void) {
        var random = SplitMix64(seed: Self.seed ^ salt)
        for trial in 0..<count {
            let input = mutate(seed, &random)
            do { try read(input) } catch is SIMSError {} catch {
                Issue.record("\(name): seed \(Self.seed) trial \(trial): not a SIMSError: \(error)")
            }
        }
    }

    @Test("IONTOF text exports: spectrum, interval list, depth profile, ion image; plain list")
    func textReaders() throws {
        let spectrum = try Self.head(SharedData.path("hea-catalyst-spectra/N_HEA19_Bi3_1.txt"), lines: 120)
        Self.survive("spectrum", seed: spectrum, salt: 1) { _ = try IONTOFSpectrumFormat.decode(Data($0), source: "s.txt") }
        let list = try Self.head(SharedData.path("lombardo-scripts/Example_mass_interval_list.txt"), lines: 30)
        Self.survive("interval list", seed: list, salt: 2) { _ = try IONTOFIntervalListFormat.decode(Data($0), source: "l.txt") }
        let depth = try Self.head(SharedData.files(in: "perovskite-depth-profiles/FACSPI-PbI2-treatment")[0], lines: 40)
        Self.survive("depth profile", seed: depth, salt: 3) { _ = try IONTOFDepthProfileFormat.decode(Data($0), source: "d.txt") }
        var image = IonImage(width: 6, height: 5, ion: "Li+", fieldOfViewMicrometers: 100)
        for i in image.counts.indices { image.counts[i] = Double(i * 7 % 11) }
        Self.survive("ion image", seed: [UInt8](IONTOFImageFormat.encode(image)), salt: 4) { _ = try IONTOFImageFormat.decode(Data($0), source: "i.txt") }
        let plain = Array("assignment,center,width_ppm,description\nLi+,7.016,5000,a\n\"C_2H-, CN-\",26.0,300,b\nX,12.5,100,\n".utf8)
        Self.survive("plain list", seed: plain, salt: 5) { _ = try PlainIntervalListFormat.decode(Data($0), source: "p.csv") }
    }

    @Test("binary images: BIF6, TIFF")
    func binaryReaders() throws {
        var li = IonImage(width: 4, height: 3, ion: "Li+")
        li.massInterval = MassInterval(lower: 6.9, upper: 7.1, center: 7.0)
        for i in li.counts.indices { li.counts[i] = Double(i) }
        let set = try ImageSet(measurement: "m", images: [li], total: IonImage(width: 4, height: 3, ion: "total"))
        Self.survive("BIF6", seed: try BIF6.encode(set), salt: 6) { _ = try BIF6.decode($0, file: "m.bif6", measurement: "m") }
        let tiff = try TIFF.encode(ContiguousArray((0..<20).map(Double.init)), width: 5, height: 4, type: .uint16, pixelSizeMicrometers: 2, description: "mask")
        Self.survive("TIFF", seed: tiff, salt: 7) { _ = try TIFF.decodePages($0, file: "t.tif") }
    }

    @Test("imzML: mutated XML with its .ibd, and a mutated .ibd")
    func imzML() throws {
        let folder = try TemporaryFolder()
        let xml = [UInt8](try Data(contentsOf: URL(fileURLWithPath: SharedData.path("imzml/iontof_sparse.imzML"))))
        let ibd = [UInt8](try Data(contentsOf: URL(fileURLWithPath: SharedData.path("imzml/iontof_sparse.ibd"))))
        let rounds = max(1, Self.count / 3)
        var random = SplitMix64(seed: Self.seed ^ 8)
        for trial in 0..<rounds {
            let mutateXML = trial % 2 == 0
            try Data(mutateXML ? Self.mutate(xml, &random) : xml).write(to: URL(fileURLWithPath: folder.file("x.imzML")))
            try Data(mutateXML ? ibd : Self.mutate(ibd, &random)).write(to: URL(fileURLWithPath: folder.file("x.ibd")))
            do {
                let file = try ImzML.open(folder.file("x.imzML"))
                for index in 0..<min(file.spectra.count, 4) { _ = try file.spectrum(at: index) }
            } catch is SIMSError {} catch {
                Issue.record("imzML: seed \(Self.seed) trial \(trial): not a SIMSError: \(error)")
            }
        }
    }

    @Test("sims.toml, the [quantify] table and xlsx")
    func configurationReaders() throws {
        let toml = Array("""
            [samples]
            A = ["a1.txt", "a2.txt"]
            [acquisition]
            primary_ion = "Bi3+"
            energy_keV = 30
            current_pA = 0.45
            raster = 128
            [instrument]
            aperture = "Ap 1"
            """.utf8)
        Self.survive("sims.toml", seed: toml, salt: 9) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try StudyManifest.parse(text, path: "/nonexistent/sims.toml", requiringSamples: false)
            _ = try TOMLFlattening.metadata(fromString: text, file: "sims.toml")
        }
        let calibration = Array("""
            [quantify]
            unit = "at.%"
            dilute_limit = 1
            [[quantify.standard]]
            sample = "S0.1"
            concentration = 0.1
            analyte_counts = [1210, 1180]
            reference_counts = [1.0e5, 9.8e4]
            matrix = "NMC"
            phases = 1
            [[quantify.unknown]]
            sample = "A"
            analyte_counts = [2400]
            reference_counts = [1.1e5]
            """.utf8)
        Self.survive("[quantify] table", seed: calibration, salt: 11) { bytes in
            _ = try CalibrationManifest.parse(String(decoding: bytes, as: UTF8.self), file: "calibration.toml")
        }
        let folder = try TemporaryFolder()
        let xlsx = [UInt8](try Data(contentsOf: URL(fileURLWithPath: SharedData.path("lombardo-scripts/Inputs_ToF - PCA.xlsx"))))
        var random = SplitMix64(seed: Self.seed ^ 10)
        for trial in 0..<max(1, Self.count / 5) {
            try Data(Self.mutate(xlsx, &random)).write(to: URL(fileURLWithPath: folder.file("w.xlsx")))
            do { _ = try SpreadsheetWorkbook(path: folder.file("w.xlsx")) } catch is SIMSError {} catch {
                Issue.record("xlsx: seed \(Self.seed) trial \(trial): not a SIMSError: \(error)")
            }
        }
    }
}
