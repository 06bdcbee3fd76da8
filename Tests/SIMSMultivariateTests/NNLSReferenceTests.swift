import Foundation
import Testing
@testable import SIMSMultivariate

/// One case of `Tests/Reference/nnls_reference.json` (scipy.optimize.nnls).
private struct NNLSCase: Decodable {
    var rows: Int, cols: Int
    var design: [Double], rhs: [Double], solution: [Double]

    static func load() throws -> [NNLSCase] {
        struct File: Decodable { var cases: [NNLSCase] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Reference/nnls_reference.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

@Suite("NNLS against SciPy")
struct NNLSReferenceTests {
    @Test("NonNegativeLeastSquares equals scipy.optimize.nnls (one workspace across the cases' right-hand sides)")
    func nnlsAgainstSciPy() throws {
        let cases = try NNLSCase.load()
        #expect(cases.count == 6)
        for c in cases {
            let design = Matrix(rows: c.rows, columns: c.cols) { c.design[$0 * c.cols + $1] }
            let h = (0 ..< c.cols).map { j in (0 ..< c.rows).reduce(0) { $0 + c.design[$1 * c.cols + j] * c.rhs[$1] } }
            var workspace = NonNegativeLeastSquares.Workspace()
            let x = try NonNegativeLeastSquares(design: design).solve(crossProduct: h, workspace: &workspace)
            for j in 0 ..< c.cols { #expect(abs(x[j] - c.solution[j]) < 1e-9, "case \(c.rows)×\(c.cols) x[\(j)] = \(x[j]) vs \(c.solution[j])") }
        }
    }
}
