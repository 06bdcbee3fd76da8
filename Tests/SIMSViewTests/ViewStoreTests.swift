import Foundation
import Testing
import Synchronization
import SIMSCore
import SIMSChemistry
import SIMSTestSupport
@testable import SIMSView

@Suite("sims view store: binary spectra, background builds")
struct ViewStoreTests {
    /// root/A/spot_1.txt with `points` channels (a sawtooth of counts) and root/B/spot_1.txt with 4.
    func study(points: Int) throws -> TemporaryFolder {
        let tmp = try TemporaryFolder("sims-view-store")
        var text = "# Binning: 1 channels\nChannel\tm/z\tIntensity\n"
        for i in 0..<points { text += "\(i + 1)\t\(1 + Double(i) * 0.01)\t\((i * 37) % 101)\n" }
        try tmp.write(text, to: "root/A/spot_1.txt")
        try tmp.write("# Binning: 1 channels\nChannel\tm/z\tIntensity\n1\t1.0\t5\n2\t1.5\t9\n3\t2.0\t4\n4\t2.5\t0\n", to: "root/B/spot_1.txt")
        return tmp
    }

    /// Reads a ``BinaryAnswer`` as the page does: header, then each series' arrays at their alignment.
    func decode(_ bytes: [UInt8]) throws -> (header: [String: Any], arrays: [[String: [Double]]]) {
        let length = Int(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(bytes[4..<(4 + length)])) as? [String: Any])
        var offset = (4 + length + 7) & ~7
        func take(_ size: Int, _ count: Int) -> [Double] {
            offset = (offset + size - 1) / size * size
            defer { offset += size * count }
            return (0..<count).map { k in
                var bits: UInt64 = 0
                for b in 0..<size { bits |= UInt64(bytes[offset + k * size + b]) << (8 * b) }
                return size == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(bits)))
            }
        }
        var arrays: [[String: [Double]]] = []
        for series in try #require(header["series"] as? [[String: Any]]) {
            let count = try #require(series["count"] as? Int)
            var named: [String: [Double]] = [:]
            for spec in try #require(series["arrays"] as? [String]) {
                let parts = spec.split(separator: ":")
                named[String(parts[0])] = take(parts[1] == "f64" ? 8 : 4, count)
            }
            arrays.append(named)
        }
        #expect(offset == bytes.count, "the payload ends with the last array")
        return (header, arrays)
    }

    /// Per-pixel columns: positions are exactly the column centres (c + ½), m/z computed from them equals the
    /// decimation's m/z, and the extremes equal the decimation's to float32 rounding; raw points are exact.
    @Test func binarySpectraCarryTheDecimationExactly() async throws {
        let tmp = try study(points: 2000)
        let catalog = try ViewCatalog.scan(tmp.file("root"))
        let store = ViewStore(catalog: catalog)
        let a = try #require(catalog.spectra.firstIndex { $0.sample == "A" }), b = try #require(catalog.spectra.firstIndex { $0.sample == "B" })
        let columns = 300
        let binary = try await store.spectraBinary(ids: ["\(a)", "\(b)"], lower: 3.5, upper: 17.25, columns: columns)
        let (header, arrays) = try decode(binary.bytes)
        let lower = try #require(header["lower"] as? Double), upper = try #require(header["upper"] as? Double)
        #expect(lower == 3.5 && upper == 17.25 && header["columns"] as? Int == columns)
        let series = try #require(header["series"] as? [[String: Any]])
        #expect(series.count == 2 && series[0]["raw"] as? Bool == false && series[1]["raw"] as? Bool == true)
        let expected = try await store.spectrum(a).pyramid.decimate(lower: lower, upper: upper, columns: columns)
        let position = try #require(arrays[0]["position"]), maxima = try #require(arrays[0]["max"]), minima = try #require(arrays[0]["min"])
        #expect(position.count == expected.mass.count && !expected.raw)
        let step = (upper - lower) / Double(columns)
        for i in position.indices {
            #expect(position[i] - 0.5 == position[i].rounded(.down), "position \(i) is a column centre")
            #expect(lower + position[i] * step == expected.mass[i])
            #expect(maxima[i] == Double(Float(expected.maximum[i])) && minima[i] == Double(Float(expected.minimum[i])))
        }
        let raw = try await store.spectrum(b).pyramid.decimate(lower: lower, upper: upper, columns: columns)
        #expect(arrays[1]["mass"] == raw.mass && arrays[1]["max"] == raw.maximum)
    }

    /// While the assignment library is being built (held here by a gate), other requests are answered; the
    /// library is built once however many requests wait for it.
    @Test func buildingTheAssignerBlocksNoOtherRequest() async throws {
        let tmp = try study(points: 10)
        let gate = DispatchSemaphore(value: 0)
        let builds = Mutex(0)
        let store = ViewStore(catalog: try ViewCatalog.scan(tmp.file("root"))) { polarity in
            builds.withLock { $0 += 1 }
            gate.wait()
            return PeakAssigner(library: .battery, polarity: polarity)
        }
        let first = Task { await store.assignJSON(mass: 26.0036, width: 0.01, polarity: .negative) }
        let second = Task { await store.assignJSON(mass: 18.998, width: 0.05, polarity: .negative) }
        // Let both reach the gate, then ask for other things: they must be answered while the build waits.
        while builds.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let catalog = try await store.catalogJSON()
        #expect(String(decoding: catalog.bytes, as: UTF8.self).contains("\"spectra\""))
        let spectra = try await store.spectraJSON(ids: ["0"], lower: nil, upper: nil, columns: 100)
        #expect(!spectra.bytes.isEmpty)
        gate.signal()
        let answers = [await first.value, await second.value].map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(answers[0].contains("CN") && answers[1].contains("\"candidates\""), "\(answers)")
        #expect(builds.withLock { $0 } == 1)
    }

    /// While an image set is being read (held here by a gate after reporting progress), `/api/imageset` answers
    /// at once with the progress and other requests are answered; afterwards it describes the set.
    @Test func imageSetProgressIsAnsweredWhileTheIndexIsBuilt() async throws {
        let gate = DispatchSemaphore(value: 0)
        let catalog = try ViewCatalog.scan(try SharedData.path("imzml"))
        let set = try #require(catalog.imageSources.indices.first)
        let store = ViewStore(catalog: catalog, readImageSet: { source, peaks, progress throws(SIMSError) in
            progress.report("reading", done: 3, total: 9)
            gate.wait()
            return try ViewImageSet(source: source, peaks: peaks)
        })
        var answer = ""
        for _ in 0..<2000 where !answer.contains("\"reading\"") {
            answer = String(decoding: try await store.imageSetJSON(set).bytes, as: UTF8.self)
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(answer.contains("\"loading\":true") && answer.contains("\"done\":3") && answer.contains("\"total\":9"), "\(answer)")
        #expect(String(decoding: try await store.catalogJSON().bytes, as: UTF8.self).contains("\"images\""))
        gate.signal()
        _ = try await store.imageSet(set)
        let done = String(decoding: try await store.imageSetJSON(set).bytes, as: UTF8.self)
        #expect(done.contains("\"retrospective\":true") && !done.contains("loading"), "\(done)")
    }

    /// Image ion names keep the data's names as values and come typeset from the figures' code: Unicode text for
    /// the `<select>` options (`SO_3-` → SO₃⁻), HTML markup for the ROI panel's table and its counts line.
    @Test func imageIonNamesAreTypesetForTheSelectAndTheROITable() async throws {
        let catalog = try ViewCatalog.scan(try SharedData.path("imzml"))
        let set = try #require(catalog.imageSources.indices.first)
        let peaks = [Peak(index: 1, assignment: "SO_3-", interval: MassInterval(lower: 100, upper: 300)),
                     Peak(index: 2, assignment: "^206PbI_3-", interval: MassInterval(lower: 300, upper: 800))]
        let store = ViewStore(catalog: catalog, readImageSet: { source, _, _ throws(SIMSError) in try ViewImageSet(source: source, peaks: peaks) })
        _ = try await store.imageSet(set)
        let info = try #require(try JSONSerialization.jsonObject(with: Data(try await store.imageSetJSON(set).bytes)) as? [String: Any])
        let labels = try #require(info["ionLabels"] as? [[String: Any]])
        #expect(labels.map { $0["name"] as? String ?? "" } == (info["ions"] as? [String]))
        #expect(labels.map { $0["text"] as? String } == ["total", "SO₃⁻", "²⁰⁶PbI₃⁻"])
        let roi = try #require(try JSONSerialization.jsonObject(with: Data(try await store.roiJSON(
            set: set, ion: "SO_3-", lower: nil, upper: nil, ratio: "^206PbI_3-", polygon: try PixelPolygon(flat: [0, 0, 2, 0, 2, 2]), columns: 100).bytes)) as? [String: Any])
        #expect(roi["nameMarkup"] as? String == "SO<sub>3</sub><sup>−</sup>")
        #expect(roi["referenceMarkup"] as? String == "<sup>206</sup>PbI<sub>3</sub><sup>−</sup>")
        let ions = try #require(roi["ions"] as? [[String: Any]])
        #expect(ions.map { $0["ion"] as? String } == ["SO_3-", "^206PbI_3-"])
        #expect(ions.map { $0["markup"] as? String } == ["SO<sub>3</sub><sup>−</sup>", "<sup>206</sup>PbI<sub>3</sub><sup>−</sup>"])
    }
}
