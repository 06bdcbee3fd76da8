import Foundation
import SIMSMultivariate
import SIMSTestSupport

/// A JSON fixture written by `Tests/Reference/multivariate_reference.py` (NumPy / SciPy / scikit-learn).
struct Fixture {
    let object: [String: Any]

    init(_ name: String) throws {
        let url = SharedData.repositoryRoot.appendingPathComponent("Tests/Reference/multivariate/\(name).json")
        let data = try Data(contentsOf: url)
        object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    init(object: [String: Any]) { self.object = object }

    subscript(key: String) -> Fixture { Fixture(object: object[key] as! [String: Any]) }
    func double(_ key: String) -> Double { (object[key] as! NSNumber).doubleValue }
    func int(_ key: String) -> Int { (object[key] as! NSNumber).intValue }
    func vector(_ key: String) -> [Double] { (object[key] as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    func ints(_ key: String) -> [Int] { (object[key] as! [Any]).map { ($0 as! NSNumber).intValue } }
    func matrix(_ key: String) -> Matrix { Fixture.matrix(object[key]!) }
    func list(_ key: String) -> [Fixture] { (object[key] as! [Any]).map { Fixture(object: $0 as! [String: Any]) } }
    func matrices(_ key: String) -> [Matrix] { (object[key] as! [Any]).map(Fixture.matrix) }

    static func matrix(_ any: Any) -> Matrix {
        let rows = (any as! [Any]).map { ($0 as! [Any]).map { ($0 as! NSNumber).doubleValue } }
        return try! Matrix(rowArrays: rows)
    }
}

/// max |a − b| over all elements.
func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
    precondition(a.rows == b.rows && a.columns == b.columns, "sizes \(a.rows)x\(a.columns) vs \(b.rows)x\(b.columns)")
    return zip(a.elements, b.elements).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "lengths \(a.count) vs \(b.count)")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// Max |QᵀQ − I| for the columns of q.
func orthonormalityError(_ q: Matrix) -> Double {
    maxDifference(q.transposeMultiplied(by: q), .identity(q.columns))
}

func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
    var g = SeededGenerator(seed: seed)
    return .gaussian(rows: rows, columns: columns, generator: &g)
}
