import Foundation
import SIMSCore
import SIMSTestSupport
import Testing
@testable import SIMSFormats

/// A real export of one kind handed to the reader of another (`sims peaks --find data.imzML`, a depth profile
/// in a study of spectra) is named by its kind, not reported as a spectrum whose column titles lack m/z.
@Suite("readers name a file of the wrong kind")
struct WrongKindErrorTests {
    static let depthProfile = "perovskite-depth-profiles/MAPI-stack/I241209m_A_MAPI_1f-1nA_pos-B4 - NF.txt"

    private func message(_ body: () throws -> Void) -> SIMSError? {
        do { try body() } catch let error as SIMSError { return error } catch { return nil }
        return nil
    }

    @Test("the spectrum reader names imzML, depth profiles, workbooks and interval lists")
    func spectrumReader() throws {
        let cases: [(String, String)] = [
            ("imzml/Example_Continuous.imzML", "imzML"),
            (Self.depthProfile, "IONTOF depth profile"),
            ("lombardo-scripts/Inputs_ToF - PCA.xlsx", "Excel workbook (.xlsx)"),
            ("lombardo-scripts/Example_mass_interval_list.txt", "IONTOF mass interval list"),
        ]
        for (relative, kind) in cases {
            let path = try SharedData.path(relative)
            let error = try #require(message { _ = try IONTOFSpectrumFormat.read(from: path) }, "\(relative) was read as a spectrum")
            #expect(error.description.contains("wrong kind of file: \(kind), not IONTOF spectrum"), "\(error.description)")
            #expect(error.description.contains(path))
            #expect(error.kind == .unsupported)
        }
    }

    @Test("the depth-profile and interval-list readers name a spectrum")
    func otherReaders() throws {
        let spectrum = try SharedData.path("hea-catalyst-spectra/N_Ru_Bi1_1.txt")
        let depth = try #require(message { _ = try IONTOFDepthProfileFormat.read(from: spectrum) })
        #expect(depth.description.contains("wrong kind of file: IONTOF spectrum, not IONTOF depth profile"), "\(depth.description)")
        let list = try #require(message { _ = try IONTOFIntervalListFormat.read(from: spectrum) })
        #expect(list.description.contains("wrong kind of file: IONTOF spectrum, not IONTOF mass interval list"), "\(list.description)")
        let imzML = try SharedData.path("imzml/Example_Processed.imzML")
        let fromImzML = try #require(message { _ = try IONTOFIntervalListFormat.read(from: imzML) })
        #expect(fromImzML.description.contains("wrong kind of file: imzML"), "\(fromImzML.description)")
    }

    @Test("a file of no known kind keeps the reader's own message")
    func unknownKind() {
        let error = message { _ = try IONTOFSpectrumFormat.decode(Data("Channel\tMass\tCounts?\n1\t2\t3\n".utf8), source: "x.txt") }
        #expect(error?.description.contains("column titles lack Intensity") == true, "\(String(describing: error))")
    }
}
