// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "TypeTour",
    products: [
        .library(name: "TypeTour", targets: ["TypeTour"])
    ],
    targets: [
        .target(name: "TypeTour")
    ]
)
