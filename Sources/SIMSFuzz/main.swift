// `SIMSFuzz`: libFuzzer targets for the readers of SIMSFormats (docs/reliability.md, "Fuzzing").
//
// Built by `scripts/fuzz.sh` with `-sanitize=fuzzer,address -DSIMS_FUZZ`: libFuzzer's driver runs the reader named
// by `SIMS_FUZZ_TARGET` (`LLVMFuzzerRunDriver`, so this file keeps its own `main`, which SwiftPM links as the
// executable's entry point). In the ordinary build (no libFuzzer) the same binary replays inputs:
//
//     SIMSFuzz TARGET FILE...     feed each file to the reader, print what it said (exit 1 if one was not a SIMSError)
//     SIMSFuzz --seeds FOLDER     write the writer-made seeds into FOLDER/<target>/
//     SIMSFuzz --list             the target names
import Foundation
import SIMSCore

/// The target libFuzzer's callback feeds (set once, before the driver starts).
nonisolated(unsafe) var fuzzTarget = FuzzTarget.spectrum

/// Feeds one input to the reader; anything but a return or a `SIMSError` is a finding.
func replay(_ target: FuzzTarget, _ bytes: [UInt8]) -> String {
    do throws(SIMSError) {
        try target.run(bytes)
        return "read"
    } catch {
        return "SIMSError: \(error)"
    }
}

#if SIMS_FUZZ
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// libFuzzer's entry point (also referenced by libFuzzer's own `main`, which SwiftPM's `main` replaces).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : [UInt8](UnsafeBufferPointer(start: data, count: size))
    _ = replay(fuzzTarget, bytes)
    return 0
}
#endif

func usage() -> Never {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("""
        usage: SIMSFuzz TARGET FILE...  |  SIMSFuzz --seeds FOLDER  |  SIMSFuzz --list
        (fuzzing build: SIMS_FUZZ_TARGET=TARGET SIMSFuzz [libFuzzer options] [CORPUS...])
        targets: \(names)\n
        """.utf8))
    exit(2)
}

let arguments = CommandLine.arguments
if arguments.count == 2, arguments[1] == "--list" {
    print(FuzzTarget.allCases.map(\.rawValue).joined(separator: "\n"))
    exit(0)
}
if arguments.count == 3, arguments[1] == "--seeds" {
    do { try FuzzSeeds.write(into: arguments[2]) } catch {
        FileHandle.standardError.write(Data("SIMSFuzz: cannot write seeds: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

#if SIMS_FUZZ
guard let name = ProcessInfo.processInfo.environment["SIMS_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else { usage() }
fuzzTarget = target
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
exit(status)
#else
guard arguments.count >= 3, let target = FuzzTarget(rawValue: arguments[1]) else { usage() }
for file in arguments.dropFirst(2) {
    guard let data = FileManager.default.contents(atPath: file) else {
        FileHandle.standardError.write(Data("SIMSFuzz: cannot read \(file)\n".utf8))
        exit(2)
    }
    print("\(file): \(replay(target, [UInt8](data)))")
}
#endif
