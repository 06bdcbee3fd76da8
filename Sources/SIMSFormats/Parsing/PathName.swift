import Foundation

/// Path-name arithmetic on plain strings that works for every name a user can type.
///
/// Foundation's `NSString.deletingLastPathComponent` traps on one-character names (`"."`, `"A"`: issue #25), so
/// SIMSKit never calls it; these functions only split strings and never touch the file system (except
/// ``absolute(_:)``, which reads the current folder).
public enum PathName {
    /// The folder holding `path`: `"a/b"` → `"a"`, `"A"` → `"."`, `"/a"` → `"/"`, `"."` → `".."`, `"a/.."` →
    /// `"a/../.."`. Trailing slashes are ignored.
    public static func parent(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        let last = lastComponent(trimmed)
        if last == "." || last == ".." { return trimmed + "/.." }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let head = trimmingTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// The last component: `"a/b.txt"` → `"b.txt"`, `"a/"` → `"a"`, `"/"` → `"/"`.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `path` without the extension of its last component: `"a/b.txt"` → `"a/b"`, `"a.d/b"` → `"a.d/b"`,
    /// `".hidden"` → `".hidden"`.
    public static func deletingExtension(_ path: String) -> String {
        let last = lastComponent(path)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return path }
        let removed = last.distance(from: dot, to: last.endIndex)
        let trimmed = trimmingTrailingSlashes(path)
        return String(trimmed.dropLast(removed))
    }

    /// The extension of the last component without the dot (`""` when there is none).
    public static func pathExtension(_ path: String) -> String {
        let last = lastComponent(path)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return String(last[last.index(after: dot)...])
    }

    /// `path` made absolute against the current folder, with `.` and `..` components and repeated slashes
    /// resolved lexically (symbolic links are not followed).
    public static func absolute(_ path: String) -> String {
        let start = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in start.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The canonical path of an existing file or folder (symbolic links resolved, `realpath(3)`), or `nil` when
    /// it does not exist.
    public static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The canonical form of a path that may not exist yet: its folder resolved (``resolved(_:)``) when it exists,
    /// else the lexical ``absolute(_:)`` form.
    public static func canonical(_ path: String) -> String {
        if let resolved = resolved(path) { return resolved }
        let absolute = absolute(path)
        let name = lastComponent(absolute)
        if let folder = resolved(parent(of: absolute)) { return (folder == "/" ? "" : folder) + "/" + name }
        return absolute
    }

    /// Whether `path` equals `folder` or lies inside it (both canonical, see ``canonical(_:)``).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || folder == "/" || path.hasPrefix(folder + "/")
    }

    /// `path` without trailing slashes (`"/"` stays).
    public static func trimmingTrailingSlashes(_ path: String) -> String {
        var out = Substring(path)
        while out.count > 1, out.hasSuffix("/") { out = out.dropLast() }
        return String(out)
    }
}
