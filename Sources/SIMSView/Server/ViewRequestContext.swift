import Hummingbird
import NIOCore

/// The request context of `sims view`: Hummingbird's basic context plus the peer address, which the
/// ``LoopbackGuard`` checks.
public struct ViewRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's core context.
    public var coreContext: CoreRequestContextStorage
    /// The peer's socket address (`nil` in router-only tests, which are refused like any unknown peer).
    public let remoteAddress: SocketAddress?

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// Refuses (403) every request that ``LoopbackPolicy`` does not allow, before any route runs.
struct LoopbackGuard: RouterMiddleware {
    typealias Context = ViewRequestContext
    let policy: LoopbackPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = request.head.authority
        if let reason = policy.refusal(remoteIP: context.remoteAddress?.ipAddress, host: host) {
            return ViewResponse.error(.forbidden, reason)
        }
        var response = try await next(request, context)
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Cache-Control")!] = "no-store"
        return response
    }
}
