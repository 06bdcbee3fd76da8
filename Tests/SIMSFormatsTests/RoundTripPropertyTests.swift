import Foundation
import Testing
import SIMSTestSupport
import SIMSAnalysis
@testable import SIMSFormats

/// Property tests (#25): for random valid values, writer → reader gives back exactly what was written, in every
/// format SIMSKit both writes and reads. The seed is fixed (each failure names it); `SIMSKIT_SEED=N` picks another,
/// `SIMSKIT_SEED=random` a new one per run (``TestSeed``).
@Suite("writer → reader round trips for random valid inputs")
struct RoundTripPropertyTests {
    static let seed = TestSeed.value(default: 0x5EED_0026)

    @Test("IONTOF spectrum: masses on the 10⁻⁶ u grid the writer prints, integer counts")
    func spectra() throws {
        var random = SplitMix64(seed: Self.seed)
        for trial in 0..<40 {
            let n = Int.random(in: 1...400, using: &random)
            var mass = ContiguousArray<Double>(), intensity = ContiguousArray<Double>()
            var micro = Int.random(in: 0...2_000_000, using: &random)
            for _ in 0..<n {
                micro += Int.random(in: 1...50_000, using: &random)
                mass.append(Double(micro) / 1e6)
                intensity.append(Double(Int.random(in: 0...5_000_000, using: &random)))
            }
            let spectrum = Spectrum(mass: mass, intensity: intensity, channel: nil, metadata: ["Polarity": trial % 2 == 0 ? "negative" : "positive"])
            let back = try IONTOFSpectrumFormat.decode(IONTOFSpectrumFormat.encode(spectrum), source: "seed \(Self.seed) trial \(trial)")
            #expect(back.mass == mass && back.intensity == intensity && back.metadata == spectrum.metadata, "seed \(Self.seed) trial \(trial)")
        }
    }

    @Test("IONTOF ion image: any size up to 40 × 40, integer counts")
    func images() throws {
        var random = SplitMix64(seed: Self.seed ^ 1)
        for trial in 0..<40 {
            let width = Int.random(in: 1...40, using: &random), height = Int.random(in: 1...40, using: &random)
            var image = IonImage(width: width, height: height, ion: ["Li+", "C_2H-", "^6Li+", "total"][trial % 4])
            for i in image.counts.indices { image.counts[i] = Double(Int.random(in: 0...100_000, using: &random)) }
            let back = try IONTOFImageFormat.decode(IONTOFImageFormat.encode(image), source: "img.txt")
            #expect(back.width == width && back.height == height && back.counts == image.counts && back.ion == image.ion, "seed \(Self.seed) trial \(trial)")
        }
    }

    @Test("plain interval list: any finite bounds (shortest decimal form), names with commas and quotes")
    func plainLists() throws {
        var random = SplitMix64(seed: Self.seed ^ 2)
        let names = ["Li+", "C_2H-, CN-", "\"odd\" name", "^6Li+", "PO_3-"]
        for trial in 0..<40 {
            var peaks: [Peak] = []
            for k in 0..<Int.random(in: 1...60, using: &random) {
                let lower = Double.random(in: 0...2000, using: &random)
                let upper = lower + Double.random(in: 0...1, using: &random)
                peaks.append(Peak(index: k + 1, assignment: names[k % names.count], interval: MassInterval(lower: lower, upper: upper)))
            }
            let back = try PlainIntervalListFormat.decode(PlainIntervalListFormat.encode(PeakList(peaks: peaks)), source: "list.csv")
            #expect(back.peaks.map(\.assignment) == peaks.map(\.assignment), "seed \(Self.seed) trial \(trial)")
            #expect(back.peaks.map(\.interval.lower) == peaks.map(\.interval.lower) && back.peaks.map(\.interval.upper) == peaks.map(\.interval.upper))
        }
    }

    @Test("TIFF: every sample type, any size up to 64 × 64")
    func tiffs() throws {
        var random = SplitMix64(seed: Self.seed ^ 3)
        let types: [(TIFF.SampleType, Double)] = [(.uint8, 255), (.uint16, 65535), (.uint32, 4_294_967_295), (.float32, 0)]
        for trial in 0..<40 {
            let (type, maximum) = types[trial % types.count]
            let width = Int.random(in: 1...64, using: &random), height = Int.random(in: 1...64, using: &random)
            let values = ContiguousArray((0..<(width * height)).map { _ -> Double in
                maximum > 0 ? Double(UInt64.random(in: 0...UInt64(maximum), using: &random)) : Double(Float(Double.random(in: -1e6...1e6, using: &random)))
            })
            let back = try TIFF.decode(TIFF.encode(values, width: width, height: height, type: type), file: "t.tif")
            #expect(back.width == width && back.height == height && back.values == values && back.sampleType == type, "seed \(Self.seed) trial \(trial)")
        }
    }

    @Test("BIF6: 1–4 images with float32 masses and uint32 counts, and the total")
    func bif6() throws {
        var random = SplitMix64(seed: Self.seed ^ 4)
        for trial in 0..<30 {
            let width = Int.random(in: 1...32, using: &random), height = Int.random(in: 1...32, using: &random)
            var images: [IonImage] = []
            for k in 0..<Int.random(in: 1...4, using: &random) {
                var image = IonImage(width: width, height: height, ion: "m\(k)")
                for i in image.counts.indices { image.counts[i] = Double(UInt32.random(in: 0...UInt32.max, using: &random)) }
                let center = Double(Float(Double.random(in: 1...500, using: &random)))
                image.massInterval = MassInterval(lower: Double(Float(center - 0.1)), upper: Double(Float(center + 0.1)), center: center)
                image.intervalID = k + 1
                images.append(image)
            }
            var total = IonImage(width: width, height: height, ion: "total")
            for i in total.counts.indices { total.counts[i] = images.reduce(0) { $0 + $1.counts[i] }.truncatingRemainder(dividingBy: 4_294_967_296) }
            let set = try ImageSet(measurement: "m", images: images, total: total)
            let back = try BIF6.decode(BIF6.encode(set), file: "m.bif6", measurement: "m")
            #expect(back.images.map(\.counts) == images.map(\.counts) && back.total?.counts == total.counts, "seed \(Self.seed) trial \(trial)")
            #expect(back.images.map { $0.massInterval?.center } == images.map { $0.massInterval?.center })
        }
    }
}
