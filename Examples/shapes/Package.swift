// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Shapes",
    // `Atomic` (module Synchronization) needs macOS 15 on Apple platforms; Linux has it always.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Shapes", targets: ["Shapes"])
    ],
    targets: [
        .target(name: "Shapes"),
        .testTarget(name: "ShapesTests", dependencies: ["Shapes"]),
    ]
)
