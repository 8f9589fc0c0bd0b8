// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Byline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "byline", targets: ["byline"]),
        .library(name: "BylineText", targets: ["BylineText"]),
        .library(name: "BylineSegment", targets: ["BylineSegment"]),
        .library(name: "BylineNormalize", targets: ["BylineNormalize"]),
        .library(name: "BylineNames", targets: ["BylineNames"]),
        .library(name: "BylineResources", targets: ["BylineResources"]),
        .library(name: "BylineSummarize", targets: ["BylineSummarize"]),
        .library(name: "BylineTM", targets: ["BylineTM"]),
        .library(name: "BylineTMX", targets: ["BylineTMX"]),
        .library(name: "BylineTMPostgres", targets: ["BylineTMPostgres"]),
        .library(name: "BylineCLI", targets: ["BylineCLI"]),
        .library(name: "BylineAlign", targets: ["BylineAlign"]),
        .library(name: "BylineDesk", targets: ["BylineDesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CICU", pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]),
        .target(name: "CBylineICU", dependencies: ["CICU"]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .target(name: "BylineText"),
        .target(name: "BylineSegment", dependencies: ["BylineText", "CBylineICU"]),
        .target(name: "BylineNormalize", dependencies: ["BylineText", "CBylineICU"]),
        .target(name: "BylineNames", dependencies: ["BylineText", "BylineSegment", "BylineNormalize"]),
        .target(name: "BylineSummarize", dependencies: ["BylineText", "BylineSegment", "BylineNames"]),
        .target(
            name: "BylineTM",
            dependencies: [
                "BylineText", "CBylineICU", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .target(name: "CBylineXML", dependencies: ["CLibXML2"]),
        .target(name: "BylineTMX", dependencies: ["BylineText", "BylineTM", "CBylineXML"]),
        .target(
            name: "BylineTMPostgres",
            dependencies: ["BylineText", "BylineTM", .product(name: "PostgresNIO", package: "postgres-nio")]),
        .target(name: "BylineAlign", dependencies: ["BylineText", "BylineNormalize", "BylineNames"]),
        .target(
            name: "BylineResources", dependencies: ["BylineText", "BylineSegment", "BylineNames", "BylineSummarize"],
            path: "Resources", exclude: ["PROVENANCE.md"], resources: [.copy("data")]),
        .target(
            name: "BylineDesk",
            dependencies: [
                "BylineText", "CBylineICU", "BylineSegment", "BylineNormalize", "BylineNames", "BylineSummarize",
                "BylineTM", "BylineAlign", "BylineResources",
            ]),
        .target(
            name: "BylineCLI",
            dependencies: [
                "BylineText", "BylineSegment", "BylineResources", "BylineSummarize", "BylineTM", "BylineTMX",
                "BylineTMPostgres", "BylineNormalize", "BylineNames", "BylineAlign", "BylineDesk",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(name: "byline", dependencies: ["BylineCLI"]),

        .target(
            name: "BylineTestSupport", dependencies: ["BylineText"],
            path: "Tests/BylineTestSupport"),
        .testTarget(
            name: "BylineTextTests",
            dependencies: [
                "BylineText", "BylineTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "BylineSegmentTests",
            dependencies: [
                "BylineSegment", "BylineResources", "BylineTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Data/README.md"],
            resources: [.copy("Data")]),
        .testTarget(
            name: "BylineTMTests",
            dependencies: [
                "BylineTM", "BylineTMX", "BylineTMPostgres", "BylineTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "BylineSummarizeTests",
            dependencies: ["BylineSummarize", "BylineSegment", "BylineResources", "BylineTestSupport"]),
        .testTarget(
            name: "BylineNormalizeTests",
            dependencies: [
                "BylineNormalize", "BylineTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Data"]),
        .testTarget(
            name: "BylineNamesTests",
            dependencies: ["BylineNames", "BylineResources", "BylineTestSupport"]),
        .testTarget(
            name: "BylineAlignTests",
            dependencies: ["BylineAlign", "BylineNames", "BylineTestSupport"]),
        .testTarget(
            name: "BylineDeskTests",
            dependencies: ["BylineDesk", "BylineTM", "BylineResources", "BylineText", "BylineTestSupport"]),
        .testTarget(
            name: "BylineCLITests", dependencies: ["BylineTestSupport", "byline", "BylineCLI", "BylineTM", "BylineResources"]),
    ]
)
