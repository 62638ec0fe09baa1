// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MixedCore",
    products: [
        .library(name: "MixedCore", targets: ["MixedCore"])
    ],
    targets: [
        .target(name: "MixedCore"),
        .testTarget(name: "MixedCoreTests", dependencies: ["MixedCore"]),
    ]
)
