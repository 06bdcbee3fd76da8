import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSFormats

@Suite("File kind detection from content")
struct FileKindTests {
    @Test func everySharedFileIsRecognised() throws {
        let root = try SharedData.path("")
        let enumerator = FileManager.default.enumerator(atPath: root)!
        var counts: [FileKind: Int] = [:]
        for case let relative as String in enumerator {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let kind = try FileKind.detect(path: path)
            counts[kind, default: 0] += 1
            if relative.hasPrefix("hea-catalyst-spectra/") {
                #expect(kind == (relative.contains("XRD_") ? .unknown : .spectrum), "\(relative)")
            } else if relative.hasPrefix("perovskite-depth-profiles/") {
                #expect(kind == .depthProfile, "\(relative)")
            } else if relative.hasSuffix(".imzML") {
                #expect(kind == .imzML)
            } else if relative.hasSuffix(".xlsx") {
                #expect(kind == .xlsx)
            } else if relative.hasSuffix("Example_mass_interval_list.txt") {
                #expect(kind == .intervalList)
            }
        }
        #expect(counts[.spectrum] == 262)
        #expect(counts[.depthProfile] == 27)
        #expect(counts[.intervalList] == 1)
    }

    @Test func contentNotExtensionDecides() {
        #expect(FileKind.detect(Data([0, 0, 0x42, 0x49, 0x46, 0x36, 1, 0])) == .bif6)
        #expect(FileKind.detect(Data("<?xml version=\"1.0\"?>\n<mzML xmlns=\"x\">".utf8)) == .imzML)
        #expect(FileKind.detect(Data("# Image Size: 2 x 1\nx y intensity\n0 0 1\n1 0 2\n".utf8)) == .ionImage)
        #expect(FileKind.detect(Data("assignment,center,width_ppm\nLi+,7.016,100\n".utf8)) == .plainIntervalList)
        #expect(FileKind.detect(Data("m/z\tIntensity\n1\t2\n".utf8)) == .spectrum)
        #expect(FileKind.detect(Data("hello world\n".utf8)) == .unknown)
        #expect(FileKind.detect(Data()) == .unknown)
        #expect(FileKind.detect(Data([0x50, 0x4B, 0x03, 0x04, 0, 0])) == .unknown)
    }
}
