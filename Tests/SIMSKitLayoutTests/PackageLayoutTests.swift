import Foundation
import SIMSTestSupport
import Testing

/// The module layout of `docs/architecture.md` ("Dependency layers") against `Package.swift`: the documented table
/// is the real target graph, dependencies point to lower layers only, the graph is acyclic, and the `SIMSKit`
/// library product holds no benchmark code.
@Suite("package layout: Package.swift's target graph follows docs/architecture.md")
struct PackageLayoutTests {
    static func read(_ relative: String) throws -> String {
        try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent(relative), encoding: .utf8)
    }

    static func graph() throws -> TargetGraph { try TargetGraph(manifest: read("Package.swift")) }
    static func rows() throws -> [LayerRow] { try LayerRow.table(in: read("docs/architecture.md")) }

    @Test("every non-test target has a row, with exactly its Package.swift dependencies, each in a lower layer")
    func documentedLayers() throws {
        let graph = try Self.graph(), rows = try Self.rows()
        #expect(graph.nonTestTargets.count >= 15, "parsed \(graph.nonTestTargets.count) targets only")
        #expect(graph.dependencies["SIMSMicrostructure"] == ["SIMSCore", "SIMSAnalysis", "SIMSMultivariate"])
        #expect(Set(rows.map(\.target)) == graph.nonTestTargets)
        #expect(rows.count == Set(rows.map(\.target)).count, "a target has two rows")
        for row in rows {
            #expect(graph.dependencies[row.target] == row.dependencies, "\(row.target): Package.swift \(graph.dependencies[row.target]?.sorted() ?? []) vs docs \(row.dependencies.sorted())")
        }
        let layers = Dictionary(rows.map { ($0.target, $0.layer) }, uniquingKeysWith: max)
        #expect(graph.layerViolations(layers) == [])
    }

    @Test("the target graph, test targets included, is acyclic")
    func acyclic() throws {
        let graph = try Self.graph()
        #expect(graph.kinds.values.filter { $0 == "testTarget" }.count >= 10)
        #expect(graph.cycle() == nil)
    }

    @Test("the SIMSKit library product is the SIMS… modules of layers 0–4 and reaches no benchmark target")
    func libraryHasNoBenchmarks() throws {
        let graph = try Self.graph(), rows = try Self.rows()
        let library = try #require(graph.libraries["SIMSKit"])
        let expected = rows.filter { $0.layer <= 4 && $0.target.hasPrefix("SIMS") && $0.target != "SIMSTestSupport" }.map(\.target)
        #expect(Set(library) == Set(expected))
        #expect(!library.contains("SIMSBenchmarks") && !library.contains("sims"))
        for target in library {
            #expect(!graph.transitiveDependencies(of: target).contains("SIMSBenchmarks"), "\(target) reaches SIMSBenchmarks")
        }
        #expect(graph.dependencies["sims"]?.contains("SIMSBenchmarks") == true)
    }

    @Test("the checks catch a cycle, an upward dependency, an undeclared target and an unreadable table row")
    func checksCanFail() throws {
        let manifest = """
        let package = Package(
            name: "X",
            products: [.library(name: "Lib", targets: ["A", "Bench"])],
            dependencies: [.package(url: "https://example.org/p", from: "1.0.0")],
            targets: [
                // .target(name: "Commented", dependencies: ["Nowhere"]),
                .target(name: "A", dependencies: ["B", .product(name: "P", package: "p")]),
                .target(name: "B", dependencies: ["C"]),
                .target(name: "C", dependencies: ["A"]),
                .target(name: "Bench", dependencies: ["A"]),
                .testTarget(name: "ATests", dependencies: ["A"]),
            ]
        )
        """
        let graph = try TargetGraph(manifest: manifest)
        #expect(graph.dependencies["A"] == ["B"])
        #expect(graph.kinds["Commented"] == nil)
        #expect(graph.libraries["Lib"] == ["A", "Bench"])
        let cycle = try #require(graph.cycle())
        #expect(cycle.first == cycle.last && Set(cycle) == ["A", "B", "C"])
        #expect(graph.layerViolations(["A": 2, "B": 1, "C": 0, "Bench": 3]) == ["C (layer 0) → A (layer 2)"])
        #expect(graph.transitiveDependencies(of: "Bench").contains("C"))
        #expect(throws: TargetGraph.ParseError.self) {
            try TargetGraph(manifest: #"targets: [.target(name: "A", dependencies: ["Missing"])]"#)
        }
        #expect(throws: TargetGraph.ParseError.self) {
            try LayerRow.table(in: "| layer | target | depends on |\n|---|---|---|\n| x | A | — |\n")
        }
    }
}
