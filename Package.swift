// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "modsearch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "modsearch", targets: ["modsearch"]),
        .executable(name: "modsearch-full", targets: ["modsearch-full"]),
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
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
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
        // JSON read and written without Foundation: the wire protocol and the stored sections.
        .target(name: "JSONText"),
        // Wire protocol v1: request and response types, their JSON, line framing, file locations.
        .target(name: "ModSearchProtocol", dependencies: ["JSONText"]),
        // The client side of the daemon: the socket line connection, the daemon backend, and the
        // launcher that starts modsearchd (and finds the other programs beside this one).
        // No Foundation, no ArgumentParser, no Xapian: the static `modsearch` links it.
        .target(name: "ModSearchClient", dependencies: ["ModSearchProtocol"]),
        .target(
            name: "ModSearchCore",
            dependencies: ["XapianKit", "ModalityDocs", "JSONText", "QueryLanguage", "CZstd"]
        ),
        // The wire protocol answered with the engine: shared by modsearchd and --no-daemon.
        .target(name: "ModSearchService", dependencies: ["ModSearchCore", "ModSearchProtocol"]),
        .executableTarget(
            name: "modsearchd",
            dependencies: [
                "ModSearchService", "ModSearchProtocol", "ModSearchClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The command line both front ends share: what each command does and prints, and the fast
        // parser `modsearch` reads the common command lines with. No Foundation, no ArgumentParser,
        // no Xapian.
        .target(name: "ModSearchCLI", dependencies: ["JSONText", "ModalityDocs", "ModSearchProtocol", "ModSearchClient"]),
        // The client people run: answers the common command lines through the daemon and runs
        // modsearch-full for the rest. The Swift runtime linked statically starts it in about
        // half the time of the shared libraries.
        .executableTarget(
            name: "modsearch",
            dependencies: ["ModSearchCLI", "ModSearchClient", "ModSearchProtocol"],
            linkerSettings: [.unsafeFlags(["-static-executable", "-use-ld=lld"])]
        ),
        // `modsearch mcp`: the index as tools and resources of the Model Context Protocol, over stdio,
        // answered by whatever backend modsearch-full hands it (the daemon, or the engine in-process).
        // Only modsearch-full links it and the SDK, so the thin client's start stays small.
        .target(
            name: "ModSearchMCP",
            dependencies: [
                "ModSearchCLI", "ModSearchClient", "ModSearchProtocol", "JSONText",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The full command line (ArgumentParser) with the engine: --no-daemon, index, parse, mcp, help.
        // It calls itself `modsearch`, which runs it with the same arguments.
        .executableTarget(
            name: "modsearch-full",
            dependencies: [
                "ModSearchCLI", "ModSearchClient", "ModSearchCore", "ModSearchService", "ModSearchProtocol", "ModalityDocs",
                "JSONText", "ModSearchMCP",
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
        .testTarget(name: "JSONTextTests", dependencies: ["JSONText"]),
        .testTarget(name: "ModSearchProtocolTests", dependencies: ["ModSearchProtocol"]),
        .testTarget(name: "ModSearchCoreTests", dependencies: ["ModSearchCore"], resources: [.copy("Relevance")]),
        .testTarget(name: "ModSearchCLITests", dependencies: ["ModSearchCLI", "ModSearchProtocol"]),
        // MCPClient/ holds the Python script that drives `modsearch mcp` as an assistant would.
        .testTarget(name: "EndToEndTests", dependencies: ["ModSearchProtocol", "ModSearchClient", "ModSearchCLI"],
                    exclude: ["MCPClient"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
