/// Who may talk to `sims view`: the server binds to 127.0.0.1 only, and every request must also come from a
/// loopback address and name the server as `127.0.0.1`, `localhost` or `[::1]` (with the server's port) in its
/// `Host` header. The second check defeats DNS rebinding: a web page on another site that re-points its own
/// host name at 127.0.0.1 still sends its own name in `Host`, and is refused.
public struct LoopbackPolicy: Sendable, Equatable {
    /// The port the server listens on.
    public var port: Int

    /// A policy for a server on `port`.
    public init(port: Int) { self.port = port }

    /// Why a request is refused, or `nil` when it is allowed.
    /// - Parameters:
    ///   - remoteIP: the peer's IP address as text (`127.0.0.1`, `::1`, `::ffff:127.0.0.1` …); `nil` when unknown.
    ///   - host: the request's `Host` header (or HTTP/2 `:authority`).
    public func refusal(remoteIP: String?, host: String?) -> String? {
        guard let remoteIP, Self.isLoopback(remoteIP) else {
            return "requests are accepted from this computer only (loopback), not from \(remoteIP ?? "an unknown address")"
        }
        guard let host, isOwnHost(host) else {
            return "Host header \(host.map { "\"\($0)\"" } ?? "missing"): expected 127.0.0.1:\(port), localhost:\(port) or [::1]:\(port)"
        }
        return nil
    }

    /// Whether `ip` is a loopback address: 127.0.0.0/8, `::1`, or IPv4-mapped 127.0.0.0/8.
    public static func isLoopback(_ ip: String) -> Bool {
        let lower = ip.lowercased()
        if lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let v4 = lower.hasPrefix("::ffff:") ? String(lower.dropFirst(7)) : lower
        let parts = v4.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }

    /// Whether `host` (a Host header value) names this server.
    func isOwnHost(_ host: String) -> Bool {
        let lower = host.lowercased()
        for name in ["127.0.0.1", "localhost", "[::1]"] {
            if lower == name || lower == "\(name):\(port)" { return true }
        }
        return false
    }
}
