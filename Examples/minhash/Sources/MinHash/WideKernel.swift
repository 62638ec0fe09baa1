// Run-time dispatch to the wide build of the sketch kernel (module MinHashKernel, compiled for
// `haswell`, i.e. AVX2, BMI2, FMA, by Package.swift on x86-64 hosts), as rensa picks its kernel at
// run time. Swift has no CPUID, so the check reads the flags Linux reports in /proc/cpuinfo
// (which it clears when the OS does not save the AVX registers). Elsewhere: the portable kernel.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum WideKernel {

    /// Whether `sketchKernelWide` may run here: x86-64 Linux with the features of `haswell`,
    /// unless `MINHASH_WIDE_KERNEL=0`.
    static let isAvailable: Bool = {
        #if arch(x86_64) && os(Linux) && MINHASH_KERNEL_X86_64_V3
        if let setting = getenv("MINHASH_WIDE_KERNEL"), String(cString: setting) == "0" {
            return false
        }
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            let text = String(cString: line!)
            guard text.hasPrefix("flags") else { continue }
            let flags = Set(text.split(separator: " ").map { $0.trimmingSuffix("\n") })
            return ["avx", "avx2", "bmi1", "bmi2", "fma", "movbe", "f16c", "popcnt"].allSatisfy(flags.contains)
        }
        return false
        #else
        return false
        #endif
    }()
}

#if os(Linux)
extension Substring {
    fileprivate func trimmingSuffix(_ suffix: Character) -> Substring {
        last == suffix ? dropLast() : self
    }
}
#endif
