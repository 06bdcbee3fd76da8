import Foundation
import Testing
@testable import SIMSMultivariate

@Suite("Dense linear algebra")
struct LinearAlgebraTests {
    @Test("products agree with the naive triple loop")
    func products() {
        let a = randomMatrix(37, 13, seed: 1), b = randomMatrix(13, 9, seed: 2), c = randomMatrix(37, 9, seed: 3)
        let ab = a.multiplied(by: b)
        let atc = a.transposeMultiplied(by: c)
        var naive = Matrix(rows: 37, columns: 9), naiveT = Matrix(rows: 13, columns: 9)
        for i in 0..<37 { for j in 0..<9 { for k in 0..<13 { naive[i, j] += a[i, k] * b[k, j] } } }
        for i in 0..<13 { for j in 0..<9 { for k in 0..<37 { naiveT[i, j] += a[k, i] * c[k, j] } } }
        #expect(maxDifference(ab, naive) < 1e-12)
        #expect(maxDifference(atc, naiveT) < 1e-12)
        #expect(maxDifference(a.transposed.transposed, a) == 0)
    }

    @Test("the Gram matrix equals the naive XᵀX, centred and not, also over several centred row panels",
          arguments: [(1, 1), (5, 3), (130, 9), (300, 17), (257, 33)])
    func gram(size: (Int, Int)) {
        let x = randomMatrix(size.0, size.1, seed: UInt64(size.0 * 100 + size.1))
        let means = x.columnMeans
        let (n, p) = (x.rows, x.columns)
        var naive = Matrix(rows: p, columns: p), naiveCentred = Matrix(rows: p, columns: p)
        x.elements.withUnsafeBufferPointer { a in
            for i in 0..<p {
                for j in i..<p {
                    var s = 0.0, sc = 0.0
                    for r in 0..<n {
                        let u = a[r * p + i], v = a[r * p + j]
                        s += u * v
                        sc += (u - means[i]) * (v - means[j])
                    }
                    naive[i, j] = s; naive[j, i] = s
                    naiveCentred[i, j] = sc; naiveCentred[j, i] = sc
                }
            }
        }
        let scale = Double(n)
        #expect(maxDifference(x.gram(), naive) < 1e-12 * scale)
        #expect(maxDifference(x.gram(centeredOn: means), naiveCentred) < 1e-12 * scale)
        // Panels of 7 rows (the last one shorter) accumulate to the same matrix.
        #expect(maxDifference(x.gram(centeredOn: means, panelValues: 7 * p), naiveCentred) < 1e-12 * scale)
    }

    @Test("symmetric eigendecomposition reconstructs A with orthonormal vectors and NumPy's eigenvalues")
    func eigen() throws {
        let f = try Fixture("linalg")
        let a = f.matrix("symmetric")
        let e = try SymmetricEigendecomposition(a)
        #expect(maxDifference(e.values, f.vector("eigenvalues")) < 1e-12)
        #expect(orthonormalityError(e.vectors) < 1e-13)
        var lambda = Matrix(rows: a.rows, columns: a.rows)
        for i in 0..<a.rows { lambda[i, i] = e.values[i] }
        #expect(maxDifference(e.vectors.multiplied(by: lambda).multiplied(by: e.vectors.transposed), a) < 1e-12)
    }

    @Test("eigendecomposition of random, degenerate and diagonal matrices", arguments: [1, 2, 7, 60, 150])
    func eigenRandom(n: Int) throws {
        let r = randomMatrix(n, n, seed: UInt64(n))
        let a = r + r.transposed
        for matrix in [a, Matrix.identity(n), Matrix(rows: n, columns: n) { i, j in i == j ? Double(n - i) : 0 }] {
            let e = try SymmetricEigendecomposition(matrix)
            var lambda = Matrix(rows: n, columns: n)
            for i in 0..<n { lambda[i, i] = e.values[i] }
            let rebuilt = e.vectors.multiplied(by: lambda).multiplied(by: e.vectors.transposed)
            #expect(maxDifference(rebuilt, matrix) < 1e-12 * Double(n) * max(1, matrix.frobeniusNorm))
            #expect(orthonormalityError(e.vectors) < 1e-12 * Double(n))
            #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 >= $1 })
        }
    }

    @Test("Jacobi SVD: NumPy's singular values, reconstruction, orthonormal factors; wide input")
    func svd() throws {
        let f = try Fixture("linalg")
        let m = f.matrix("matrix")
        for input in [m, m.transposed] {
            let s = try SingularValueDecomposition(input)
            #expect(maxDifference(s.singularValues, f.vector("singular_values")) < 1e-12)
            #expect(orthonormalityError(s.u) < 1e-13)
            #expect(orthonormalityError(s.v) < 1e-13)
            var sigma = Matrix(rows: s.singularValues.count, columns: s.singularValues.count)
            for i in 0..<s.singularValues.count { sigma[i, i] = s.singularValues[i] }
            #expect(maxDifference(s.u.multiplied(by: sigma).multiplied(by: s.v.transposed), input) < 1e-12)
        }
    }

    @Test("Householder QR: Q orthonormal, R upper triangular, QR = A")
    func qr() throws {
        let a = randomMatrix(50, 8, seed: 9)
        let qr = try QRDecomposition(a)
        #expect(orthonormalityError(qr.q) < 1e-13)
        #expect(maxDifference(qr.q.multiplied(by: qr.r), a) < 1e-12)
        for i in 0..<8 { for j in 0..<i { #expect(qr.r[i, j] == 0) } }
    }

    @Test("randomized SVD recovers the leading singular values of a low-rank-plus-noise matrix")
    func randomized() throws {
        let u = try QRDecomposition(randomMatrix(400, 6, seed: 4)).q
        let v = try QRDecomposition(randomMatrix(60, 6, seed: 5)).q
        var sigma = Matrix(rows: 6, columns: 6)
        let truth = [50.0, 30, 20, 10, 5, 2]
        for i in 0..<6 { sigma[i, i] = truth[i] }
        let a = u.multiplied(by: sigma).multiplied(by: v.transposed) + 1e-3 * randomMatrix(400, 60, seed: 6)
        let exact = try SingularValueDecomposition(a)
        let approx = try RandomizedSVD(rank: 4, seed: 7).fit(a)
        #expect(maxDifference(approx.singularValues, Array(exact.singularValues.prefix(4))) < 1e-9 * 50)
        #expect(orthonormalityError(approx.u) < 1e-12)
        #expect(orthonormalityError(approx.v) < 1e-12)
        // Same subspace: |⟨v_i, v_i^exact⟩| = 1.
        for c in 0..<4 {
            let dot = (0..<60).reduce(0) { $0 + approx.v[$1, c] * exact.v[$1, c] }
            #expect(abs(abs(dot) - 1) < 1e-9)
        }
    }

    @Test("Cholesky solves and log-determinants; non-positive-definite input throws")
    func cholesky() throws {
        let r = randomMatrix(12, 5, seed: 11)
        let a = r.transposeMultiplied(by: r)
        let c = try CholeskyDecomposition(a)
        let x = [1.0, -2, 3, 0.5, 4]
        let b = a.multiplied(by: x)
        #expect(maxDifference(c.solve(b), x) < 1e-10)
        let e = try SymmetricEigendecomposition(a)
        #expect(abs(c.logDeterminant - e.values.reduce(0) { $0 + log($1) }) < 1e-10)
        #expect(throws: SIMSError.self) { try CholeskyDecomposition(Matrix(rowArrays: [[1, 2], [2, 1]])) }
    }

    @Test("non-finite input is an error, not a NaN result")
    func nonFinite() throws {
        let bad = try Matrix(rowArrays: [[1, .nan], [.nan, 1]])
        #expect(throws: SIMSError.self) { try SymmetricEigendecomposition(bad) }
        #expect(throws: SIMSError.self) { try SingularValueDecomposition(bad) }
        #expect(throws: SIMSError.self) { try Matrix(rows: 2, columns: 2, elements: [1, 2, 3]) }
    }
}
