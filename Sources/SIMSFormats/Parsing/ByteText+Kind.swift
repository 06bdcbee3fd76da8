import Foundation
import SIMSCore

extension ByteText {
    /// The error for bytes of a known kind other than `expected` (``FileKind/detect(_:)`` on the first
    /// ``FileKind/probeLength`` bytes): an imzML, a depth profile or a workbook given where a spectrum belongs
    /// is named as such, rather than reported as a spectrum with bad column titles. `nil` when the bytes are
    /// of the expected or of no known kind (then the reader's own message says what is wrong).
    func wrongKindError(expected: FileKind, expectedShape: String) -> SIMSError? {
        let head = Data(bytes: base, count: Swift.min(count, FileKind.probeLength))
        let kind = FileKind.detect(head)
        guard kind != .unknown, kind != expected else { return nil }
        return error("wrong kind of file: \(kind.displayName), not \(expected.displayName)", line: nil,
                     expected: expectedShape + " (`sims inspect FILE` names the kind of a file)", kind: .unsupported)
    }
}
