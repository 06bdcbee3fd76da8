/// A dense real matrix stored row-major in one contiguous buffer.
///
/// Element (i, j) (0-based row i, column j) is at `elements[i * columns + j]`. In SIMSKit a data matrix has one
/// row per observation (spectrum, pixel) and one column per variable (peak).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements, row-major (`rows * columns` values).
    public var elements: ContiguousArray<Double>

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative size")
        self.rows = rows
        self.columns = columns
        elements = ContiguousArray(repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major `elements`; throws when the count does not match the size.
    public init(rows: Int, columns: Int, elements: ContiguousArray<Double>) throws(SIMSError) {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw .invalidArgument("matrix elements do not match the size", found: "\(elements.count) values",
                                   expected: "\(rows) × \(columns) = \(rows * columns) values")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from an array of equally long rows; throws when rows differ in length.
    public init(rowArrays: [[Double]]) throws(SIMSError) {
        let columns = rowArrays.first?.count ?? 0
        var elements = ContiguousArray<Double>()
        elements.reserveCapacity(rowArrays.count * columns)
        for (index, row) in rowArrays.enumerated() {
            guard row.count == columns else {
                throw .invalidArgument("row \(index + 1) of the matrix has a different length",
                                       found: "\(row.count) values", expected: "\(columns) values")
            }
            elements.append(contentsOf: row)
        }
        self.rows = rowArrays.count
        self.columns = columns
        self.elements = elements
    }

    /// Builds a matrix element by element (used for small matrices and tests).
    public init(rows: Int, columns: Int, _ value: (Int, Int) -> Double) {
        self.init(rows: rows, columns: columns)
        for i in 0..<rows { for j in 0..<columns { elements[i * columns + j] = value(i, j) } }
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i * n + i] = 1 }
        return m
    }

    /// Element (i, j).
    @inlinable public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(elements[(i * columns)..<((i + 1) * columns)]) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { elements[$0 * columns + j] } }

    /// `true` when every element is finite.
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

    /// The transpose (blocked copy, cache friendly for large matrices).
    public var transposed: Matrix {
        var out = Matrix(rows: columns, columns: rows)
        let block = 32
        let (m, n) = (rows, columns)
        elements.withUnsafeBufferPointer { src in
            out.elements.withUnsafeMutableBufferPointer { dst in
                var i0 = 0
                while i0 < m {
                    let i1 = min(i0 + block, m)
                    var j0 = 0
                    while j0 < n {
                        let j1 = min(j0 + block, n)
                        for i in i0..<i1 { for j in j0..<j1 { dst[j * m + i] = src[i * n + j] } }
                        j0 = j1
                    }
                    i0 = i1
                }
            }
        }
        return out
    }

    /// The columns `range` as a new matrix.
    public func columns(_ range: Range<Int>) -> Matrix {
        Matrix(rows: rows, columns: range.count) { i, j in self[i, range.lowerBound + j] }
    }

    /// The rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        // Rows are contiguous: one slice copy.
        try! Matrix(rows: range.count, columns: columns,
                    elements: ContiguousArray(elements[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// The Frobenius norm ‖A‖_F = √(Σ a_ij²).
    public var frobeniusNorm: Double {
        var s = 0.0
        for v in elements { s += v * v }
        return s.squareRoot()
    }

    /// Element-wise difference.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix -: sizes differ")
        var out = lhs
        for k in 0..<out.elements.count { out.elements[k] -= rhs.elements[k] }
        return out
    }

    /// Element-wise sum.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix +: sizes differ")
        var out = lhs
        for k in 0..<out.elements.count { out.elements[k] += rhs.elements[k] }
        return out
    }

    /// Every element multiplied by `scalar`.
    public static func * (scalar: Double, matrix: Matrix) -> Matrix {
        var out = matrix
        for k in 0..<out.elements.count { out.elements[k] *= scalar }
        return out
    }

    /// Column means (column sums Xᵀ·1 by BLAS `dgemv`, divided by the number of rows). A NaN or infinite element
    /// makes its column's mean non-finite, so callers can check finiteness on the means instead of a second pass.
    public var columnMeans: [Double] {
        let sums = rows == 0 ? [Double](repeating: 0, count: columns) : transposeMultiplied(by: [Double](repeating: 1, count: rows))
        let n = Double(max(rows, 1))
        return sums.map { $0 / n }
    }

    /// Column variances around `means` with divisor `rows − ddof`.
    public func columnVariances(means: [Double], ddof: Int = 1) -> [Double] {
        var sums = [Double](repeating: 0, count: columns)
        elements.withUnsafeBufferPointer { a in
            for i in 0..<rows {
                for j in 0..<columns { let d = a[i * columns + j] - means[j]; sums[j] += d * d }
            }
        }
        let n = Double(max(rows - ddof, 1))
        return sums.map { $0 / n }
    }
}
