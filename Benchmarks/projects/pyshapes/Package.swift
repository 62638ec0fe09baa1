// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PyShapesBench",
    products: [.library(name: "PyShapesBench", targets: ["PyShapesBench"])],
    targets: [.target(name: "PyShapesBench")]
)
