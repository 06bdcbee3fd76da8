import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU and wall time of one child process, measured as a user would experience it: the whole process from
/// spawn to exit, CPU = user + system time of the child and everything it waited for (`wait4`'s `rusage`).
public struct ChildProcessUsage: Sendable, Codable {
    /// User CPU time in seconds.
    public var userSeconds: Double
    /// System CPU time in seconds.
    public var systemSeconds: Double
    /// Wall-clock time from spawn to exit in seconds.
    public var wallSeconds: Double
    /// User + system CPU time in seconds.
    public var cpuSeconds: Double { userSeconds + systemSeconds }

    enum CodingKeys: String, CodingKey { case userSeconds, systemSeconds, wallSeconds, cpuSeconds }

    init(userSeconds: Double, systemSeconds: Double, wallSeconds: Double) {
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
        self.wallSeconds = wallSeconds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(userSeconds: try c.decode(Double.self, forKey: .userSeconds), systemSeconds: try c.decode(Double.self, forKey: .systemSeconds),
                  wallSeconds: try c.decode(Double.self, forKey: .wallSeconds))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(userSeconds, forKey: .userSeconds)
        try c.encode(systemSeconds, forKey: .systemSeconds)
        try c.encode(cpuSeconds, forKey: .cpuSeconds)
        try c.encode(wallSeconds, forKey: .wallSeconds)
    }

    /// Runs `executable` with `arguments` (stdin, stdout and stderr on /dev/null), waits for it with `wait4`
    /// and returns its usage; `nil` when it cannot be started or exits with a non-zero status.
    static func measure(_ executable: String, _ arguments: [String]) -> ChildProcessUsage? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let start = ContinuousClock.now
        guard posix_spawnp(&pid, executable, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { return nil }
        }
        let wall = ContinuousClock.now - start
        // WIFEXITED && WEXITSTATUS == 0.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { return nil }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return ChildProcessUsage(userSeconds: seconds(usage.ru_utime), systemSeconds: seconds(usage.ru_stime),
                                 wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18)
    }
}
