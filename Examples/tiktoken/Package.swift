// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "TiktokenCore",
    // `Mutex`/`Atomic` (module Synchronization) and `UTF8Span` need macOS 26 on Apple platforms.
    platforms: [.macOS("26.0")],
    products: [
        .library(name: "TiktokenCore", targets: ["TiktokenCore"])
    ],
    targets: [
        .target(name: "TiktokenCore"),
        .testTarget(name: "TiktokenCoreTests", dependencies: ["TiktokenCore"]),
    ]
)
