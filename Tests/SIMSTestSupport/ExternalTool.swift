import Foundation

/// Runs an external program for live cross-checks (Python references, the Chromium screenshot script).
public enum ExternalTool {
    /// Whether `python3` can import every module in `modules`; a test skips its live check when not (the
    /// committed fixtures still run).
    public static func pythonCanImport(_ modules: String...) -> Bool {
        guard let status = try? run(["python3", "-c", "import " + modules.joined(separator: ", ")], discardingOutput: true).status else {
            return false
        }
        return status == 0
    }

    /// Runs `arguments` through `/usr/bin/env` and returns its exit status and standard output (stderr is
    /// discarded so a chatty tool cannot block on a full pipe).
    @discardableResult
    public static func run(_ arguments: [String], discardingOutput: Bool = false) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = discardingOutput ? FileHandle.nullDevice : pipe
        try process.run()
        let output = discardingOutput ? Data() : pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
