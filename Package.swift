// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "modsearch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "modsearch", targets: ["modsearch"]),
        .executable(name: "modsearch-local", targets: ["modsearch-local"]),
        .executable(name: "modsearchd", targets: ["modsearchd"]),
        .library(name: "ModalityDocs", targets: ["ModalityDocs"]),
        .library(name: "XapianKit", targets: ["XapianKit"]),
        .library(name: "ModSearchCore", targets: ["ModSearchCore"]),
        .library(name: "ModSearchProtocol", targets: ["ModSearchProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
    ],
    targets: [
        // Pure-C boundary over Xapian's C++ API; every exception stops here.
        .target(
            name: "CXapianShim",
            path: "CXapianShim",
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        .target(name: "XapianKit", dependencies: ["CXapianShim"]),
        // zstd, which packs each section's stored JSON (Debian: libzstd-dev).
        .systemLibrary(name: "CZstd", path: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(name: "ModalityDocs"),
        // The query language people type, parsed into a syntax tree; no Xapian, no Foundation.
        .target(name: "QueryLanguage"),
        .target(name: "ModSearchProtocol"),
        // The blocking client side of the socket: connect, send a line, read a line.
        .target(name: "ModSearchClient"),
        .target(
            name: "ModSearchCore",
            dependencies: ["XapianKit", "ModalityDocs", "ModSearchProtocol", "QueryLanguage", "CZstd"]
        ),
        .executableTarget(
            name: "modsearchd",
            dependencies: [
                "ModSearchCore", "ModSearchProtocol", "ModSearchClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What both client front ends share: daemon backend and launcher, commands, printing.
        // No Foundation, no ArgumentParser, no Xapian.
        .target(name: "ModSearchCLI", dependencies: ["ModSearchProtocol", "ModSearchClient"]),
        // The client people run: answers the common command lines through the daemon and runs
        // modsearch-local for the rest. The Swift runtime linked statically starts it in about
        // half the time of the shared libraries.
        .executableTarget(
            name: "modsearch",
            dependencies: ["ModSearchCLI", "ModSearchProtocol"],
            linkerSettings: [.unsafeFlags(["-static-executable", "-use-ld=lld"])]
        ),
        // The full command line (ArgumentParser) with the engine: --no-daemon, index, parse, help.
        .executableTarget(
            name: "modsearch-local",
            dependencies: [
                "ModSearchCLI", "ModSearchCore", "ModSearchProtocol", "ModalityDocs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic synthetic corpora for benchmarks.
        .target(name: "CorpusGenerator"),
        .executableTarget(
            name: "modsearch-bench",
            dependencies: [
                "ModalityDocs", "CorpusGenerator", "ModSearchCore", "ModSearchProtocol", "ModSearchClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .testTarget(name: "ModalityDocsTests", dependencies: ["ModalityDocs"], resources: [.copy("Fixtures")]),
        .testTarget(name: "XapianKitTests", dependencies: ["XapianKit"]),
        .testTarget(name: "QueryLanguageTests", dependencies: ["QueryLanguage"]),
        .testTarget(name: "ModSearchProtocolTests", dependencies: ["ModSearchProtocol"]),
        .testTarget(name: "ModSearchCoreTests", dependencies: ["ModSearchCore"], resources: [.copy("Relevance")]),
        .testTarget(name: "ModSearchCLITests", dependencies: ["ModSearchCLI"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ModSearchProtocol", "ModSearchClient"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
