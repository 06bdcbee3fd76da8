import Foundation
import SIMSCore

/// The part of the file system `sims view` may serve: every regular file under a folder, or — when the user
/// opened a single file — that file and its companions (an imzML's `.ibd`, the other ion files of an ASCII
/// image set).
///
/// ``resolve(_:)`` maps a request path (already split from the URL, still percent-encoded) to an absolute path
/// and refuses anything that leaves the root: `..` and `.` components (also when percent-encoded), absolute
/// paths, NUL bytes, backslashes and symbolic links whose target lies outside the root (the final path is
/// compared after `realpath`).
public struct ServedRoot: Sendable, Equatable {
    /// The folder (symbolic links resolved) everything served lies under.
    public let folder: String
    /// When the user opened a single file: the files (resolved) that may be served; `nil` = all under ``folder``.
    public let allowedFiles: Set<String>?

    /// The root for `path` (a folder or a file, resolved through symbolic links).
    /// - Parameter companions: for a file, other files beside it that may be served too.
    public init(path: String, companions: [String] = []) throws(SIMSError) {
        guard let real = Self.realPath(path) else {
            throw SIMSError(.fileNotFound, "no such file or folder", file: path)
        }
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            folder = real
            allowedFiles = nil
        } else {
            folder = (real as NSString).deletingLastPathComponent
            allowedFiles = Set(([path] + companions).compactMap(Self.realPath))
        }
    }

    /// The absolute path of the regular file named by `requestPath` (relative to the root, `/`-separated,
    /// percent-encoded as in the URL), or `nil` when it is outside the root, not a regular file, or not allowed.
    public func resolve(_ requestPath: String) -> String? {
        var components: [String] = []
        for raw in requestPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(raw).removingPercentEncoding else { return nil }
            if decoded == "." || decoded == ".." || decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") {
                return nil
            }
            components.append(decoded)
        }
        guard !components.isEmpty else { return nil }
        let joined = folder + "/" + components.joined(separator: "/")
        guard let real = Self.realPath(joined), contains(real) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return real
    }

    /// Whether the resolved absolute `path` may be served.
    public func contains(_ path: String) -> Bool {
        guard path.hasPrefix(folder == "/" ? "/" : folder + "/") else { return false }
        if let allowedFiles { return allowedFiles.contains(path) }
        return true
    }

    /// `path` relative to ``folder`` (for URLs and labels); the path itself when outside.
    public func relative(_ path: String) -> String {
        let real = Self.realPath(path) ?? path
        let prefix = folder == "/" ? "/" : folder + "/"
        return real.hasPrefix(prefix) ? String(real.dropFirst(prefix.count)) : path
    }

    /// `realpath(3)`: absolute, symbolic links resolved; `nil` when the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
