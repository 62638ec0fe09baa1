// Bulk work on every core: the calling thread reads the input in order and cuts it into chunks;
// the chunks are processed on all cores (worker threads plus, once the input is read, the
// calling thread) and come back in input order. No Dispatch and no Foundation: POSIX threads and
// the stdlib's `Mutex`.
//
// The calling thread is the only one that touches the input sequence. From Python that matters:
// a borrowed argument (`some Sequence<UnsafeRawBufferPointer>`) is read through CPython objects,
// so only the thread that holds the GIL may iterate it; the worker threads read the bytes that
// the items point at, which stay valid until the call returns (docs/design/borrowed.md), and the
// call returns only after every worker has finished. The GIL stays held by the caller for the
// whole call (swiftmod keeps it for borrowed arguments), so no Python code can change the input
// meanwhile.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

enum Parallel {
    /// Threads a bulk call may use: the online cores, or `MINHASH_NUM_THREADS` when it is set
    /// to a positive number (read once, like rayon's `RAYON_NUM_THREADS`).
    static let threadCount: Int = {
        if let text = getenv("MINHASH_NUM_THREADS"), let value = Int(String(cString: text)), value > 0 {
            return value
        }
        return Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// Tokens per chunk: enough work (tens of microseconds) to make a hand-over worth it, small
    /// enough that the workers start while the caller still reads.
    static let chunkTokens = 8192

    /// Calls `produce` on the calling thread until it returns nil, and `consume` once for each
    /// chunk it produced, on up to `threadCount` threads; returns the chunks in production order.
    /// Worker threads start when a second chunk appears, so small inputs stay on one thread.
    static func pipeline<Chunk: AnyObject>(
        produce: () -> Chunk?, consume: (Chunk) -> Void
    ) -> [Chunk] {
        withoutActuallyEscaping(consume) { consume in
            let queue = WorkQueue<Chunk>(consume: consume)
            var threads: [pthread_t] = []
            let extraThreads = threadCount &- 1
            while let chunk = produce() {
                let published = queue.publish(chunk)
                if published >= 2 && threads.count < extraThreads {
                    // Start the helpers once there is more than one chunk.
                    for _ in threads.count..<extraThreads {
                        if let thread = startThread(queue) { threads.append(thread) }
                    }
                }
            }
            queue.finish()
            queue.work()
            for thread in threads {
                pthread_join(thread, nil)
            }
            return queue.takeChunks()
        }
    }

    private static func startThread<Chunk>(_ queue: WorkQueue<Chunk>) -> pthread_t? {
        let context = Unmanaged.passRetained(WorkerContext(run: queue.work)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        #else
        var thread = pthread_t()
        #endif
        let result = pthread_create(&thread, nil, { raw in
            #if canImport(Darwin)
            let context = Unmanaged<WorkerContext>.fromOpaque(raw).takeRetainedValue()
            #else
            let context = Unmanaged<WorkerContext>.fromOpaque(raw!).takeRetainedValue()
            #endif
            context.run()
            return nil
        }, context)
        guard result == 0 else {
            // No thread: the calling thread does the work alone.
            Unmanaged<WorkerContext>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Darwin)
        return thread
        #else
        return thread
        #endif
    }
}

private final class WorkerContext: @unchecked Sendable {
    let run: () -> Void
    init(run: @escaping () -> Void) { self.run = run }
}

/// The chunks, the next one to process, and whether the producer is done. The consume closure
/// is only called between `pipeline`'s start and its joins, which is why holding it is safe.
private final class WorkQueue<Chunk: AnyObject>: @unchecked Sendable {
    private struct State {
        var chunks: [Chunk] = []
        var next = 0
        var finished = false
    }

    private let state = Mutex(State())
    private let consume: (Chunk) -> Void

    init(consume: @escaping (Chunk) -> Void) {
        self.consume = consume
    }

    /// Adds a chunk; returns how many there are now.
    func publish(_ chunk: Chunk) -> Int {
        let box = UncheckedBox(chunk)
        return state.withLock { state in
            state.chunks.append(box.value)
            return state.chunks.count
        }
    }

    func finish() {
        state.withLock { $0.finished = true }
    }

    /// Processes chunks until the producer is done and none is left.
    func work() {
        while true {
            let (box, finished): (UncheckedBox<Chunk>?, Bool) = state.withLock { state in
                if state.next < state.chunks.count {
                    state.next &+= 1
                    return (UncheckedBox(state.chunks[state.next &- 1]), false)
                }
                return (nil, state.finished)
            }
            if let box {
                consume(box.value)
            } else if finished {
                return
            } else {
                sched_yield()
            }
        }
    }

    func takeChunks() -> [Chunk] {
        state.withLock { state in
            let chunks = state.chunks
            state.chunks = []
            return UncheckedBox(chunks)
        }.value
    }
}

private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// One chunk of documents for `Parallel.perDocument`: the token buffers of whole documents, flat,
/// and the results for those documents once a thread has processed it.
private final class DocumentChunk<Output>: @unchecked Sendable {
    var tokens: [UnsafeRawBufferPointer] = []
    /// The end offset in `tokens` of each document.
    var ends: [Int] = []
    var output: [Output] = []
}

extension Parallel {
    /// `documents.map { body($0's tokens) }`, on every core: the calling thread reads each
    /// document's token buffers (pointer and length, no bytes copied) into chunks of about
    /// `chunkTokens` tokens, and `body` runs on the chunks on all threads. Results in input order.
    /// `body` must be safe to call from several threads at once.
    static func perDocument<Documents: Sequence, Output>(
        _ documents: Documents, _ body: (UnsafeBufferPointer<UnsafeRawBufferPointer>) -> Output
    ) -> [Output] where Documents.Element: Sequence, Documents.Element.Element == UnsafeRawBufferPointer {
        var iterator = documents.makeIterator()
        let expected = documents.underestimatedCount
        let chunks = pipeline(
            produce: { () -> DocumentChunk<Output>? in
                guard var document = iterator.next() else { return nil }
                let chunk = DocumentChunk<Output>()
                chunk.tokens.reserveCapacity(chunkTokens &+ 256)
                while true {
                    for token in document {
                        chunk.tokens.append(token)
                    }
                    chunk.ends.append(chunk.tokens.count)
                    if chunk.tokens.count >= chunkTokens { break }
                    guard let next = iterator.next() else { break }
                    document = next
                }
                return chunk
            },
            consume: { chunk in
                chunk.output.reserveCapacity(chunk.ends.count)
                chunk.tokens.withUnsafeBufferPointer { tokens in
                    var start = 0
                    for end in chunk.ends {
                        chunk.output.append(body(UnsafeBufferPointer(rebasing: tokens[start..<end])))
                        start = end
                    }
                }
            })
        var result: [Output] = []
        result.reserveCapacity(expected)
        for chunk in chunks {
            result.append(contentsOf: chunk.output)
        }
        return result
    }
}
