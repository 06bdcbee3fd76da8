import Foundation
import SIMSCore

/// Moving a written `.imzML` + `.ibd` pair into place, and explaining a pair left half-moved by a killed run.
///
/// Two files cannot be renamed as one unit, so the commit is ordered: the previous `.ibd` is first kept under a
/// parked name beside it (a hard link, `.NAME.ibd.sims-old-<random>`), then the new `.ibd` is renamed into place,
/// then the new `.imzML` — the commit point: the XML names the UUID and SHA-1 of its `.ibd` — and last the parked
/// copy is removed. A run killed (SIGKILL, power loss) between the two renames leaves the previous `.imzML`
/// beside the new `.ibd` and the previous `.ibd` parked; ``ImzML/open(_:)`` then names the parked file in its
/// error, and renaming it back restores the previous pair. The next successful write into the same path removes
/// parked files left by killed runs. SIGINT / SIGTERM never stop between the renames (the commit runs inside
/// ``WriteGate/write(_:)``). See docs/reliability.md, "Output files".
extension ImzML {
    /// The infix of a parked previous `.ibd`: `.NAME.ibd` + marker + random hex.
    static let parkedMarker = ".sims-old-"

    /// Parked previous `.ibd` files of `binaryPath` (killed commits), as paths.
    static func parkedBinaries(of binaryPath: String) -> [String] {
        let folder = PathName.parent(of: binaryPath)
        let prefix = "." + PathName.lastComponent(binaryPath) + parkedMarker
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.sorted().map { (folder.isEmpty ? "." : folder) + "/" + $0 }
    }

    /// Renames the finished temporary files into place as described above.
    /// - Parameter stopAfterBinary: tests only: return after the `.ibd` rename, as a run killed there would.
    static func commitPair(binary temporaryBinary: String, xml temporaryXML: String, to path: String, binaryPath: String,
                           stopAfterBinary: Bool = false) throws(SIMSError) {
        let stale = parkedBinaries(of: binaryPath)
        let parked = PathName.parent(of: binaryPath) + "/." + PathName.lastComponent(binaryPath) + parkedMarker
            + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        // No previous .ibd, or a file system without hard links: nothing to keep (the window is then unprotected).
        let keeping = link(binaryPath, parked) == 0
        guard rename(temporaryBinary, binaryPath) == 0 else {
            let code = errno
            if keeping { unlink(parked) }
            unlink(temporaryBinary); unlink(temporaryXML)
            throw SIMSError(.writeFailed, "cannot move the .ibd into place (errno \(code))", file: binaryPath)
        }
        if stopAfterBinary { return }
        guard rename(temporaryXML, path) == 0 else {
            let code = errno
            // Put the previous .ibd back: the previous pair stays whole.
            if keeping { _ = rename(parked, binaryPath) } else { unlink(binaryPath) }
            unlink(temporaryXML)
            throw SIMSError(.writeFailed, "cannot move the imzML into place (errno \(code))", file: path)
        }
        if keeping { unlink(parked) }
        for file in stale { unlink(file) }
    }

    /// The error for an `.ibd` whose UUID is not the one `file` (the `.imzML`) states: names a parked previous
    /// `.ibd` with the stated UUID when a killed commit left one.
    static func mismatchError(file: String, binaryPath: String, found: [UInt8], expected: [UInt8]) -> SIMSError {
        let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
        let parked = parkedBinaries(of: binaryPath).first { candidate in
            guard let handle = FileHandle(forReadingAtPath: candidate) else { return false }
            defer { try? handle.close() }
            return (try? handle.read(upToCount: 16)).map(Array.init) == expected
        }
        if let parked {
            return SIMSError(.inconsistent, """
                the .ibd does not belong to this imzML (UUIDs differ): a sims run writing this pair was killed between \
                moving the .ibd and the .imzML into place. The previous pair is this .imzML with \(parked): rename that \
                file to \(PathName.lastComponent(binaryPath)) to restore it, or write the pair again
                """, file: binaryPath, byteOffset: 0, found: hex(found), expected: hex(expected))
        }
        return SIMSError(.inconsistent, "the .ibd does not belong to this imzML: UUIDs differ", file: binaryPath, byteOffset: 0,
                         found: hex(found), expected: hex(expected))
    }
}
