// Bulk work on every core: the calling thread reads the input in order and cuts it into chunks;
// the chunks are processed on all cores (worker threads plus, once the input is read, the
// calling thread) and come back in input order. No Dispatch and no Foundation: POSIX threads and
// the stdlib's `Mutex`.
//
// The calling thread is the only one that touches the input sequence. From Python that matters:
// a borrowed argument (`some Sequence<UnsafeRawBufferPointer>`) is read through CPython objects,
// so only the thread that holds the GIL may iterate it. `perDocument` has that thread hash the
// tokens too, so the workers see only Swift arrays of hashes, never Python memory. swiftmod keeps
// the GIL for the whole call (a borrowed argument), so other Python threads wait meanwhile.

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
    /// Worker threads start when a second chunk that `needsWork` appears, so small inputs (and
    /// inputs the producer processes itself) stay on one thread.
    static func pipeline<Chunk: AnyObject>(
        produce: () -> Chunk?, needsWork: (Chunk) -> Bool = { _ in true }, consume: (Chunk) -> Void
    ) -> [Chunk] {
        withoutActuallyEscaping(consume) { consume in
            let queue = WorkQueue<Chunk>(consume: consume)
            var threads: [pthread_t] = []
            let extraThreads = threadCount &- 1
            var open = 0
            while let chunk = produce() {
                _ = queue.publish(chunk)
                if needsWork(chunk) { open &+= 1 }
                if open >= 2 && threads.count < extraThreads {
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
                // Waiting for the producer: sleep rather than spin, since a spinning thread
                // takes the core the producer (or another process) needs.
                usleep(20)
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

/// One chunk of documents for `Parallel.perDocument`: the token hashes of whole documents, flat,
/// and the results for those documents once a thread has processed it.
private final class DocumentChunk<Output>: @unchecked Sendable {
    var hashes: [UInt64] = []
    /// The end offset in `hashes` of each document.
    var ends: [Int] = []
    var output: [Output] = []
    /// Processed by the producer already.
    var isDone = false
}

extension Parallel {
    /// `documents.map { body($0's token hashes) }`, on every core: the calling thread reads each
    /// document and hashes its tokens while they are in its cache (one pass over the Python
    /// objects), in chunks of about `chunkTokens` hashes, and `body` (the sketch kernel) runs on
    /// the chunks on all threads. Results in input order. `body` may overwrite the hashes it is
    /// given and must be safe to call from several threads at once. A document of at least
    /// `longDocument` tokens (by `underestimatedCount`, exact for lists) is processed by the
    /// calling thread in place of being handed over.
    static func perDocument<Documents: Sequence, Output>(
        _ documents: Documents, inlineFrom longDocument: Int = .max,
        inline: (Documents.Element) -> Output = { _ in fatalError("no inline path") },
        _ body: (UnsafeMutableBufferPointer<UInt64>) -> Output
    ) -> [Output] where Documents.Element: Sequence, Documents.Element.Element: MinHashToken {
        var iterator = documents.makeIterator()
        var pending = iterator.next()
        let expected = documents.underestimatedCount
        let chunks = pipeline(
            produce: { () -> DocumentChunk<Output>? in
                guard let first = pending else { return nil }
                let chunk = DocumentChunk<Output>()
                if first.underestimatedCount >= longDocument {
                    // A long document: its hashes cost more than its kernel, so handing them to
                    // another thread costs more than it saves (measured); done here, in order.
                    chunk.output = [inline(first)]
                    chunk.isDone = true
                    pending = iterator.next()
                    return chunk
                }
                // Locals, not the chunk's properties: a class property pays an exclusivity
                // check per access.
                var hashes: [UInt64] = []
                var ends: [Int] = []
                hashes.reserveCapacity(chunkTokens &+ 256)
                var document = first
                while true {
                    for token in document {
                        hashes.append(token.minHashTokenHash)
                    }
                    ends.append(hashes.count)
                    pending = iterator.next()
                    guard hashes.count < chunkTokens, let next = pending, next.underestimatedCount < longDocument
                    else { break }
                    document = next
                }
                chunk.hashes = hashes
                chunk.ends = ends
                return chunk
            },
            needsWork: { !$0.isDone },
            consume: { chunk in
                guard !chunk.isDone else { return }
                var output: [Output] = []
                output.reserveCapacity(chunk.ends.count)
                let ends = chunk.ends
                var hashes = chunk.hashes
                chunk.hashes = []
                hashes.withUnsafeMutableBufferPointer { hashes in
                    var start = 0
                    for end in ends {
                        output.append(body(UnsafeMutableBufferPointer(rebasing: hashes[start..<end])))
                        start = end
                    }
                }
                chunk.output = output
            })
        var result: [Output] = []
        result.reserveCapacity(expected)
        for chunk in chunks {
            result.append(contentsOf: chunk.output)
        }
        return result
    }
}
