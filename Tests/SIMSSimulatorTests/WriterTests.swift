import Foundation
import Testing
import SIMSFormats
import SIMSTestSupport
@testable import SIMSSimulator

/// One small `all` data set written once per test process, and a second one with the same seed.
enum WrittenData {
    struct Written: @unchecked Sendable { let folder: TemporaryFolder; let output: SimulationWriter.Output }
    static let first: Written = write(seed: 7)
    static let second: Written = write(seed: 7)

    static func write(seed: UInt64) -> Written {
        let folder = try! TemporaryFolder("simskit-sim")
        let output = try! SimulationWriter(folder: folder.path, seed: seed, designs: .small).write(.all)
        return Written(folder: folder, output: output)
    }
}

/// The first `count` lines of a file as raw byte strings, with their line ends.
func firstLines(_ path: String, _ count: Int = 6) throws -> [(text: String, crlf: Bool)] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var lines: [(String, Bool)] = []
    var start = data.startIndex
    for i in data.indices where data[i] == 0x0A {
        let crlf = i > start && data[i - 1] == 0x0D
        lines.append((String(decoding: data[start..<(crlf ? i - 1 : i)], as: UTF8.self), crlf))
        start = i + 1
        if lines.count == count { break }
    }
    return lines
}

/// Structure of a line: comment or not, number of tab-separated fields, trailing tab.
func shape(_ line: String) -> (comment: Bool, fields: Int, trailingTab: Bool) {
    (line.hasPrefix("#"), line.split(separator: "\t", omittingEmptySubsequences: false).count, line.hasSuffix("\t"))
}

@Suite("Simulated files in real formats")
struct WriterTests {
    var root: String { WrittenData.first.folder.path }

    @Test("spectra: read back by our reader, identical counts; first 6 lines shaped like a real export")
    func spectra() throws {
        let study = WrittenData.first.output.study!
        for spot in study.spots {
            let path = root + "/study/\(spot.polarity.rawValue)/\(spot.sample)/\(spot.name).txt"
            let read = try IONTOFSpectrumFormat.read(from: path)
            #expect(read.intensity == spot.spectrum.intensity)
            #expect(read.channel == spot.spectrum.channel)
            #expect(zip(read.mass, spot.spectrum.mass).allSatisfy { abs($0 - $1) <= 5e-7 })
        }
        let real = try firstLines(SharedData.path("hea-catalyst-spectra/N_HEA19_Bi1_1.txt"))
        let ours = try firstLines(root + "/study/negative/A_pristine/N_A_pristine_Bi3_1.txt")
        #expect(ours.count == 6)
        for (r, o) in zip(real, ours) {
            #expect(r.crlf == o.crlf)
            #expect(shape(r.text) == shape(o.text), "\(r.text) | \(o.text)")
        }
        #expect(ours[0].text.hasPrefix("# Binning: ") && ours[1].text == "# Deadtime Correction: off")
        #expect(ours[2].text == real[2].text)
    }

    @Test("study folder and sims.toml load as a study with Table III acquisition parameters")
    func studyManifest() throws {
        let study = try StudyLoader.load(from: root + "/study/negative")
        #expect(study.samples.map(\.name) == ["A_pristine", "B_10cycles", "C_100cycles"])
        #expect(study.samples.allSatisfy { $0.spots.count == 3 })
        #expect(study.acquisition.primaryIon == "Bi3+")
        #expect(study.acquisition.shotsPerPixel == 1 && study.acquisition.scans == 10)
        #expect(study.acquisition.polarity == .negative)
        #expect(study.acquisition.deadTimeCorrected == false)
        let pulses = WrittenData.first.output.study!.spots[0].primaryPulses
        #expect(study.acquisition.primaryPulses == pulses)
    }

    @Test("interval list: read back, header identical to the real export, CRLF")
    func intervalList() throws {
        let path = root + "/study/negative/mass_interval_list.txt"
        let list = try IONTOFIntervalListFormat.read(from: path)
        let expected = WrittenData.first.output.study!.peakList(polarity: .negative)
        #expect(list.peaks.map(\.assignment) == expected.peaks.map(\.assignment))
        #expect(zip(list.peaks, expected.peaks).allSatisfy { abs($0.interval.lower - $1.interval.lower) < 1e-6 })
        let real = try firstLines(SharedData.path("lombardo-scripts/Example_mass_interval_list.txt"))
        let ours = try firstLines(path)
        #expect(ours[0].text == real[0].text)
        for (r, o) in zip(real, ours) { #expect(r.crlf == o.crlf && shape(r.text).fields == shape(o.text).fields) }
    }

    @Test("depth profile: read back; header lines shaped like a real SurfaceLab export")
    func depthProfile() throws {
        let truth = WrittenData.first.output.truth.depth!
        let profile = try IONTOFDepthProfileFormat.read(from: root + "/" + truth.file)
        #expect(profile.cycleCount == 120)
        #expect(profile.totalColumn != nil)
        #expect(profile.ionColumns.map(\.name) == DepthDesign.ions(.negative))
        let realFile = try SharedData.files(in: "perovskite-depth-profiles").first { $0.hasSuffix("neg-C1 - NF.txt") }!
        let real = try firstLines(realFile)
        let ours = try firstLines(root + "/" + truth.file)
        #expect(ours[0].text == "# Profile Smoothing is Disabled")
        for (r, o) in zip(real, ours) {
            #expect(r.crlf == o.crlf)
            #expect(shape(r.text).comment == shape(o.text).comment && shape(r.text).trailingTab == shape(o.text).trailingTab, "\(o.text)")
        }
        #expect(ours[3].text.hasPrefix("#Data Point #\tSputter Time (s)\tDose (ions)\tFluence (ions/cm^2)\tIntensity"))
        // Data rows have the 4 axis fields + one per column + the trailing empty field.
        #expect(shape(ours[4].text).fields == 4 + profile.columns.count + 1)
    }

    @Test("ion images: IONTOF names, read back as ASCII and BIF6 with identical counts")
    func images() throws {
        let folder = root + "/imaging/ascii"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.contains("cathode_neg (1) - total.txt") && names.contains("cathode_pos (2) - ^6Li+.txt"))
        let ions = ImagingDesign.ions(.negative)
        let bif = try BIF6.read(root + "/imaging/cathode_neg.bif6", names: Dictionary(uniqueKeysWithValues: ions.enumerated().map { ($0 + 1, $1) }))
        #expect(bif.ions == ions)
        for image in bif.images {
            let ascii = try IONTOFImageFormat.read(from: folder + "/cathode_neg (1) - \(image.ion).txt")
            #expect(ascii.counts == image.counts, "\(image.ion)")
            #expect(ascii.width == 64 && ascii.height == 64)
        }
        let lines = try firstLines(folder + "/cathode_neg (1) - S-.txt", 12)
        #expect(lines.allSatisfy { $0.crlf })
        let title = lines.firstIndex { !$0.text.hasPrefix("#") }!
        #expect(lines[title].text == "x y intensity")
        #expect(lines[title + 1].text.hasPrefix("0 0 ") && lines[title + 2].text.hasPrefix("1 0 "))
    }

    @Test("identical seeds give byte-identical files; truth.json decodes")
    func determinism() throws {
        let a = WrittenData.first, b = WrittenData.second
        #expect(a.output.files == b.output.files)
        for file in a.output.files {
            let x = try Data(contentsOf: URL(fileURLWithPath: a.folder.path + "/" + file))
            let y = try Data(contentsOf: URL(fileURLWithPath: b.folder.path + "/" + file))
            #expect(x == y, "\(file) differs")
        }
        let truth = try JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: URL(fileURLWithPath: root + "/truth.json")))
        #expect(truth.seed == 7 && truth.study?.spots.count == 9)
        #expect(truth.imaging?.phaseMap.count == 64)
        #expect(truth.depth?.interfaceTimesSeconds.count == 3)
    }
}
