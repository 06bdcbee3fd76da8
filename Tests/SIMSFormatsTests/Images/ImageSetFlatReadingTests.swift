import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

/// ``ImageSetSource/loadWithDigests(_:peaks:fileRead:)`` reads the files of many measurements as one flat
/// concurrent step; each result must be exactly what reading that measurement alone gives, errors included.
@Suite("Image sets read as one flat concurrent step")
struct ImageSetFlatReadingTests {
    /// Four ASCII measurements (B with a corrupt ion file, C with images of two sizes, D without its total), a BIF6
    /// file and a missing BIF6 file.
    static func sources(in folder: TemporaryFolder) throws -> [ImageSetSource] {
        let base = try ImageConversionRoundTripTests.set()
        for name in ["A", "B", "C", "D"] {
            var set = base
            set.measurement = name
            set.images = set.images.map { var image = $0; image.counts = ContiguousArray(image.counts.map { $0 + Double(name.utf8.first!) }); return image }
            try set.writeIONTOFASCII(to: folder.file("ascii"))
        }
        try folder.write("# not an image\n1 2\n", to: "ascii/B (3) - NiO2-.txt")
        try FileManager.default.removeItem(atPath: folder.file("ascii/D (3) - total.txt"))
        let small = IonImage(width: 2, height: 2, counts: [1, 2, 3, 4], ion: "SO3-", fieldOfViewMicrometers: 100)
        try IONTOFImageFormat.write(small, to: folder.file("ascii/C (3) - SO3-.txt"))
        try BIF6.write(base, to: folder.file("E.bif6"))
        return try ImageSetSource.discover(in: folder.file("ascii")) + [.bif6(path: folder.file("E.bif6")), .bif6(path: folder.file("F.bif6"))]
    }

    @Test func eachResultIsWhatReadingThatSourceAloneGives() throws {
        let folder = try TemporaryFolder()
        let sources = try Self.sources(in: folder)
        let peaks = [Peak(index: 7, assignment: "Li-", interval: MassInterval(lower: 6.9, upper: 7.1, center: 7.0))]
        let files = Counter()
        let flat = ImageSetSource.loadWithDigests(sources, peaks: peaks, fileRead: { files.add() })
        #expect(flat.count == sources.count)
        #expect(files.value == sources.reduce(0) { $0 + $1.files.count })
        var failures = 0
        for (source, result) in zip(sources, flat) {
            do {
                let alone = try source.loadWithDigests(peaks: peaks)
                let loaded = try result.get()
                #expect(loaded.set == alone.set, "\(source.measurement)")
                #expect(loaded.digests == alone.digests, "\(source.measurement)")
                #expect(loaded.digests.keys.sorted() == source.files)
            } catch let expected as SIMSError {
                failures += 1
                guard case .failure(let error) = result else { Issue.record("\(source.measurement) read alone fails: \(expected)"); continue }
                #expect(error == expected, "\(source.measurement)")
                #expect(error.file != nil)
            }
        }
        #expect(failures == 3)  // B's corrupt file, C's sizes and the missing F.bif6 (D without total still reads)
        guard case .failure(let corrupt) = flat[1] else { Issue.record("B must fail"); return }
        #expect(corrupt.file == folder.file("ascii/B (3) - NiO2-.txt"))
    }

    @Test func batchesKeepOrderAndBoundTheBytesHeldTogether() throws {
        let folder = try TemporaryFolder()
        let sources = try Self.sources(in: folder)
        let sizes = sources.map { source in
            source.files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        }
        #expect(ImageSetSource.batches(sources, maximumBytes: .max) == [sources])
        #expect(ImageSetSource.batches(sources, maximumBytes: 1) == sources.map { [$0] })
        let limit = sizes[0] + sizes[1]
        let batches = ImageSetSource.batches(sources, maximumBytes: limit)
        #expect(Array(batches.joined()) == sources)
        var start = 0
        for batch in batches {
            let bytes = sizes[start..<(start + batch.count)].reduce(0, +)
            #expect(batch.count == 1 || bytes <= limit)
            if start + batch.count < sources.count { #expect(bytes + sizes[start + batch.count] > limit) }  // batches are filled
            start += batch.count
        }
        #expect(ImageSetSource.batches([], maximumBytes: 1).isEmpty)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
