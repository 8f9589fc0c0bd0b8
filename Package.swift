// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Byline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "byline", targets: ["byline"]),
        .library(name: "BylineText", targets: ["BylineText"]),
        .library(name: "BylineSegment", targets: ["BylineSegment"]),
        .library(name: "BylineResources", targets: ["BylineResources"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CICU", pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]),
        .target(name: "CBylineICU", dependencies: ["CICU"]),
        .target(name: "BylineText"),
        .target(name: "BylineSegment", dependencies: ["BylineText", "CBylineICU"]),
        .target(
            name: "BylineResources", dependencies: ["BylineText", "BylineSegment"],
            path: "Resources", exclude: ["PROVENANCE.md"], resources: [.copy("data")]),
        .target(
            name: "BylineCLI",
            dependencies: [
                "BylineText", "BylineSegment", "BylineResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            name: "BylineCLITests", dependencies: ["BylineTestSupport", "byline"]),
    ]
)
