// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Pythonic",
    products: [
        .library(name: "Pythonic", targets: ["Pythonic"])
    ],
    targets: [
        .target(name: "Pythonic")
    ]
)
