// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Buffers",
    products: [
        .library(name: "Buffers", targets: ["Buffers"])
    ],
    targets: [
        .target(name: "Buffers")
    ]
)
