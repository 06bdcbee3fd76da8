#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SIMSCore

/// A read-only file accessed with positioned reads (`pread`), so that large binary files (.ibd) are read
/// piece by piece into caller-owned buffers and never mapped or loaded whole.
/// Closes a file descriptor (free function: the class's `close()` shadows the C name).
func closeFileDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

final class BinaryFile {
    let path: String
    private var descriptor: Int32
    /// File size in bytes.
    let size: Int

    init(path: String) throws(SIMSError) {
        self.path = path
        (descriptor, size) = try InputFile.open(path)
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns the number read (0 at end of file).
    func read(into buffer: inout [UInt8], at offset: Int) throws(SIMSError) -> Int {
        let result: Result<Int, SIMSError> = buffer.withUnsafeMutableBytes { raw in
            do throws(SIMSError) { return .success(try read(into: raw, at: offset)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Fills as much of `raw` as the file allows from `offset`; returns the number of bytes read.
    func read(into raw: UnsafeMutableRawBufferPointer, at offset: Int) throws(SIMSError) -> Int {
        var done = 0
        while done < raw.count {
            let n = pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw SIMSError(.unreadable, "read failed (errno \(errno))", file: path, byteOffset: offset + done)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads exactly `raw.count` bytes at `offset` or throws `truncated` naming `what`.
    func readExactly(into raw: UnsafeMutableRawBufferPointer, at offset: Int, _ what: String) throws(SIMSError) {
        let n = try read(into: raw, at: offset)
        guard n == raw.count else {
            throw SIMSError(.truncated, "file ends inside \(what)", file: path, byteOffset: offset + n,
                            found: "\(size) bytes in file", expected: "\(offset + raw.count) bytes")
        }
    }

    func close() {
        if descriptor >= 0 { closeFileDescriptor(descriptor); descriptor = -1 }
    }

    deinit { close() }
}
