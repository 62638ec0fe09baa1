// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "OverridesBench",
    products: [
        .library(name: "OverridesBench", targets: ["OverridesBench"])
    ],
    targets: [
        .target(name: "OverridesBench")
    ]
)
