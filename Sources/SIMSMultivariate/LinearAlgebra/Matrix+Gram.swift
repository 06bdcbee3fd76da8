/// The Gram matrix XᵀX (optionally of the column-centred X), the hot path of PCA.
///
/// Blocked kernel: rows of X are taken in panels of 128, each panel is packed (and centred on the fly, so no
/// centred copy of X is ever made) into 8-column blocks, and 4×8 tiles of the upper triangle are accumulated in
/// SIMD registers. Panels are split over the cores with one accumulator per worker. Only the upper triangle is
/// computed; the lower one is mirrored.
extension Matrix {
    /// `XᵀX`, or `(X − 1μᵀ)ᵀ(X − 1μᵀ)` when `centeredOn` gives the column means μ (length `columns`).
    public func gram(centeredOn means: [Double]? = nil) -> Matrix {
        if let means { precondition(means.count == columns, "gram: \(means.count) means for \(columns) columns") }
        let n = rows, p = columns
        var out = Matrix(rows: p, columns: p)
        if n == 0 || p == 0 { return out }
        let blocks = (p + 7) / 8
        let pp = blocks * 8
        let panel = 128
        let panels = (n + panel - 1) / panel
        let workers = n * p * p >= 1 << 22 ? min(Parallel.workers, panels) : 1
        let mu = means.map { ContiguousArray($0) } ?? ContiguousArray(repeating: 0, count: p)
        var accumulators = ContiguousArray<Double>(repeating: 0, count: workers * pp * pp)
        elements.withUnsafeBufferPointer { xBuffer in
            accumulators.withUnsafeMutableBufferPointer { accBuffer in
                mu.withUnsafeBufferPointer { muBuffer in
                    let accShared = SharedPointer(base: accBuffer.baseAddress!)
                    let x = xBuffer.baseAddress!, mp = muBuffer.baseAddress!
                    Parallel.run(workers) { w in
                        let c = accShared.base + w * pp * pp
                        let pack = UnsafeMutablePointer<Double>.allocate(capacity: blocks * panel * 8)
                        defer { pack.deallocate() }
                        var q = w
                        while q < panels {
                            let r0 = q * panel, kr = min(panel, n - r0)
                            // Pack: pack[(cb * panel + k) * 8 + t] = X[r0 + k, 8cb + t] − μ (0 beyond p).
                            for cb in 0..<blocks {
                                let j0 = cb * 8, width = min(8, p - j0)
                                let dst = pack + cb * panel * 8
                                for k in 0..<kr {
                                    let src = x + (r0 + k) * p + j0
                                    let d = dst + k * 8
                                    for t in 0..<width { d[t] = src[t] - mp[j0 + t] }
                                    for t in width..<8 { d[t] = 0 }
                                }
                            }
                            Matrix.gramTiles(pack: pack, panel: panel, rowsInPanel: kr, blocks: blocks, c: c, pp: pp)
                            q += workers
                        }
                    }
                }
            }
        }
        // Sum the workers' upper triangles and mirror.
        out.elements.withUnsafeMutableBufferPointer { o in
            for w in 0..<workers {
                for i in 0..<p { for j in i..<p { o[i * p + j] += accumulators[w * pp * pp + i * pp + j] } }
            }
            for i in 0..<p { for j in 0..<i { o[i * p + j] = o[j * p + i] } }
        }
        return out
    }

    /// Accumulates the 4×8 tiles of the upper triangle of packedᵀ·packed into `c` (leading dimension `pp`).
    @inline(__always)
    static func gramTiles(pack: UnsafeMutablePointer<Double>, panel: Int, rowsInPanel kr: Int, blocks: Int,
                          c: UnsafeMutablePointer<Double>, pp: Int) {
        let raw = UnsafeRawPointer(pack)
        for ib in 0..<(blocks * 2) {
            let aOffset = (ib >> 1) * panel * 8 + (ib & 1) * 4
            for cb in (ib >> 1)..<blocks {
                let bOffset = cb * panel * 8
                var c00 = SIMD4<Double>(), c01 = SIMD4<Double>()
                var c10 = SIMD4<Double>(), c11 = SIMD4<Double>()
                var c20 = SIMD4<Double>(), c21 = SIMD4<Double>()
                var c30 = SIMD4<Double>(), c31 = SIMD4<Double>()
                for k in 0..<kr {
                    let b0 = raw.loadUnaligned(fromByteOffset: (bOffset + k * 8) * 8, as: SIMD4<Double>.self)
                    let b1 = raw.loadUnaligned(fromByteOffset: (bOffset + k * 8 + 4) * 8, as: SIMD4<Double>.self)
                    let a = raw.loadUnaligned(fromByteOffset: (aOffset + k * 8) * 8, as: SIMD4<Double>.self)
                    c00 += a[0] * b0; c01 += a[0] * b1
                    c10 += a[1] * b0; c11 += a[1] * b1
                    c20 += a[2] * b0; c21 += a[2] * b1
                    c30 += a[3] * b0; c31 += a[3] * b1
                }
                let base = c + (ib * 4) * pp + cb * 8
                func add(_ row: Int, _ lo: SIMD4<Double>, _ hi: SIMD4<Double>) {
                    let r = base + row * pp
                    for t in 0..<4 { r[t] += lo[t]; r[4 + t] += hi[t] }
                }
                add(0, c00, c01); add(1, c10, c11); add(2, c20, c21); add(3, c30, c31)
            }
        }
    }
}
