import Foundation
import Hummingbird
import NIOCore
import Synchronization
import Logging
import SIMSCore
import SIMSFormats

/// The `sims view` web application: a Hummingbird server on 127.0.0.1 that serves the embedded client
/// (``ClientAssets``), the JSON API described in docs/view.md, and the files under PATH (nothing else).
///
/// ```swift
/// let server = try ViewServer(path: "sims-demo")
/// try await server.run(port: 0) { url in print(url) }
/// ```
public struct ViewServer: Sendable {
    /// What PATH holds.
    public let catalog: ViewCatalog
    let store: ViewStore

    /// Scans `path` (see ``ViewCatalog/scan(_:)``).
    public init(path: String) throws(SIMSError) {
        catalog = try ViewCatalog.scan(path)
        store = ViewStore(catalog: catalog)
    }

    /// The router with the guard, the client, the API and `/files/…`. `port` is the port the Host header must
    /// name (the real port once bound; tests pass the port they use).
    func router(policy: @escaping @Sendable () -> LoopbackPolicy) -> Router<ViewRequestContext> {
        let router = Router(context: ViewRequestContext.self)
        router.add(middleware: DynamicLoopbackGuard(policy: policy))
        let store = self.store
        let root = catalog.root
        router.get("/") { _, _ in
            var response = ViewResponse.text(ClientAssets.html, type: "text/html; charset=utf-8")
            response.headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'"
            return response
        }
        router.get("/app.js") { _, _ in ViewResponse.text(ClientAssets.script, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in ViewResponse.text(ClientAssets.style, type: "text/css; charset=utf-8") }
        router.get("/files/**") { request, _ in
            let raw = String(request.uri.path.dropFirst("/files/".count))
            guard let path = root.resolve(raw) else { return ViewResponse.error(.notFound, "not a file under the viewed folder: \(raw)") }
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                return ViewResponse.bytes([UInt8](data), type: Self.contentType(path))
            } catch {
                return ViewResponse.error(.notFound, "cannot read \(raw)")
            }
        }
        func api(_ path: RouterPath, _ body: @escaping @Sendable (Query) async throws -> Response) {
            router.get(path) { request, _ in
                do { return try await body(Query(request: request)) } catch { return ViewResponse.error(error) }
            }
        }
        api("/api/catalog") { _ in ViewResponse.json(try await store.catalogJSON()) }
        api("/api/spectra") { q in
            let ids = (q.string("ids") ?? "").split(separator: ",").map(String.init)
            let columns = min(4000, max(10, try q.int("columns") ?? 1000))
            let (lower, upper) = (try q.double("lower"), try q.double("upper"))
            if q.string("format") == "binary" {
                return ViewResponse.bytes(try await store.spectraBinary(ids: ids, lower: lower, upper: upper, columns: columns).bytes, type: "application/octet-stream")
            }
            return ViewResponse.json(try await store.spectraJSON(ids: ids, lower: lower, upper: upper, columns: columns))
        }
        api("/api/assign") { q in
            guard let mass = try q.double("mz") else { throw SIMSError.invalidArgument("missing mz", expected: "mz=<u>") }
            return ViewResponse.json(await store.assignJSON(mass: mass, width: try q.double("width") ?? 0, polarity: q.string("polarity").flatMap(Polarity.init(parsing:))))
        }
        api("/api/interval") { q in ViewResponse.json(try await store.intervalJSON(try q.requiredInt("index"))) }
        api("/api/imageset") { q in ViewResponse.json(try await store.imageSetJSON(try q.requiredInt("set"))) }
        api("/api/image") { q in
            ViewResponse.json(try await store.imageJSON(set: try q.requiredInt("set"), ion: q.string("ion"),
                                                        lower: try q.double("lower"), upper: try q.double("upper"), ratio: q.string("ratio")))
        }
        api("/api/roi") { q in
            let polygon = try PixelPolygon(flat: try q.doubles("polygon"))
            return ViewResponse.json(try await store.roiJSON(set: try q.requiredInt("set"), ion: q.string("ion"), lower: try q.double("lower"),
                                                             upper: try q.double("upper"), ratio: q.string("ratio"), polygon: polygon,
                                                             columns: min(4000, max(10, try q.int("columns") ?? 800))))
        }
        api("/api/depth") { q in ViewResponse.json(try await store.depthJSON(try q.requiredInt("id"))) }
        api("/api/mva") { q in ViewResponse.json(try await store.multivariateJSON(try q.requiredInt("id"))) }
        api("/api/export") { q in try await store.export(q) }
        return router
    }

    /// Binds to 127.0.0.1:`port` (0 = any free port), calls `onReady` with the URL once listening, and serves
    /// until the process is interrupted (SIGINT/SIGTERM).
    public func run(port: Int, onReady: @escaping @Sendable (String) -> Void) async throws {
        try await application(host: "127.0.0.1", port: port, onReady: onReady).runService()
    }

    /// The Hummingbird application bound to `host:port`. `sims view` always binds 127.0.0.1; tests bind
    /// 0.0.0.0 to check that the guard refuses peers on other interfaces.
    func application(host: String, port: Int, onReady: @escaping @Sendable (String) -> Void) -> some ApplicationProtocol {
        let boundPort = PortBox()
        return Application(
            router: router(policy: { LoopbackPolicy(port: boundPort.value) }),
            configuration: .init(address: .hostname(host, port: port), serverName: "sims-view"),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? port
                boundPort.value = actual
                onReady("http://127.0.0.1:\(actual)/")
            },
            logger: Self.quietLogger
        )
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "sims-view")
        logger.logLevel = .warning
        return logger
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": "image/png"
        case "svg": "image/svg+xml"
        case "pdf": "application/pdf"
        case "csv": "text/csv; charset=utf-8"
        case "json": "application/json"
        case "txt", "md", "toml": "text/plain; charset=utf-8"
        // Served as text so a stored page cannot run scripts with the viewer's origin.
        case "html", "htm": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

/// The port once the server is bound (set from the server's running callback, read by the guard).
final class PortBox: Sendable {
    private let storage = Mutex(0)
    var value: Int {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

/// ``LoopbackGuard`` whose policy is read per request (the port is known only after binding).
struct DynamicLoopbackGuard: RouterMiddleware {
    typealias Context = ViewRequestContext
    let policy: @Sendable () -> LoopbackPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await LoopbackGuard(policy: policy()).handle(request, context: context, next: next)
    }
}
