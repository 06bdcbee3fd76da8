import Testing
import SIMSMultivariate
@testable import SIMSQuantification

@Suite("Bounded least squares (0 ≤ x ≤ u)")
struct BoundedNNLSTests {
    @Test("Hand case: columns (1,1,0), (0,1,1), y = (3,4,1): unbounded (3, 1); with u₁ = 2 → (2, 1.5), x₁ at its bound")
    func handCase() throws {
        let a = try Matrix(rowArrays: [[1, 0], [1, 1], [0, 1]])
        let y: [Double] = [3, 4, 1]
        let free = try CertifiedNNLS().fit(design: a, observations: y, upperBounds: [.infinity, .infinity])
        #expect(abs(free.coefficients[0] - 3) < 1e-12 && abs(free.coefficients[1] - 1) < 1e-12 && free.atUpperBound.isEmpty)
        let bounded = try CertifiedNNLS().fit(design: a, observations: y, upperBounds: [2, .infinity])
        #expect(abs(bounded.coefficients[0] - 2) < 1e-12 && abs(bounded.coefficients[1] - 1.5) < 1e-12)
        #expect(bounded.atUpperBound == [0] && bounded.support == [1] && bounded.certificate.isCertified)
        #expect(bounded.standardErrors()[0] == nil && bounded.standardErrors()[1] != nil)
        // A point at the bound whose gradient points down is not an optimum: the certificate says so.
        let wrong = CertifiedNNLS.certify(x: [2, 3], design: a, observations: y, weights: nil, iterations: 0, capped: false,
                                          dualTolerance: 1e-9, complementarityTolerance: 1e-9, upper: [2, .infinity])
        #expect(!wrong.isCertified)
        #expect(throws: SIMSError.self) { try CertifiedNNLS().fit(design: a, observations: y, upperBounds: [-1, 1]) }
    }

    @Test("Random weighted problems (k ≤ 4) equal the brute-force optimum over every lower/upper/free assignment, certified")
    func bruteForce() throws {
        var g = SeededGenerator(seed: 23)
        for trial in 0..<300 {
            let k = Int.random(in: 1...4, using: &g), m = k + Int.random(in: 1...4, using: &g)
            let a = Matrix(rows: m, columns: k) { _, _ in Double.random(in: 0...1, using: &g) }
            let y = (0..<m).map { _ in Double.random(in: -0.5...2, using: &g) }
            let w = (0..<m).map { _ in Double.random(in: 0.2...2, using: &g) }
            let u = (0..<k).map { _ in Bool.random(using: &g) ? Double.infinity : Double.random(in: 0...1.5, using: &g) }
            let fit = try CertifiedNNLS().fit(design: a, observations: y, weights: w, upperBounds: u)
            #expect(fit.certificate.isCertified, "trial \(trial)")
            let reference = Self.bruteForce(a, y, w, u)
            let objective = { (x: [Double]) in (0..<m).reduce(0.0) { s, i in
                let r = y[i] - (0..<k).reduce(0.0) { $0 + a[i, $1] * x[$1] }; return s + w[i] * r * r } }
            #expect(objective(fit.coefficients) <= objective(reference) * (1 + 1e-10) + 1e-12, "trial \(trial): \(fit.coefficients) vs \(reference)")
            for j in 0..<k { #expect(fit.coefficients[j] >= 0 && fit.coefficients[j] <= u[j]) }
        }
    }

    /// The box-constrained optimum by enumeration: every variable at 0, at u or free (weighted LS on the free ones
    /// with the others moved to the right-hand side), keeping the best feasible candidate.
    static func bruteForce(_ a: Matrix, _ y: [Double], _ w: [Double], _ u: [Double]) -> [Double] {
        let m = a.rows, k = a.columns
        var best: [Double] = [], bestValue = Double.infinity
        var states = [Int](repeating: 0, count: k)
        for code in 0..<Int(pow3(k)) {
            var c = code
            for j in 0..<k { states[j] = c % 3; c /= 3 }
            if (0..<k).contains(where: { states[$0] == 2 && !u[$0].isFinite }) { continue }
            var x = (0..<k).map { states[$0] == 2 ? u[$0] : 0 }
            let free = (0..<k).filter { states[$0] == 1 }
            if !free.isEmpty {
                var r = y
                for i in 0..<m { for j in 0..<k where states[j] == 2 { r[i] -= a[i, j] * u[j] } }
                let gram = Matrix(rows: free.count, columns: free.count) { p, q in (0..<m).reduce(0.0) { $0 + w[$1] * a[$1, free[p]] * a[$1, free[q]] } }
                let rhs = free.map { j in (0..<m).reduce(0.0) { $0 + w[$1] * a[$1, j] * r[$1] } }
                guard let factor = try? CholeskyDecomposition(gram) else { continue }
                for (p, j) in free.enumerated() { x[j] = factor.solve(rhs)[p] }
            }
            if (0..<k).contains(where: { x[$0] < -1e-12 || x[$0] > u[$0] + 1e-12 }) { continue }
            let value = (0..<m).reduce(0.0) { s, i in let r = y[i] - (0..<k).reduce(0.0) { $0 + a[i, $1] * x[$1] }; return s + w[i] * r * r }
            if value < bestValue { bestValue = value; best = x }
        }
        return best
    }

    static func pow3(_ k: Int) -> Double { (0..<k).reduce(1.0) { p, _ in p * 3 } }
}
