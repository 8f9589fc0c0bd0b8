// swift-tools-version: 6.1
// Fuzz targets for Byline, built with libFuzzer; see docs/fuzzing.md.
import PackageDescription

let package = Package(
    name: "BylineFuzz",
    dependencies: [.package(name: "Byline", path: "..")],
    targets: [
        .executableTarget(
            name: "fuzz-tmx",
            dependencies: [
                .product(name: "BylineTMX", package: "Byline"), .product(name: "BylineTM", package: "Byline"),
            ]),
        .executableTarget(
            name: "fuzz-text",
            dependencies: [
                .product(name: "BylineSegment", package: "Byline"),
                .product(name: "BylineNormalize", package: "Byline"),
                .product(name: "BylineResources", package: "Byline"),
                .product(name: "BylineText", package: "Byline"),
            ]),
        // Reads the CLI's internal batch reader, so the build adds -enable-testing (docs/fuzzing.md).
        .executableTarget(name: "fuzz-batch", dependencies: [.product(name: "BylineCLI", package: "Byline")]),
    ]
)
