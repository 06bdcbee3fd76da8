import Foundation
import SIMSCore

/// Writes files atomically: content goes to a temporary file in the same folder, which is then renamed
/// over the destination, so a reader never sees a half-written output and a failed run leaves the old file.
public enum AtomicFile {
    /// Writes `data` to `path`, creating intermediate folders.
    public static func write(_ data: Data, to path: String) throws(SIMSError) {
        try WriteGate.write { () throws(SIMSError) in try writeNow(data, to: path) }
    }

    private static func writeNow(_ data: Data, to path: String) throws(SIMSError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        // Two attempts: another thread writing into the same new folder tree may create a parent in between,
        // which fails the first attempt.
        for attempt in 1...2 {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                break
            } catch {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue { break }
                if attempt == 2 {
                    throw SIMSError(.writeFailed, "cannot create folder \(folder.path): \(error.localizedDescription)", file: path)
                }
            }
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UInt64.random(in: 0...UInt64.max)).tmp")
        do {
            try data.write(to: temporary)
            // rename(2) replaces the destination atomically on POSIX file systems.
            guard rename(temporary.path, url.path) == 0 else {
                throw SIMSError(.writeFailed, "cannot rename temporary file: errno \(errno)", file: path)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw SIMSError(.writeFailed, "cannot write: \(error.localizedDescription)", file: path)
        }
    }

    /// Writes UTF-8 `text` to `path`.
    public static func write(_ text: String, to path: String) throws(SIMSError) {
        try write(Data(text.utf8), to: path)
    }
}
