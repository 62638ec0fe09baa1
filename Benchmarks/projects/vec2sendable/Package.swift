// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Vec2SendableBench",
    products: [
        .library(name: "Vec2SendableBench", targets: ["Vec2SendableBench"])
    ],
    targets: [
        .target(name: "Vec2SendableBench")
    ]
)
