import Foundation
import Testing
@testable import SIMSFormats

@Suite("ASCII number parsing")
struct NumberParsingTests {
    /// Independent reference: Swift's `Double(String)` (C `strtod`, correctly rounded).
    @Test func agreesWithStrtodOnPrintfFormats() {
        var generator = SystemRandomNumberGenerator()
        let formats = ["%g", "%.6f", "%.4f", "%e", "%.17g", "%.2f", "%.6E", "%.0f", "%.12g"]
        for _ in 0..<4000 {
            let magnitude = Double.random(in: -30...30, using: &generator)
            let value = (Bool.random(using: &generator) ? 1 : -1) * pow(10, magnitude) * Double.random(in: 1..<10, using: &generator)
            for format in formats {
                let text = String(format: format, value)
                let expected = Double(text)!
                let parsed = ASCIIDouble.parse(text)
                #expect(parsed == expected, "\(text)")
            }
        }
    }

    @Test func integersAndEdgeCases() {
        let cases: [(String, Double)] = [
            ("0", 0), ("2", 2), ("-7", -7), ("989876", 989876), ("0.000202", 0.000202), ("900.594410", 900.594410),
            ("1.29092e+13", 1.29092e13), ("1E-3", 1e-3), ("+5", 5), (" 12 ", 12), ("123456789012345678901234", 123456789012345678901234),
            ("0.1234567890123456789012", 0.1234567890123456789012), ("1e308", 1e308), ("4.9e-324", 4.9e-324),
            ("28191324.00", 28191324), ("0.000000E+00", 0), ("1.", 1), (".5", 0.5),
        ]
        for (text, value) in cases { #expect(ASCIIDouble.parse(text) == value, "\(text)") }
        #expect(ASCIIDouble.parse("1e999") == .infinity)
    }

    @Test func specialValues() {
        for text in ["nan", "NaN", "-nan", "NAN", "-NAN(IND)", "nan(0x7ff)", "(null)", "1.#QNAN", "-1.#IND"] {
            #expect(ASCIIDouble.parse(text)?.isNaN == true, "\(text)")
        }
        #expect(ASCIIDouble.parse("inf") == .infinity)
        #expect(ASCIIDouble.parse("-inf") == -.infinity)
        #expect(ASCIIDouble.parse("Infinity") == .infinity)
        #expect(ASCIIDouble.parse("1.#INF") == .infinity)
    }

    @Test func rejectsNonNumbers() {
        for text in ["", " ", "-", "abc", "12,5", "1.2.3", "e5", "12a", "--1", "nul", "0x10", String(repeating: "9", count: 1000)] {
            #expect(ASCIIDouble.parse(text) == nil, "\(text.prefix(20))")
        }
    }

    @Test func scanStopsAtSeparator() {
        let bytes: [UInt8] = Array("12.5\t3e2\tx".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let first = ASCIIDouble.scan(buffer.baseAddress!, from: 0, limit: buffer.count)
            #expect(first == ASCIIDouble.Scan(value: 12.5, end: 4))
            let second = ASCIIDouble.scan(buffer.baseAddress!, from: 5, limit: buffer.count)
            #expect(second == ASCIIDouble.Scan(value: 300, end: 8))
            #expect(ASCIIDouble.scan(buffer.baseAddress!, from: 9, limit: buffer.count) == nil)
        }
    }

    @Test func linesEndWithLFCRLFOrCR() throws {
        let data = Data("a\r\nbb\ncc\rd\r\n\0\0\0".utf8)
        let lines = try FileBytes(data: data, path: "x").withText { text throws(SIMSError) in
            var cursor = text.lines()
            var result: [String] = []
            while let line = cursor.next() { result.append(text.string(line)) }
            return result
        }
        #expect(lines == ["a", "bb", "cc", "d"])
    }
}
