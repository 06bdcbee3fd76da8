import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSWorkflows

/// Small inputs for tests that run the `sims` executable many times (killed runs, one-letter folders, the CLI
/// examples of #25): each workflow over them takes about a second in a debug build.
enum SmallStudies {
    /// A spectra study (3 samples × 4 spots, 12 Gaussian peaks on 3000 channels) at `FOLDER/study` and its peak
    /// list `FOLDER/peaks.csv` (the 12 peaks; `peaks6.csv`: the first 6).
    static func spectra(in folder: TemporaryFolder) throws -> (root: String, peaks: String) {
        var random = SeededGenerator(seed: 11)
        let masses = (0..<12).map { 10.0 + Double($0) * 7.3 }
        let root = folder.file("study")
        for (s, sample) in ["A", "B", "C"].enumerated() {
            for spot in 1...4 {
                var mass = ContiguousArray<Double>(), intensity = ContiguousArray<Double>()
                for i in 0..<3000 {
                    let m = 5.0 + Double(i) * 0.03
                    var value = 2.0
                    for (k, center) in masses.enumerated() {
                        let level = Double(1 + (k * (s + 2)) % 7)
                        let noise: Double = 1 + 0.05 * random.normal()
                        let z = (m - center) / 0.05
                        value += 100 * level * noise * exp(-0.5 * z * z)
                    }
                    mass.append(m)
                    intensity.append(value.rounded())
                }
                try IONTOFSpectrumFormat.write(Spectrum(mass: mass, intensity: intensity, channel: nil, metadata: [:]),
                                               to: root + "/\(sample)/\(sample)_\(spot).txt")
            }
        }
        func list(_ count: Int) -> String {
            "assignment,lower,upper\n" + masses.prefix(count).enumerated()
                .map { "X\($0.offset)-,\($0.element - 0.15),\($0.element + 0.15)" }.joined(separator: "\n") + "\n"
        }
        _ = try folder.write(list(6), to: "peaks6.csv")
        return (root, try folder.write(list(12), to: "peaks.csv"))
    }

    /// One image set (`Cathode (1) - ION.txt`, 12 × 10 pixels: total, Li+, Ni+, Co+) in `FOLDER/relative`;
    /// returns the folder's path. Li+ and Ni+ are complementary halves, so phases and components exist.
    static func images(in folder: TemporaryFolder, at relative: String = "A") throws -> String {
        let images = folder.file(relative)
        for ion in ["total", "Li+", "Ni+", "Co+"] {
            var image = IonImage(width: 12, height: 10, ion: ion, fieldOfViewMicrometers: 60)
            for i in image.counts.indices {
                let left = i % 12 < 6
                switch ion {
                case "Li+": image.counts[i] = Double((left ? 40 : 3) + (i * 7) % 5)
                case "Ni+": image.counts[i] = Double((left ? 2 : 35) + (i * 3) % 4)
                default: image.counts[i] = Double(5 + (i * (ion.count + 3)) % 17) + (ion == "total" ? 80 : 0)
                }
            }
            try IONTOFImageFormat.write(image, to: images + "/Cathode (1) - \(ion).txt")
        }
        return images
    }

    /// Two replicate depth profiles of a two-layer stack (A- on B-, 60 cycles) in `FOLDER/relative`; returns the
    /// folder's path.
    static func depth(in folder: TemporaryFolder, at relative: String = "D") throws -> String {
        let root = folder.file(relative)
        for (k, name) in ["I1a_S_x-C1", "I1b_S_x-C2"].enumerated() {
            let times = ContiguousArray((0..<60).map { Double($0) * 2 })
            func step(_ t: Double) -> Double { 0.5 * (1 + erf((t - 60 - Double(k) * 4) / 6)) }
            let a = ContiguousArray(times.map { (2000 * (1 - step($0)) + 5).rounded() })
            let b = ContiguousArray(times.map { (800 * step($0) + 3 + Double(k)).rounded() })
            let profile = try DepthProfile(dataPoint: ContiguousArray((1...60).map(Double.init)), sputterTime: times,
                                           fluence: ContiguousArray(times.map { $0 * 4e12 }),
                                           columns: [.init(name: "total", kind: .total, values: ContiguousArray(zip(a, b).map(+))),
                                                     .init(name: "A-", values: a), .init(name: "B-", values: b)],
                                           source: name)
            try IONTOFDepthProfileFormat.write(profile, to: root + "/\(name).txt")
        }
        return root
    }
}
