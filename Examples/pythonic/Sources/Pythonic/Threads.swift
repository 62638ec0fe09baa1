#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal `concurrentPerform`: runs `body(0..<iterations)` on that many POSIX threads and
/// waits for them (no Foundation or Dispatch, so the extension stays small).
enum DispatchLike {
    final class Box: @unchecked Sendable {
        let body: (Int) -> Void
        let index: Int
        init(body: @escaping (Int) -> Void, index: Int) {
            self.body = body
            self.index = index
        }
    }

    /// Runs `body` on a new, detached thread.
    static func detach(_ body: @escaping () -> Void) {
        let box = Unmanaged.passRetained(Box(body: { _ in body() }, index: 0)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body(box.index)
            return nil
        }, box)
        if status == 0 { pthread_detach(thread) } else { Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body(0) }
    }

    static func concurrentPerform(iterations: Int, execute body: @escaping (Int) -> Void) {
        var threads: [pthread_t] = []
        for index in 0..<iterations {
            let box = Unmanaged.passRetained(Box(body: body, index: index)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.body(box.index)
                return nil
            }, box)
            if status == 0 { threads.append(thread) } else { Unmanaged<Box>.fromOpaque(box).release() }
        }
        for thread in threads { pthread_join(thread, nil) }
    }
}
