import Foundation
import SIMSTestSupport
import Testing

/// The installed `sims` must run without the Swift toolchain: built with `--static-swift-stdlib` (README,
/// `.ci/run`), its dynamic dependencies are system libraries only, and it runs from a copy in an empty folder.
///
/// `.ci/run` builds the release binary and sets `SIMS_RELEASE_BINARY` to it, so there the test always runs;
/// elsewhere it runs when that variable names a binary.
@Suite("The release binary stands alone")
struct ReleaseBinaryTests {
    static let binary = ProcessInfo.processInfo.environment["SIMS_RELEASE_BINARY"]

    /// The toolchain's folder: `which swift`, symbolic links resolved, minus `usr/bin/swift`.
    static func toolchainFolder() throws -> String {
        let (status, output) = try ExternalTool.run(["sh", "-c", "readlink -f \"$(command -v swift)\""])
        let swift = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(status == 0 && !swift.isEmpty, "swift is not on PATH")
        var folder = URL(fileURLWithPath: swift).deletingLastPathComponent()   // …/usr/bin
        folder = folder.deletingLastPathComponent()                             // …/usr
        if folder.lastPathComponent == "usr" { folder = folder.deletingLastPathComponent() }
        return folder.path
    }

    @Test(.enabled(if: binary != nil, "set SIMS_RELEASE_BINARY to the release binary (.ci/run does)"))
    func linksNoToolchainLibrary() throws {
        let path = try #require(Self.binary)
        try #require(FileManager.default.isExecutableFile(atPath: path), "SIMS_RELEASE_BINARY=\(path) is not an executable; build it with swift build -c release --static-swift-stdlib")
        let toolchain = try Self.toolchainFolder()
        let (status, output) = try ExternalTool.run(["ldd", path])
        let libraries = String(decoding: output, as: UTF8.self)
        #expect(status == 0)
        #expect(libraries.contains("libc.so"), "ldd output: \(libraries)")
        let fromToolchain = libraries.split(separator: "\n").filter { $0.contains(toolchain + "/") || $0.contains("libswift") || $0.contains("libFoundation") }
        #expect(fromToolchain.isEmpty, "linked from the Swift toolchain (\(toolchain)): \(fromToolchain)")

        // A copy in an empty folder runs without the toolchain's libraries on any search path.
        let folder = try TemporaryFolder()
        let copy = folder.file("sims")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let (versionStatus, version) = try ExternalTool.run(["env", "-i", "PATH=/usr/bin:/bin", copy, "--version"])
        #expect(versionStatus == 0)
        #expect(!String(decoding: version, as: UTF8.self).isEmpty)
    }
}
