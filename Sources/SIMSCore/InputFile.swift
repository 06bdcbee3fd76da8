#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening the files a command reads: only regular files (a FIFO would block forever, `/dev/zero` never ends, a
/// folder is not a file), with a clear ``SIMSError`` naming the file otherwise, and the real size, which bounds
/// every length and offset read from the file (docs/reliability.md).
public enum InputFile {
    /// Opens `path` read-only (never blocking on a FIFO) and checks that it is a regular file.
    /// - Returns: the open descriptor (the caller closes it) and the file's size in bytes.
    /// - Throws: ``SIMSError`` `fileNotFound`, or `unreadable` for folders, special files and permission errors.
    public static func open(_ path: String) throws(SIMSError) -> (descriptor: Int32, size: Int) {
        let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw SIMSError(.fileNotFound, "file not found", file: path)
            case EACCES, EPERM: throw SIMSError(.unreadable, "permission denied", file: path)
            default: throw SIMSError(.unreadable, "cannot open the file (errno \(code))", file: path)
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            _ = systemClose(descriptor)
            throw SIMSError(.unreadable, "cannot read the file's status", file: path)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return (descriptor, Int(status.st_size))
        case S_IFDIR:
            _ = systemClose(descriptor)
            throw SIMSError(.unreadable, "is a folder, not a file", file: path, expected: "a file")
        default:
            _ = systemClose(descriptor)
            throw SIMSError(.unreadable, "is not a regular file (a pipe, device or socket); sims reads only regular files",
                            file: path, expected: "a regular file")
        }
    }

    /// Checks that `path` is a readable regular file and returns its size in bytes (see ``open(_:)``).
    @discardableResult
    public static func check(_ path: String) throws(SIMSError) -> Int {
        let (descriptor, size) = try open(path)
        _ = systemClose(descriptor)
        return size
    }
}

// The C functions, reachable under names that the enum's own `open` does not shadow.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
