// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Concurrency",
    products: [
        .library(name: "Concurrency", targets: ["Concurrency"])
    ],
    targets: [
        .target(name: "Concurrency")
    ]
)
