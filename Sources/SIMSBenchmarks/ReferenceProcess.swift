import Foundation

/// What the benchmarks share: running an independent Python reference and reading this process's memory.
enum ReferenceProcess {
    /// Runs `python3 -c script arguments…` and returns the JSON object it prints on stdout, or `nil` when
    /// python3 (or a package the script imports) is missing or the script fails. stderr is discarded so a
    /// chatty script cannot fill a pipe and block.
    static func runPythonJSON(_ script: String, arguments: [String]) -> [String: Any]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// Peak resident set size of this process in MiB (VmHWM of /proc/self/status), or `nil` where /proc is
    /// unavailable (non-Linux).
    static func peakResidentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kB = Double(fields[1]) { return kB / 1024 }
        }
        return nil
    }
}
