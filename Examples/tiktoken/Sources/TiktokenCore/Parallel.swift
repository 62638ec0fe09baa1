// `parallelFor`: runs body(0..<count) on up to `threads` POSIX threads (the calling one included),
// each claiming the next index from an atomic counter. No Dispatch, no Foundation.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

private final class Job: @unchecked Sendable {
    let next = Atomic<Int>(0)
    let count: Int
    let body: (Int) -> Void
    init(count: Int, body: @escaping (Int) -> Void) { self.count = count; self.body = body }

    func run() {
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if i >= count { return }
            body(i)
        }
    }
}

/// More threads than this gain nothing on any machine a batch runs on, and each costs a stack.
let maxThreads = 256

func parallelFor(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    let n = min(max(1, threads), count, maxThreads)
    if n <= 1 {
        for i in 0..<count { body(i) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let job = Job(count: count, body: body)
        var started: [pthread_t] = []
        for _ in 1..<n {
            let context = Unmanaged.passRetained(job).toOpaque()
            #if canImport(Darwin)
            var thread: pthread_t? = nil
            #else
            var thread = pthread_t()
            #endif
            let result = pthread_create(&thread, nil, { raw in
                #if canImport(Darwin)
                let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
                #else
                let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
                #endif
                job.run()
                return nil
            }, context)
            if result == 0 {
                #if canImport(Darwin)
                started.append(thread!)
                #else
                started.append(thread)
                #endif
            } else {
                Unmanaged<Job>.fromOpaque(context).release()
            }
        }
        job.run()
        for thread in started { pthread_join(thread, nil) }
    }
}
