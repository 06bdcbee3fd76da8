import Dispatch
import Foundation
import SIMSWorkflows

/// SIGINT, SIGTERM and SIGHUP end `sims` without leaving anything behind: writes in progress finish, no new
/// write starts, temporary files and the staging folders of uncommitted runs are removed (the previous
/// output folder stays as it was), and the process then dies of the same signal (docs/reliability.md).
enum InterruptCleanup {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers; call once before a command runs.
    static func install() {
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Glibc.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global(qos: .userInitiated))
            source.setEventHandler { cleanUpAndExit(signal) }
            source.resume()
            sources.append(source)
        }
    }

    private static func cleanUpAndExit(_ signal: Int32) -> Never {
        OutputFolder.abandonAllRuns()
        Glibc.signal(signal, SIG_DFL)
        kill(getpid(), signal)
        _exit(128 + signal)
    }
}
