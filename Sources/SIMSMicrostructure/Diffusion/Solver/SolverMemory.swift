import Dispatch

/// Raw memory of one diffusion solve, freed when the arena is released. The solver kernels work on raw pointers into
/// it so that concurrent chunks can read and write disjoint parts of the same vector without copies.
final class SolverArena: @unchecked Sendable {
    private var blocks: [UnsafeMutableRawPointer] = []
    /// Bytes handed out so far.
    private(set) var bytes = 0

    /// `count` elements initialised to `value`, valid until the arena is released.
    func allocate<Element: BitwiseCopyable>(_ count: Int, repeating value: Element) -> UnsafeMutablePointer<Element> {
        let size = max(count, 1) * MemoryLayout<Element>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: max(MemoryLayout<Element>.alignment, 16))
        blocks.append(raw)
        bytes += size
        let typed = raw.bindMemory(to: Element.self, capacity: max(count, 1))
        typed.initialize(repeating: value, count: max(count, 1))
        return typed
    }

    /// A vector of `count` Doubles set to 0.
    func vector(_ count: Int) -> SolverVector {
        SolverVector(base: allocate(count, repeating: 0.0), count: count)
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}

/// A Double vector in a ``SolverArena``. Shared by the concurrent chunks of a kernel, each of which writes only its
/// own index range (that is why it may be `@unchecked Sendable`).
struct SolverVector: @unchecked Sendable {
    /// First element.
    let base: UnsafeMutablePointer<Double>
    /// Number of elements.
    let count: Int

    @inline(__always)
    subscript(_ index: Int) -> Double {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

/// A split of `0 ..< count` into contiguous chunks that run concurrently (`DispatchQueue.concurrentPerform`).
///
/// The number of chunks depends only on the problem size, never on the number of cores, so the partial sums of
/// ``sum(_:)`` are added in the same order on every machine and results are bit-for-bit reproducible.
struct Chunks: Sendable {
    /// Items split (rows of a grid, or unknowns).
    let count: Int
    /// Number of chunks (1 = run on the calling thread).
    let chunks: Int

    /// Chunks of at least ~`grain` units of work each, at most 32, for `count` items costing `work` units in total.
    init(_ count: Int, work: Int, grain: Int = 16_384) {
        self.count = count
        chunks = max(1, min(count, work / grain, 32))
    }

    /// Items of chunk `chunk`.
    @inline(__always)
    func range(_ chunk: Int) -> Range<Int> {
        count * chunk / chunks ..< count * (chunk + 1) / chunks
    }

    /// Runs `body` on every chunk's range, concurrently.
    func run(_ body: @Sendable (Range<Int>) -> Void) {
        if chunks == 1 {
            body(0 ..< count)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in body(range(chunk)) }
        }
    }

    /// Σ over the chunks of `body(range)`, added in chunk order.
    func sum(_ body: @Sendable (Range<Int>) -> Double) -> Double {
        if chunks == 1 { return body(0 ..< count) }
        let partials = SolverVector(base: .allocate(capacity: chunks), count: chunks)
        defer { partials.base.deallocate() }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in partials[chunk] = body(range(chunk)) }
        var total = 0.0
        for chunk in 0 ..< chunks { total += partials[chunk] }
        return total
    }
}
