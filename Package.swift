// swift-tools-version: 6.0
// SIMSKit — ToF-SIMS data evaluation for battery research.
import PackageDescription

let package = Package(
    name: "SIMSKit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sims", targets: ["sims"]),
        .library(name: "SIMSKit", targets: [
            "SIMSCore", "SIMSFormats", "SIMSChemistry", "SIMSAnalysis",
            "SIMSMultivariate", "SIMSQuantification", "SIMSMicrostructure", "SIMSSimulator", "SIMSReport", "SIMSWorkflows",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // SHA-256 of every input (provenance, duplicate detection): BoringSSL's SHA-NI/AVX2 code paths.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Local HTTP server for `sims view` (SIMSView).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        // System zlib (Debian zlib1g-dev): deflate for PNG, inflate for xlsx/imzML helpers.
        .systemLibrary(name: "CSIMSZlib", path: "Sources/CSIMSZlib", providers: [.apt(["zlib1g-dev"])]),
        // System cairo + Pango (Debian libcairo2-dev, libpango1.0-dev): the figure back end (PNG and PDF surfaces,
        // text laid out by Pango). docs/plotting.md says why.
        .systemLibrary(name: "CSIMSCairo", path: "Sources/CSIMSCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        // libpng's write API behind a C setjmp frame (Debian libpng-dev, pulled in by libcairo2-dev): fast PNG
        // encoding of figures and ion images (level 1, SUB filter, run-length strategy; docs/performance.md).
        .target(name: "CSIMSPNG", path: "Sources/CSIMSPNG", linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]),
        // System OpenBLAS + LAPACKE (Debian libopenblas-dev, liblapacke-dev): dense products, Gram matrix,
        // symmetric eigendecomposition, QR (docs/multivariate.md says why).
        .systemLibrary(name: "CSIMSOpenBLAS", path: "Sources/CSIMSOpenBLAS",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),

        // Linux renameat2(2) (RENAME_EXCHANGE) and sync_file_range(2), not exposed by Swift's Glibc module: swaps a
        // finished run's staging folder with the previous output folder atomically, and starts each output's
        // writeback as soon as it is written (docs/reliability.md).
        .systemLibrary(name: "CSIMSFileSystem", path: "Sources/CSIMSFileSystem"),

        .target(name: "SIMSCore"),
        .target(name: "SIMSFormats", dependencies: [
            "SIMSCore", "CSIMSZlib", "CSIMSFileSystem",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "SIMSChemistry", dependencies: ["SIMSCore"]),
        .target(name: "SIMSAnalysis", dependencies: ["SIMSCore", "SIMSChemistry"]),
        .target(name: "SIMSMultivariate", dependencies: ["SIMSCore", "CSIMSOpenBLAS"]),
        // Isotope-cluster deconvolution (certified NNLS on isotope-pattern templates) and RSF quantification (#23).
        .target(name: "SIMSQuantification", dependencies: ["SIMSCore", "SIMSChemistry", "SIMSMultivariate"]),
        .target(name: "SIMSMicrostructure", dependencies: ["SIMSCore", "SIMSAnalysis", "SIMSMultivariate"]),
        .target(name: "SIMSSimulator", dependencies: ["SIMSCore", "SIMSChemistry", "SIMSFormats", "SIMSAnalysis"]),
        .target(name: "SIMSReport", dependencies: ["SIMSCore", "SIMSAnalysis", "CSIMSCairo", "CSIMSPNG"]),
        .target(name: "SIMSWorkflows", dependencies: [
            "SIMSCore", "SIMSFormats", "SIMSChemistry", "SIMSAnalysis",
            "SIMSMultivariate", "SIMSQuantification", "SIMSMicrostructure", "SIMSSimulator", "SIMSReport", "CSIMSFileSystem",
        ]),
        // `sims bench …`: data generators, Python-reference runners, JSON results. Not in the SIMSKit library.
        .target(name: "SIMSBenchmarks", dependencies: [
            "SIMSCore", "SIMSFormats", "SIMSAnalysis", "SIMSMultivariate", "SIMSMicrostructure", "SIMSSimulator", "SIMSWorkflows",
        ]),
        // `sims view`: a local web application over a study, an output folder or an image file.
        .target(name: "SIMSView", dependencies: [
            "SIMSWorkflows", "SIMSBenchmarks",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "sims", dependencies: [
            "SIMSWorkflows", "SIMSBenchmarks", "SIMSView",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // libFuzzer targets for the readers of SIMSFormats (`scripts/fuzz.sh`, docs/reliability.md "Fuzzing"); in the
        // ordinary build a replay tool for their inputs. Not in the SIMSKit library product.
        .executableTarget(name: "SIMSFuzz", dependencies: ["SIMSCore", "SIMSFormats"]),

        // Test-only helpers: locating ../shared/data, temporary folders.
        .target(name: "SIMSTestSupport", dependencies: ["SIMSCore", "SIMSFormats"], path: "Tests/SIMSTestSupport"),
        .testTarget(name: "SIMSCoreTests", dependencies: ["SIMSCore", "SIMSTestSupport"]),
        .testTarget(name: "SIMSFormatsTests", dependencies: ["SIMSFormats", "SIMSAnalysis", "SIMSTestSupport"]),
        .testTarget(name: "SIMSChemistryTests", dependencies: ["SIMSChemistry", "SIMSFormats", "SIMSTestSupport"]),
        .testTarget(name: "SIMSAnalysisTests", dependencies: ["SIMSAnalysis", "SIMSFormats", "SIMSSimulator", "SIMSTestSupport"]),
        .testTarget(name: "SIMSMultivariateTests", dependencies: ["SIMSMultivariate", "SIMSTestSupport"]),
        .testTarget(name: "SIMSQuantificationTests", dependencies: ["SIMSQuantification", "SIMSSimulator", "SIMSFormats", "SIMSTestSupport"]),
        .testTarget(name: "SIMSMicrostructureTests", dependencies: ["SIMSMicrostructure", "SIMSAnalysis", "SIMSSimulator", "SIMSTestSupport"]),
        .testTarget(name: "SIMSSimulatorTests", dependencies: ["SIMSSimulator", "SIMSFormats", "SIMSTestSupport"]),
        .testTarget(name: "SIMSReportTests", dependencies: ["SIMSReport", "SIMSTestSupport", "CSIMSZlib", "CSIMSCairo"]),
        .testTarget(name: "SIMSWorkflowsTests", dependencies: ["SIMSWorkflows", "SIMSTestSupport"]),
        .testTarget(name: "SIMSBenchmarksTests", dependencies: ["SIMSBenchmarks", "SIMSMultivariate", "SIMSQuantification", "SIMSTestSupport"]),
        .testTarget(name: "SIMSViewTests", dependencies: ["SIMSView", "SIMSTestSupport"]),
        // The committed fuzz regressions (Fuzz/regressions/) fed to the readers on every `swift test`.
        .testTarget(name: "SIMSFuzzTests", dependencies: ["SIMSFuzz", "SIMSTestSupport"]),
        // Package.swift's target graph against the layer table of docs/architecture.md.
        .testTarget(name: "SIMSKitLayoutTests", dependencies: ["SIMSTestSupport"]),
    ]
)
