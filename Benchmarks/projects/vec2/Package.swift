// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Vec2Bench",
    products: [
        .library(name: "Vec2Bench", targets: ["Vec2Bench"])
    ],
    targets: [
        .target(name: "Vec2Bench")
    ]
)
