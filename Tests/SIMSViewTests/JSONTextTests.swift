import Foundation
import Testing
@testable import SIMSView

@Suite("JSON text numbers")
struct JSONTextTests {
    func text(_ body: (inout JSONText) -> Void) -> String {
        var json = JSONText()
        body(&json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test("fixed decimals: rounded, trailing zeros dropped, leading zero kept, sign, fallback beyond 9e15")
    func decimals() {
        let cases: [(Double, Int, String)] = [
            (923.8679086026767, 3, "923.868"), (900.9, 3, "900.9"), (900.0, 3, "900"), (0.05, 2, "0.05"),
            (0.004, 2, "0"), (-0.004, 2, "0"), (-12.345, 1, "-12.3"), (-0.25, 3, "-0.25"), (1800.000789, 7, "1800.000789"),
            (0.000202, 6, "0.000202"), (5, 0, "5"), (1e17, 2, "1e+17"),
        ]
        for (value, decimals, expected) in cases {
            #expect(text { $0.number(value, decimals: decimals) } == expected, "\(value) to \(decimals)")
        }
        #expect(text { $0.number(Double.nan, decimals: 3) } == "null")
    }

    @Test("significant digits agree with a decimal reference and parse back within half a unit of the last digit")
    func significant() {
        #expect(text { $0.number(14396.906958899994, significant: 6) } == "14396.9")
        #expect(text { $0.number(853.9111458917405, significant: 6) } == "853.911")
        #expect(text { $0.number(0.000123456789, significant: 3) } == "0.000123")
        #expect(text { $0.number(0, significant: 6) } == "0")
        var state: UInt64 = 99
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let value = Double(state >> 11) / Double(1 << 53) * pow(10, Double(Int(state % 13)) - 4)
            let written = text { $0.number(value, significant: 6) }
            let back = Double(written)!
            let unit = pow(10, (log10(value)).rounded(.down) - 5)   // one unit of the 6th significant digit
            #expect(abs(back - value) <= 0.5 * unit * (1 + 1e-9), "\(value) → \(written)")
            if value < 1e5 { #expect(written.filter(\.isNumber).drop { $0 == "0" }.count <= 6, "\(value) → \(written)") }
        }
        #expect(text { $0.numbers([1.5, 2.25, 3], significant: 2) } == "[1.5,2.3,3]")
        #expect(text { $0.numbers([900.04, 900.96], decimals: 1) } == "[900,901]")
    }
}
