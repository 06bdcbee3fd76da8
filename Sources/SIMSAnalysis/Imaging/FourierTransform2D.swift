import Foundation

/// A discrete Fourier transform of complex 2-D data (row-major), written for phase correlation.
///
/// Each 1-D transform uses an iterative radix-2 Cooley–Tukey FFT when its length is a power of two and the
/// direct O(n²) DFT otherwise (ion images are usually 128, 256 or 512 pixels wide). Forward transform
/// X_k = Σ x_j e^(−2πi jk/n); inverse with e^(+2πi jk/n) and division by n.
struct FourierTransform2D {
    let width: Int
    let height: Int

    /// Transforms `re`, `im` in place (forward, or inverse when `inverse`).
    func transform(re: inout [Double], im: inout [Double], inverse: Bool) {
        var rowRe = [Double](repeating: 0, count: width), rowIm = [Double](repeating: 0, count: width)
        for y in 0..<height {
            for x in 0..<width { rowRe[x] = re[y * width + x]; rowIm[x] = im[y * width + x] }
            Self.transform1D(&rowRe, &rowIm, inverse: inverse)
            for x in 0..<width { re[y * width + x] = rowRe[x]; im[y * width + x] = rowIm[x] }
        }
        var colRe = [Double](repeating: 0, count: height), colIm = [Double](repeating: 0, count: height)
        for x in 0..<width {
            for y in 0..<height { colRe[y] = re[y * width + x]; colIm[y] = im[y * width + x] }
            Self.transform1D(&colRe, &colIm, inverse: inverse)
            for y in 0..<height { re[y * width + x] = colRe[y]; im[y * width + x] = colIm[y] }
        }
    }

    static func transform1D(_ re: inout [Double], _ im: inout [Double], inverse: Bool) {
        let n = re.count
        guard n > 1 else { return }
        let sign = inverse ? 1.0 : -1.0
        if n & (n - 1) == 0 {
            // Bit-reversal permutation.
            var j = 0
            for i in 1..<n {
                var bit = n >> 1
                while j & bit != 0 { j ^= bit; bit >>= 1 }
                j |= bit
                if i < j { re.swapAt(i, j); im.swapAt(i, j) }
            }
            var length = 2
            while length <= n {
                let angle = sign * 2 * Double.pi / Double(length)
                let wRe = cos(angle), wIm = sin(angle)
                var start = 0
                while start < n {
                    var curRe = 1.0, curIm = 0.0
                    for k in 0..<(length / 2) {
                        let a = start + k, b = a + length / 2
                        let tRe = re[b] * curRe - im[b] * curIm
                        let tIm = re[b] * curIm + im[b] * curRe
                        re[b] = re[a] - tRe; im[b] = im[a] - tIm
                        re[a] += tRe; im[a] += tIm
                        let nextRe = curRe * wRe - curIm * wIm
                        curIm = curRe * wIm + curIm * wRe
                        curRe = nextRe
                    }
                    start += length
                }
                length <<= 1
            }
        } else {
            var outRe = [Double](repeating: 0, count: n), outIm = [Double](repeating: 0, count: n)
            for k in 0..<n {
                var sRe = 0.0, sIm = 0.0
                for j in 0..<n {
                    let angle = sign * 2 * Double.pi * Double((j * k) % n) / Double(n)
                    let c = cos(angle), s = sin(angle)
                    sRe += re[j] * c - im[j] * s
                    sIm += re[j] * s + im[j] * c
                }
                outRe[k] = sRe; outIm[k] = sIm
            }
            re = outRe; im = outIm
        }
        if inverse {
            let scale = 1 / Double(n)
            for k in 0..<n { re[k] *= scale; im[k] *= scale }
        }
    }
}
