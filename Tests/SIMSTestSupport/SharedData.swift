import Foundation
import SIMSCore

/// Locates the real instrument exports in `../shared/data` beside the repository.
///
/// Tests read them in place; a missing file is a loud failure (thrown error), never a silent pass.
public enum SharedData {
    /// The repository root (two levels above this file's folder).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` beside the repository (or `$SIMSKIT_SHARED_DATA`).
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["SIMSKIT_SHARED_DATA"] {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// The path of `relative` under the shared data folder; throws when it does not exist.
    public static func path(_ relative: String) throws -> String {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SIMSError(.fileNotFound, "shared test data missing — expected ../shared/data beside the repository", file: url.path)
        }
        return url.path
    }

    /// Paths of all files under `relativeFolder` whose names end with `suffix`, sorted; throws when the folder is missing or empty.
    public static func files(in relativeFolder: String, suffix: String = ".txt") throws -> [String] {
        let folder = try path(relativeFolder)
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw SIMSError(.unreadable, "cannot list shared test data", file: folder)
        }
        let names = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(suffix) }.sorted()
        guard !names.isEmpty else { throw SIMSError(.empty, "no *\(suffix) files in shared test data", file: folder) }
        return names.map { folder + "/" + $0 }
    }
}

/// A fresh temporary folder for one test; removed when the value is deinitialized.
public final class TemporaryFolder: @unchecked Sendable {
    /// The folder's path.
    public let path: String

    /// Creates a new empty folder under the system temporary directory.
    public init(_ prefix: String = "simskit-test") throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// `path/relative`.
    public func file(_ relative: String) -> String { path + "/" + relative }

    /// Writes `text` to `relative` (creating folders) and returns the path.
    @discardableResult
    public func write(_ text: String, to relative: String) throws -> String {
        let target = file(relative)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes `data` to `relative` and returns the path.
    @discardableResult
    public func write(_ data: Data, to relative: String) throws -> String {
        let target = file(relative)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: target))
        return target
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
