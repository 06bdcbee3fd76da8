import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

/// Every reader gets empty, truncated, binary, wrong-column, non-numeric and huge-line input and must
/// answer with a `SIMSError` naming the file, the line (where one applies), what was found and what was expected.
@Suite("Reader errors")
struct ReaderErrorTests {
    typealias Reader = @Sendable (Data, String) throws(SIMSError) -> Void

    struct Case: Sendable, CustomTestStringConvertible {
        var reader: String
        var input: String
        var data: Data
        var line: Int?
        var found: String?
        var kind: SIMSError.Kind
        var testDescription: String { "\(reader) / \(input)" }
    }

    static let readers: [String: Reader] = [
        "spectrum": { data, source throws(SIMSError) in _ = try IONTOFSpectrumFormat.decode(data, source: source) },
        "interval list": { data, source throws(SIMSError) in _ = try IONTOFIntervalListFormat.decode(data, source: source) },
        "plain list": { data, source throws(SIMSError) in _ = try PlainIntervalListFormat.decode(data, source: source) },
        "depth profile": { data, source throws(SIMSError) in _ = try IONTOFDepthProfileFormat.decode(data, source: source) },
        "ion image": { data, source throws(SIMSError) in _ = try IONTOFImageFormat.decode(data, source: source) },
    ]

    static let binary = Data([0x00, 0x01, 0xFF, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x7F, 0x10, 0x41])
    static let hugeLine = Data(repeating: UInt8(ascii: "7"), count: 10 * 1024 * 1024)

    static let cases: [Case] = {
        func d(_ s: String) -> Data { Data(s.utf8) }
        var all: [Case] = []
        let intervalTitle = "No.\tCenter Mass (u)\tLower Mass (u)\tUpper Mass (u)\tAssignment\tArea\r\n"
        let depthHeader = "# Profile Smoothing is Disabled\r\n#\t\t\t\ttotal\tLi-\t\r\n#Data Point #\tSputter Time (s)\tDose (ions)\tFluence (ions/cm^2)\tIntensity\tIntensity\t\r\n"
        let inputs: [String: [(String, Data, Int?, String?, SIMSError.Kind)]] = [
            "spectrum": [
                ("empty", Data(), nil, nil, .empty),
                ("truncated", d("# Binning: 1\r\nChannel\tm/z\tIntensity\r\n1\t0.5\t3\r\n2\t0.6"), 4, "2\t0.6", .truncated),
                ("binary", binary, 1, nil, .malformed),
                ("wrong columns", d("Channel\tMass\tCounts?\r\n1\t2\t3\r\n"), 1, "Channel\tMass\tCounts?", .malformed),
                ("non-numeric", d("m/z\tIntensity\n1.0\t5\n1.1\t12,5\n"), 3, "12,5", .malformed),
                ("huge line", hugeLine, 1, nil, .malformed),
                ("huge number", d("m/z\tIntensity\n") + hugeLine, 2, "777", .malformed),
            ],
            "interval list": [
                ("empty", d("\0\0\0"), nil, nil, .empty),
                ("truncated", d(intervalTitle + "2\t7.016\t7.01"), 2, "2\t7.016\t7.01", .truncated),
                ("binary", binary, 1, nil, .malformed),
                ("wrong columns", d("No.\tMass\tArea\r\n1\t2\t3\r\n"), 1, "No.\tMass\tArea", .malformed),
                ("non-numeric", d(intervalTitle + "2\t7.016\t7.01\tseven\tLi+\t5\r\n"), 2, "seven", .malformed),
                ("huge line", hugeLine, 1, "777", .malformed),
            ],
            "plain list": [
                ("empty", Data(), nil, nil, .empty),
                ("truncated", d("assignment,lower,upper\nLi+,7.01"), 2, "Li+,7.01", .truncated),
                ("binary", binary, 1, nil, .malformed),
                ("wrong columns", d("ion,mass\nLi+,7\n"), 1, "ion,mass", .malformed),
                ("non-numeric", d("assignment,lower,upper\nLi+,7.01,x7\n"), 2, "x7", .malformed),
                ("huge line", hugeLine, 1, "777", .malformed),
            ],
            "depth profile": [
                ("empty", d("\r\n"), nil, nil, .empty),
                ("truncated", d(depthHeader + "1\t0\t1e6\t1e10\t100\t5\t\r\n2\t1.4666\t2e6"), 5, "2\t1.4666\t2e6", .truncated),
                ("binary", binary, 1, nil, .malformed),
                ("wrong columns", d("#Data Point #\tTime\tIntensity\t\r\n1\t2\t3\t\r\n"), 1, "Data Point #", .malformed),
                ("non-numeric", d(depthHeader + "1\t0\t1e6\t1e10\t1oo\t5\t\r\n"), 4, "1oo", .malformed),
                ("huge line", hugeLine, 1, "777", .malformed),
            ],
            "ion image": [
                ("empty", Data(), nil, nil, .empty),
                ("truncated", d("# Image Size: 2 x 2 pixels\nx y intensity\n0 0 1\n1 0 2\n0 1 3\n"), nil, "3 rows", .truncated),
                ("binary", binary, 1, nil, .malformed),
                ("wrong columns", d("x y intensity\n0 0 1\n1 0 2 7\n"), 3, "1 0 2 7", .malformed),
                ("non-numeric", d("x y intensity\n0 0 1\n1 0 many\n"), 3, "1 0 many", .malformed),
                ("huge line", d("x y intensity\n") + hugeLine, 2, "777", .malformed),
            ],
        ]
        for (reader, list) in inputs.sorted(by: { $0.key < $1.key }) {
            for (name, data, line, found, kind) in list {
                all.append(Case(reader: reader, input: name, data: data, line: line, found: found, kind: kind))
            }
        }
        return all
    }()

    @Test(arguments: cases)
    func badInputGivesAClearError(_ testCase: Case) throws {
        let reader = try #require(Self.readers[testCase.reader])
        let source = "bad-\(testCase.reader.replacingOccurrences(of: " ", with: "-")).txt"
        do {
            try reader(testCase.data, source)
            Issue.record("\(testCase.reader) accepted \(testCase.input) input")
        } catch {
            #expect(error.file == source)
            #expect(error.kind == testCase.kind, "\(error)")
            #expect(error.line == testCase.line, "\(error)")
            #expect(error.expected?.isEmpty == false, "\(error)")
            if let found = testCase.found {
                // SIMSError shows tabs in excerpts as \t (#25; they were U+FFFD).
                #expect(error.found?.contains(found.replacingOccurrences(of: "\t", with: "\\t")) == true, "\(error)")
            } else if testCase.kind != .empty {
                #expect(error.found != nil, "\(error)")
            }
            let message = error.description
            #expect(message.hasPrefix(source + (testCase.line.map { ":\($0)" } ?? "")), "\(message)")
            #expect(message.count < 400)
            #expect(!message.contains("\n"))
        }
    }

    @Test func missingFileAndFolderAreErrors() throws {
        let folder = try TemporaryFolder()
        #expect { try IONTOFSpectrumFormat.read(from: folder.file("none.txt")) } throws: { ($0 as? SIMSError)?.kind == .fileNotFound }
        #expect { try IONTOFDepthProfileFormat.read(from: folder.path) } throws: { ($0 as? SIMSError)?.kind == .unreadable }
    }
}
