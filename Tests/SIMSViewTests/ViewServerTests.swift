import Foundation
import Testing
import Hummingbird
import ServiceLifecycle
import SIMSTestSupport
@testable import SIMSView

/// Runs a real server (bound to `host`, any free port) over `path` for the duration of `body`.
func withServer<T: Sendable>(path: String, host: String = "127.0.0.1", _ body: @Sendable (Int) async throws -> T) async throws -> T {
    let server = try ViewServer(path: path)
    let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = server.application(host: host, port: 0) { url in
        continuation.yield(Int(url.split(separator: ":").last!.dropLast())!)
    }
    let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: ViewServer.quietLogger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = stream.makeAsyncIterator()
        let port = await iterator.next()!
        do {
            let result = try await body(port)
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        } catch {
            await services.triggerGracefulShutdown()
            throw error
        }
    }
}

@Suite("sims view server over HTTP")
struct ViewServerTests {
    /// root/{spot.txt (a spectrum), sub/…} and a secret beside root, plus a symbolic link out of root.
    func study() throws -> TemporaryFolder {
        let tmp = try TemporaryFolder("sims-view-server")
        let spectrum = "# Binning: 1 channels\nChannel\tm/z\tIntensity\n1\t1.0\t5\n2\t1.5\t9\n3\t2.0\t4\n4\t2.5\t0\n"
        try tmp.write(spectrum, to: "root/A/spot_1.txt")
        try tmp.write(spectrum, to: "root/B/spot_1.txt")
        try tmp.write("secret", to: "secret.txt")
        try FileManager.default.createSymbolicLink(atPath: tmp.file("root/link-out.txt"), withDestinationPath: tmp.file("secret.txt"))
        return tmp
    }

    @Test func servesThePageTheAPIAndFilesUnderRootOnly() async throws {
        let tmp = try study()
        try await withServer(path: tmp.file("root")) { port in
            let own = "127.0.0.1:\(port)"
            let page = try await RawHTTP.get("/", port: port, host: own)
            #expect(page.status == 200 && page.body.contains("sims view"))
            let catalog = try await RawHTTP.get("/api/catalog", port: port, host: own)
            #expect(catalog.status == 200 && catalog.body.contains("\"sample\":\"A\"") && catalog.body.contains("\"sample\":\"B\""))
            let spectra = try await RawHTTP.get("/api/spectra?ids=0,1&columns=100", port: port, host: own)
            #expect(spectra.status == 200 && spectra.body.contains("\"max\":[5,9,4,0]"), "\(spectra.status): \(spectra.body.prefix(300))")
            let file = try await RawHTTP.get("/files/A/spot_1.txt", port: port, host: own)
            #expect(file.status == 200, "\(file.status): \(file.body.prefix(200))")
            for path in ["/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/A/%2E%2E/%2e%2e/secret.txt", "/files/..%2fsecret.txt",
                         "/files/link-out.txt", "/files/A/../../secret.txt", "/files//etc/passwd", "/files/%2fetc%2fpasswd"] {
                let reply = try await RawHTTP.get(path, port: port, host: own)
                #expect(reply.status == 404, "\(path) answered \(reply.status)")
                #expect(!reply.body.contains("secret\n") && reply.body != "secret", "\(path) leaked the file")
            }
            #expect(try await RawHTTP.get("/api/spectra?ids=7", port: port, host: own).status == 400)
        }
    }

    @Test func foreignHostHeadersAreRefused() async throws {
        let tmp = try study()
        try await withServer(path: tmp.file("root")) { port in
            for host in ["evil.example:\(port)", "127.0.0.1:\(port + 1)", nil] as [String?] {
                let reply = try await RawHTTP.get("/api/catalog", port: port, host: host)
                #expect(reply.status == 403 || (host == nil && reply.status == 400), "Host \(host ?? "missing") answered \(reply.status)")
                #expect(!reply.body.contains("spectra"))
            }
            let own = try await RawHTTP.get("/api/catalog", port: port, host: "localhost:\(port)")
            #expect(own.status == 200, "\(own.status): \(own.body.prefix(200))")
        }
    }

    @Test func peersOnOtherInterfacesAreRefused() async throws {
        let tmp = try study()
        let ip = try #require(RawHTTP.externalIPv4(), "this test needs a non-loopback IPv4 interface")
        // Bound to every interface here only to prove the guard itself refuses (`sims view` binds 127.0.0.1).
        try await withServer(path: tmp.file("root"), host: "0.0.0.0") { port in
            let reply = try await RawHTTP.get("/api/catalog", ip: ip, port: port, host: "127.0.0.1:\(port)")
            #expect(reply.status == 403, "a request from \(ip) answered \(reply.status)")
            #expect(reply.body.contains("loopback"))
            #expect(try await RawHTTP.get("/api/catalog", port: port, host: "127.0.0.1:\(port)").status == 200)
        }
    }
}
