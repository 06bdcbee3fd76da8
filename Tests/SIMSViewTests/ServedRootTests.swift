import Foundation
import Testing
import SIMSTestSupport
@testable import SIMSView

@Suite("sims view serves only files under PATH")
struct ServedRootTests {
    /// root/{a.txt, sub/b.txt, link-out → ../outside/secret.txt, link-in → a.txt}, outside/secret.txt beside root.
    func layout() throws -> (TemporaryFolder, String) {
        let tmp = try TemporaryFolder("sims-view-root")
        try tmp.write("a", to: "root/a.txt")
        try tmp.write("b", to: "root/sub/b.txt")
        try tmp.write("secret", to: "outside/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: tmp.file("root/link-out"), withDestinationPath: tmp.file("outside/secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: tmp.file("root/link-dir-out"), withDestinationPath: tmp.file("outside"))
        try FileManager.default.createSymbolicLink(atPath: tmp.file("root/link-in"), withDestinationPath: tmp.file("root/a.txt"))
        return (tmp, tmp.file("root"))
    }

    @Test func filesInsideResolve() throws {
        let (tmp, root) = try layout()
        let served = try ServedRoot(path: root)
        #expect(served.resolve("a.txt")?.hasSuffix("/root/a.txt") == true)
        #expect(served.resolve("sub/b.txt")?.hasSuffix("/root/sub/b.txt") == true)
        #expect(served.resolve("sub%2Fb.txt") == nil, "an encoded slash is not a separator")
        #expect(served.resolve("link-in")?.hasSuffix("/root/a.txt") == true, "a link that stays inside is fine")
        _ = tmp
    }

    @Test(arguments: [
        "../outside/secret.txt", "sub/../../outside/secret.txt", "%2e%2e/outside/secret.txt", "%2E%2E/outside/secret.txt",
        "sub/%2e%2e/%2e%2e/outside/secret.txt", "..%2foutside%2fsecret.txt", "%2e%2e%2foutside%2fsecret.txt",
        "sub/..", ".", "./a.txt", "..", "link-out", "link-dir-out/secret.txt", "", "sub", "..\\outside\\secret.txt",
        "a.txt%00.png", "%252e%252e/outside/secret.txt", "missing.txt",
    ])
    func escapesAreRefused(_ request: String) throws {
        let (tmp, root) = try layout()
        let served = try ServedRoot(path: root)
        #expect(served.resolve(request) == nil, "\(request) must be refused")
        _ = tmp
    }

    @Test func aSingleFileServesOnlyItselfAndItsCompanions() throws {
        let (tmp, _) = try layout()
        try tmp.write("x", to: "root/data.imzML")
        try tmp.write("y", to: "root/data.ibd")
        let served = try ServedRoot(path: tmp.file("root/data.imzML"), companions: [tmp.file("root/data.ibd")])
        #expect(served.resolve("data.imzML") != nil)
        #expect(served.resolve("data.ibd") != nil)
        #expect(served.resolve("a.txt") == nil, "siblings of an opened file are not served")
        #expect(served.resolve("../outside/secret.txt") == nil)
    }
}

@Suite("sims view accepts loopback peers naming itself only")
struct LoopbackPolicyTests {
    let policy = LoopbackPolicy(port: 8123)

    @Test(arguments: ["127.0.0.1", "127.5.6.7", "::1", "::ffff:127.0.0.1"])
    func loopbackPeersAreAccepted(_ ip: String) {
        #expect(policy.refusal(remoteIP: ip, host: "127.0.0.1:8123") == nil)
    }

    @Test(arguments: ["192.0.2.2", "10.0.0.1", "::ffff:192.168.1.1", "fd00::2", "128.0.0.1", "1270.0.0.1", ""])
    func otherPeersAreRefused(_ ip: String) {
        #expect(policy.refusal(remoteIP: ip, host: "127.0.0.1:8123") != nil)
    }

    @Test func unknownPeerIsRefused() { #expect(policy.refusal(remoteIP: nil, host: "127.0.0.1:8123") != nil) }

    @Test(arguments: ["127.0.0.1:8123", "localhost:8123", "LOCALHOST:8123", "[::1]:8123", "localhost", "127.0.0.1"])
    func ownHostNamesAreAccepted(_ host: String) { #expect(policy.refusal(remoteIP: "127.0.0.1", host: host) == nil) }

    @Test(arguments: ["evil.example:8123", "127.0.0.1:8124", "localhost.evil.example:8123", "127.0.0.1:8123.evil", "0.0.0.0:8123", ""])
    func foreignHostHeadersAreRefused(_ host: String) { #expect(policy.refusal(remoteIP: "127.0.0.1", host: host) != nil) }

    @Test func missingHostIsRefused() { #expect(policy.refusal(remoteIP: "127.0.0.1", host: nil) != nil) }
}
