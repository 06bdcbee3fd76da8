import Testing
@testable import SIMSAnalysis

@Suite("Percentiles by selection equal percentiles of the sorted values")
struct OrderStatisticsTests {
    /// Random buffers of many sizes, with few distinct values (ties, as among means of 2 resampled spots)
    /// and with continuous values: every type-7 quantile by selection is bit-for-bit the sorted one.
    @Test func selectionMatchesSort() {
        var generator = SplitMix64(seed: 7)
        for size in [1, 2, 3, 5, 17, 100, 1024, 2000, 5000] {
            for distinct in [1, 2, 3, 1_000_000] {
                let random = (0..<size).map { _ in Double(generator.nextIndex(below: distinct)) * 0.37 - 5 }
                let sorted = random.sorted()
                // Random, sorted and reversed orders, and one whose strided sample (every (n/128)-th value) holds
                // the 128 smallest values, so the sampled threshold lets too few through and the heap answers.
                var adversarial = sorted
                if size >= 1024 {
                    let stride = size / 128
                    var rest = sorted[128...].makeIterator()
                    for index in 0..<size { adversarial[index] = index % stride == 0 && index / stride < 128 ? sorted[index / stride] : rest.next()! }
                }
                for values in [random, sorted, Array(sorted.reversed()), adversarial] {
                    for p in [0, 0.001, 0.025, 0.1, 0.25, 0.5, 0.6, 0.9, 0.975, 0.999, 1] {
                        var copy = values
                        let selected = copy.withUnsafeMutableBufferPointer { buffer in
                            var selection = OrderStatistics(buffer)
                            _ = selection.quantile(1 - p)  // an earlier request reorders the buffer first
                            return selection.quantile(p)
                        }
                        #expect(selected.bitPattern == SampleSummary.quantile(sorted: sorted, p).bitPattern, "n \(size), \(distinct) values, p \(p)")
                    }
                }
            }
        }
    }

    @Test func cachedTQuantileIsTheQuantile() {
        for nu in [1, 2, 4, 9, 30] {
            #expect(StudentT.cachedQuantile(0.975, degreesOfFreedom: nu) == StudentT(degreesOfFreedom: Double(nu)).quantile(0.975))
            #expect(StudentT.cachedQuantile(0.975, degreesOfFreedom: nu) == StudentT(degreesOfFreedom: Double(nu)).quantile(0.975))
        }
    }
}
