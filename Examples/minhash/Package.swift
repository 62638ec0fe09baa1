// swift-tools-version:6.0
import PackageDescription

/// `MINHASH_TARGET_CPU=native swift build -c release` (or `znver4`, `skylake-avx512`, `haswell`, …)
/// compiles the library for that CPU and defines `MINHASH_WIDE_VECTORS`, which splits the sketch
/// kernel's mixing into its own loop so that it vectorizes with 64-bit vector multiplies (about
/// twice as fast with AVX-512). The binary then needs that CPU: leave it unset for portable builds
/// and wheels. (Remove `.build` after changing it.)
let targetCPU = Context.environment["MINHASH_TARGET_CPU"].flatMap { $0.isEmpty ? nil : $0 }
let cpuSettings: [SwiftSetting] =
    targetCPU.map { [.unsafeFlags(["-target-cpu", $0]), .define("MINHASH_WIDE_VECTORS")] } ?? []

/// The sketch kernel (module MinHashKernel) is also compiled for `haswell` (AVX2, BMI2, FMA) on
/// x86-64 hosts; MinHash runs that build only on CPUs that have those features (`WideKernel`,
/// checked at run time) and inlines the portable one otherwise. `MINHASH_WIDE_KERNEL=0` in the
/// environment turns the dispatch off at run time; `MINHASH_TARGET_CPU` replaces it.
#if arch(x86_64)
let kernelSettings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
let dispatchSettings: [SwiftSetting] = targetCPU == nil ? [.define("MINHASH_KERNEL_X86_64_V3")] : []
#else
let kernelSettings: [SwiftSetting] = []
let dispatchSettings: [SwiftSetting] = []
#endif

/// No dynamic exclusivity checks in MinHash: `RMinHash` and `RMinHashLSH` are not `Sendable`, so
/// Swift 6 keeps each instance on one thread and swiftmod calls their methods with the GIL held,
/// never two at once, and no method calls out while it changes its storage; the checks (on every
/// access to a class's `var`) cost about 100 ns per call from Python (README: "The matrix").
let exclusivitySettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "MinHash",
    // `Mutex` (module Synchronization) needs macOS 15 on Apple platforms; Linux has it always.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MinHash", targets: ["MinHash"])
    ],
    targets: [
        .target(name: "MinHashKernel", swiftSettings: kernelSettings),
        .target(name: "MinHash", dependencies: ["MinHashKernel"], swiftSettings: cpuSettings + dispatchSettings + exclusivitySettings),
        // `swift run -c release minhash-benchmark`: times the sketching loop without Python.
        .executableTarget(name: "minhash-benchmark", dependencies: ["MinHash"], path: "Sources/MinHashBenchmark"),
        .testTarget(name: "MinHashTests", dependencies: ["MinHash", "MinHashKernel"]),
    ]
)
