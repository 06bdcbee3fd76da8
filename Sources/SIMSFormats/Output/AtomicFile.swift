import CSIMSFileSystem
import Foundation
import SIMSCore

/// Writes files atomically: content goes to a temporary file in the same folder, which is then renamed
/// over the destination, so a reader never sees a half-written output and a failed run leaves the old file.
///
/// The file's writeback to disk is started as soon as it is written (`sync_file_range`) but not waited for: a
/// run's outputs are made durable together by ``makeDurable(_:)`` before the run is swapped into place
/// (`OutputFolder.commit`). Foundation's `Data.write(to:)` waits for an `fsync` of every file, which kept the
/// workers of `sims images` (197 files) and the last table of `sims spectra` (`tests.csv`, 18 MB) off the CPU
/// for ≈ 20 % of the run (docs/performance.md).
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
        do throws(SIMSError) {
            try writeContents(data, to: temporary.path)
            // rename(2) replaces the destination atomically on POSIX file systems.
            guard rename(temporary.path, url.path) == 0 else {
                throw SIMSError(.writeFailed, "cannot rename temporary file: errno \(errno)", file: path)
            }
        } catch {
            unlink(temporary.path)
            throw SIMSError(.writeFailed, "cannot write: \(error.message)", file: path)
        }
    }

    /// Creates `path` (which must not exist) with `data` and starts its writeback without waiting for it.
    private static func writeContents(_ data: Data, to path: String) throws(SIMSError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw SIMSError(.writeFailed, String(cString: strerror(errno)), file: path) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, !data.isEmpty { _ = sims_start_writeback(fd) }  // a hint: errors surface at makeDurable
        if close(fd) != 0, failure == 0 { failure = errno }
        guard failure == 0 else { throw SIMSError(.writeFailed, String(cString: strerror(failure)), file: path) }
    }

    /// Waits until the contents of the files at `paths` are on disk (`fsync` of each, in order; files whose writeback
    /// ``write(_:to:)`` started are mostly written by then, and one journal commit covers many files).
    /// - Throws: ``SIMSError`` `writeFailed` naming the first file that cannot be opened or synced.
    public static func makeDurable(_ paths: [String]) throws(SIMSError) {
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw SIMSError(.writeFailed, "cannot open to sync: \(String(cString: strerror(errno)))", file: path) }
            let synced = fsync(fd) == 0 || errno == EINVAL  // EINVAL: a special file that cannot be synced
            let code = errno
            close(fd)
            guard synced else { throw SIMSError(.writeFailed, "cannot sync to disk: \(String(cString: strerror(code)))", file: path) }
        }
    }

    /// Writes UTF-8 `text` to `path`.
    public static func write(_ text: String, to path: String) throws(SIMSError) {
        try write(Data(text.utf8), to: path)
    }
}
