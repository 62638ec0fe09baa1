// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swiftmod",
    products: [
        .executable(name: "swiftmod", targets: ["swiftmod"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The executable: a few lines that hand over to the CLI.
        .executableTarget(name: "swiftmod", dependencies: ["SwiftmodCLI"]),
        // Commands, flags and all printing.
        .target(
            name: "SwiftmodCLI",
            dependencies: [
                "SwiftmodKit",
                "SwiftmodModel",
                "SwiftmodPackaging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Orchestration: the file system, processes, the pipeline stages in order.
        .target(
            name: "SwiftmodKit",
            dependencies: ["SwiftmodModel", "SwiftmodTemplates", "SwiftmodScanner", "SwiftmodGenerator", "SwiftmodPackaging"]
        ),
        // Wheels and installs as values: METADATA, WHEEL, RECORD, platform tags, the ELF reader,
        // and the writers (zip archive in memory, test double). No file system.
        .target(
            name: "SwiftmodPackaging",
            dependencies: [
                "SwiftmodModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Pure model values: names, pyproject.toml, versions.
        .target(
            name: "SwiftmodModel",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Templates/ embedded at build time, and the renderer.
        .target(name: "SwiftmodTemplates"),
        // The compiler's symbol graph → the module interface (pure).
        .target(name: "SwiftmodScanner", dependencies: ["SwiftmodModel"]),
        // The module interface → C shim, Swift glue, stubs (pure).
        .target(name: "SwiftmodGenerator", dependencies: ["SwiftmodModel", "SwiftmodTemplates"]),

        .testTarget(name: "SwiftmodModelTests", dependencies: ["SwiftmodModel"]),
        .testTarget(name: "SwiftmodTemplatesTests", dependencies: ["SwiftmodTemplates", "SwiftmodModel"]),
        .testTarget(name: "SwiftmodKitTests", dependencies: ["SwiftmodKit"]),
        .testTarget(name: "SwiftmodPackagingTests", dependencies: ["SwiftmodPackaging", "SwiftmodModel"]),
        .testTarget(
            name: "SwiftmodScannerTests",
            dependencies: ["SwiftmodScanner", "SwiftmodModel"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SwiftmodGeneratorTests",
            dependencies: ["SwiftmodGenerator", "SwiftmodModel"],
            exclude: ["Golden"]
        ),
    ]
)
