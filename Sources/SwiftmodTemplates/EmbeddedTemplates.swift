// swift-format-ignore-file
// Generated from Templates/ by `make templates`. Do not edit: edit Templates/ instead.
// A test fails when this file and Templates/ differ.

enum EmbeddedTemplates {
    static let files: [String: String] = [
        #"backend/swiftmod/__init__.py.tmpl"#: #"""
"""swiftmod: Swift packages as CPython extension modules.

This package is swiftmod's PEP 517 / PEP 660 build backend (``build-backend = "swiftmod"``).
Each hook runs the ``swiftmod`` binary that this distribution installs beside it, so that
``pip install .``, ``pip install -e .``, ``pip install <sdist>`` and ``python -m build`` work
on a swiftmod project. The binary needs a Swift toolchain (``swift`` on PATH, or
``SWIFTMOD_SWIFT``) to compile the project.
"""

import os
import shutil
import subprocess
import sys
import tempfile

__version__ = "{{version}}"

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "find_swiftmod_bin",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]


def find_swiftmod_bin():
    """The path of the ``swiftmod`` binary installed with this package.

    The wheel puts it in the scripts directory of wherever it is installed (a virtualenv's
    ``bin/``, or the prefix pip uses for an isolated build), which its RECORD lists.
    """
    try:
        from importlib.metadata import PackageNotFoundError, distribution

        files = distribution("swiftmod").files or []
    except PackageNotFoundError:
        files = []
    for file in files:
        if file.name == "swiftmod" and file.parent.name in ("bin", "Scripts", "scripts"):
            path = os.path.normpath(str(file.locate()))
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
    found = shutil.which("swiftmod")
    if found:
        return found
    raise SystemExit(
        "error: the swiftmod binary is missing from this installation of the swiftmod package; "
        "reinstall it (pip install --force-reinstall swiftmod)"
    )


def _run(arguments, capture=False):
    """Runs ``swiftmod ARGUMENTS``; on failure exits with its message, not a traceback."""
    command = [find_swiftmod_bin()] + arguments
    sys.stderr.write("swiftmod backend: running " + " ".join(command) + "\n")
    sys.stderr.flush()
    result = subprocess.run(command, stdout=subprocess.PIPE if capture else None)
    if result.returncode != 0:
        # swiftmod has printed what went wrong and what to do ("error: ...").
        raise SystemExit(
            "error: `swiftmod %s` failed (exit status %d); its message is above"
            % (arguments[0], result.returncode)
        )
    return result.stdout.decode("utf-8") if capture else None


def _build_into(directory, arguments, suffix):
    """Builds into a fresh directory inside ``directory``, moves the one result out, returns its name."""
    os.makedirs(directory, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".swiftmod-", dir=directory)
    try:
        _run(arguments + ["--out", staging])
        built = [name for name in os.listdir(staging) if name.endswith(suffix)]
        if len(built) != 1:
            raise SystemExit("error: swiftmod wrote %r into %s, expected one %s file" % (built, staging, suffix))
        os.replace(os.path.join(staging, built[0]), os.path.join(directory, built[0]))
        return built[0]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _config_args(config_settings):
    """Extra ``swiftmod build`` arguments from ``--config-settings build-args="..."``."""
    value = (config_settings or {}).get("build-args")
    if not value:
        return []
    if isinstance(value, str):
        import shlex

        return shlex.split(value)
    return list(value)


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    """Writes ``<name>-<version>.dist-info`` (METADATA, entry points, licenses) without compiling."""
    output = _run(["write-dist-info", "--out", metadata_directory], capture=True)
    return output.strip().splitlines()[-1]


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    """A release wheel, as ``swiftmod build`` makes it, for the Python running this hook."""
    return _build_into(
        wheel_directory, ["build", "--interpreter", sys.executable] + _config_args(config_settings), ".whl"
    )


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """The ``develop`` build as a wheel; after an edit, rebuild with ``swiftmod develop`` or ``pip install -e .``."""
    return _build_into(wheel_directory, ["build", "--editable", "--interpreter", sys.executable], ".whl")


def build_sdist(sdist_directory, config_settings=None):
    return _build_into(sdist_directory, ["sdist"], ".tar.gz")

"""#,
        #"backend/swiftmod/__main__.py.tmpl"#: #"""
"""``python -m swiftmod``: runs the swiftmod binary installed with this package."""

import os
import sys

from swiftmod import find_swiftmod_bin

if __name__ == "__main__":
    binary = find_swiftmod_bin()
    os.execv(binary, [binary] + sys.argv[1:])

"""#,
        #"develop/rebuild_hook.py.tmpl"#: #"""
"""Rebuilds {{module}} on import when its Swift sources changed.

Installed by `swiftmod develop --rebuild-on-import` (or `rebuild-on-import = true` in
[tool.swiftmod]) with a .pth that imports it at start-up, and written again by every develop
with the files that develop saw. Importing `{{module}}` first compares the project's files with
them; when one changed (or a new file appeared under Sources/), it runs `swiftmod develop` for
the project and then lets the import go on. Compile errors are printed as the compiler wrote them and the import raises ImportError;
the previous install stays as it was. When nothing changed, the check is a few stat calls.
Generated by swiftmod; `pip uninstall` removes it with the package.
"""

# Runs at the start of every Python process in this environment (from the .pth): only modules
# that are loaded already are imported here; subprocess loads only for a rebuild.
import os
import sys

MODULE = {{module_literal}}
PROJECT = {{project_literal}}
SWIFTMOD = {{swiftmod_literal}}
DEVELOP = {{develop_literal}}
#: What the last develop saw: each input file's size and modification time (seconds).
RECORDED = {{recorded_literal}}
#: Where a new file means a rebuild (an edited file is found through RECORDED).
WATCHED = ("Sources", "Package.swift", "Package.resolved", "pyproject.toml")


def changed() -> bool:
    """Whether a file that went into the last develop changed, or a new one appeared."""
    for path, (size, modified) in RECORDED.items():
        try:
            info = os.stat(path)
        except OSError:
            return True
        if info.st_size != size or abs(info.st_mtime_ns / 1e9 - modified) > 1e-5:
            return True
    for name in WATCHED:
        top = os.path.join(PROJECT, name)
        if os.path.isfile(top):
            if top not in RECORDED:
                return True
            continue
        for directory, subdirectories, files in os.walk(top):
            subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
            for file in files:
                if not file.startswith(".") and os.path.join(directory, file) not in RECORDED:
                    return True
    return False


class RebuildFinder:
    """A meta path finder that finds nothing itself: it rebuilds first, then lets the usual
    finders import the new extension."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != MODULE or not changed():
            return None
        if not os.access(SWIFTMOD, os.X_OK):
            print(f"{MODULE}: the sources changed, but {SWIFTMOD} (which installed the rebuild hook) is gone; run `swiftmod develop`", file=sys.stderr)
            return None
        import subprocess

        environment = dict(os.environ, VIRTUAL_ENV=sys.prefix)
        result = subprocess.run([SWIFTMOD, *DEVELOP, "--project-dir", PROJECT], env=environment, stdout=sys.stderr.fileno())
        if result.returncode != 0:
            raise ImportError(f"rebuilding {MODULE} failed (swiftmod develop exited {result.returncode}; its messages are above); the previous build stays installed, but importing it now would hide the error", name=fullname)
        return None


if not any(type(finder).__name__ == "RebuildFinder" and getattr(finder, "module", None) == MODULE for finder in sys.meta_path):
    finder = RebuildFinder()
    finder.module = MODULE
    sys.meta_path.insert(0, finder)

"""#,
        #"glue/Async.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. async functions (docs/design/async.md): the call returns a
// coroutine; its first step gets an asyncio future of the running loop and starts a detached Swift
// task that runs the user's code without the GIL and queues its outcome for the loop's thread,
// which converts it and settles the future.
@preconcurrency import SwiftmodShim

/// How a task ended, converted on the loop's thread (the GIL is held when `value` runs).
enum AsyncOutcome {
    /// The result converted to Python, or nil with the exception set (a Swift error).
    case value((PyRef) -> PyRef?)
    /// `CancellationError`: the future is cancelled (`asyncio.CancelledError` in the awaiting task).
    case cancelled
}

/// One awaited call: the future, its loop and the module (whose exception classes and types the
/// conversion reads), each a reference until the call is settled, and the Swift task, which a
/// cancelled awaiting task cancels. The coroutine owns a retain of this box, released when it is
/// freed.
final class AsyncCall: @unchecked Sendable {
    let future: PyRef
    let loop: PyRef
    let module: PyRef
    /// Set with the GIL before the coroutine awaits; read only by its cancellation (with the GIL).
    var task: Task<Void, Never>?
    /// Written by the task before it queues the call, read by the loop's thread after it takes
    /// the call from the queue (the lock orders the two).
    var outcome: AsyncOutcome?

    /// Takes the references to `future` and `loop` (new ones from `swiftmod_async_future`).
    init(future: PyRef, loop: PyRef, module: PyRef) {
        self.future = future
        self.loop = loop
        self.module = module
        swiftmod_incref(future)
        swiftmod_incref(module)
    }

    /// On the task's thread, without the GIL: queues the outcome for the loop. Only the first
    /// call of a batch takes the GIL, to ask the loop to drain the queue; later ones find the
    /// drain scheduled and only take the lock. Once the interpreter is exiting nothing is
    /// delivered, and the references go with the process.
    func finish(_ outcome: AsyncOutcome) {
        self.outcome = outcome
        let key = UnsafeRawPointer(loop)
        swiftmod_async_lock()
        if pendingCalls[key] != nil {
            pendingCalls[key]!.append(self)
            swiftmod_async_unlock()
            return
        }
        pendingCalls[key] = [self]
        swiftmod_async_unlock()
        guard swiftmod_async_begin() != 0 else { return }
        if swiftmod_async_wake(loop) != 0 {
            // A closed loop: nobody can await these futures any more.
            swiftmod_async_lock()
            let dropped = pendingCalls.removeValue(forKey: key) ?? []
            swiftmod_async_unlock()
            for call in dropped { call.release() }
        }
        swiftmod_async_end()
    }

    /// On the loop's thread (the GIL is held): converts the outcome and settles the future.
    func settle() {
        switch outcome {
        case .value(let convert)?:
            let value = convert(module)
            swiftmod_async_settle(future, value, value == nil ? 1 : 0)
        case .cancelled?, nil:
            swiftmod_async_settle(future, nil, 2)
        }
        release()
    }

    /// Drops the outcome and the three references (the GIL is held).
    func release() {
        outcome = nil
        swiftmod_decref(future)
        swiftmod_decref(loop)
        swiftmod_decref(module)
    }
}

/// Finished calls by loop, waiting for `swiftmod_async_drain` on the loop's thread; guarded by
/// `swiftmod_async_lock`. A key stays valid while calls are queued under it: each holds a
/// reference to its loop.
nonisolated(unsafe) private var pendingCalls: [UnsafeRawPointer: [AsyncCall]] = [:]

/// On the loop's thread (`call_soon_threadsafe`): settles every finished call of `loop`.
@_cdecl("swiftmod_async_drain")
public func swiftmod_async_drain(_ loop: PyRef) {
    swiftmod_async_lock()
    let calls = pendingCalls.removeValue(forKey: UnsafeRawPointer(loop)) ?? []
    swiftmod_async_unlock()
    for call in calls { call.settle() }
}

/// A cancelled awaiting task cancels the Swift task: the user's code sees `Task.isCancelled`.
private func asyncCancel(_ box: UnsafeMutableRawPointer?) {
    Unmanaged<AsyncCall>.fromOpaque(box.unsafelyUnwrapped).takeUnretainedValue().task?.cancel()
}

private func asyncRelease(_ box: UnsafeMutableRawPointer?) {
    Unmanaged<AsyncCall>.fromOpaque(box.unsafelyUnwrapped).release()
}

/// A call whose arguments are converted, waiting for its coroutine's first step. It holds a
/// reference to the module; the coroutine's `start` function owns it (freed with the GIL).
final class PendingAsyncCall {
    let module: PyRef
    let name: StaticString
    let work: @Sendable () async -> AsyncOutcome

    init(module: PyRef, name: StaticString, work: @escaping @Sendable () async -> AsyncOutcome) {
        self.module = module
        self.name = name
        self.work = work
        swiftmod_incref(module)
    }

    deinit { swiftmod_decref(module) }
}

private func asyncStart(_ box: UnsafeMutableRawPointer?, _ running: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> PyRef? {
    let pending = Unmanaged<PendingAsyncCall>.fromOpaque(box.unsafelyUnwrapped).takeUnretainedValue()
    return launchAsync(pending.module, pending.name, pending.work, running.unsafelyUnwrapped)
}

private func asyncForget(_ box: UnsafeMutableRawPointer?) {
    Unmanaged<PendingAsyncCall>.fromOpaque(box.unsafelyUnwrapped).release()
}

/// With the GIL, once the arguments are converted: the coroutine Python awaits. Its first step
/// starts `work` on Swift's concurrency runtime (`launchAsync`); a coroutine that never runs
/// starts nothing.
@inline(never)
func startAsync(_ module: PyRef, _ name: StaticString, _ work: @escaping @Sendable () async -> AsyncOutcome) -> PyRef? {
    let pending = Unmanaged.passRetained(PendingAsyncCall(module: module, name: name, work: work)).toOpaque()
    return swiftmod_async_coroutine(
        UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self), pending, asyncStart, asyncForget, asyncCancel, asyncRelease)
}

/// With the GIL, in the coroutine's first step: the future of the running loop, with `work`
/// started and the call (retained) in `running`; nil with `RuntimeError` when no event loop is
/// running.
func launchAsync(
    _ module: PyRef, _ name: StaticString, _ work: @escaping @Sendable () async -> AsyncOutcome, _ running: UnsafeMutablePointer<UnsafeMutableRawPointer?>
) -> PyRef? {
    var loop: PyRef?
    guard let future = swiftmod_async_future(UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self), &loop) else { return nil }
    let call = AsyncCall(future: future, loop: loop.unsafelyUnwrapped, module: module)
    call.task = Task.detached { call.finish(await work()) }
    running.pointee = Unmanaged.passRetained(call).toOpaque()
    return future
}

// MARK: - Async iterators (docs/design/async.md#async-iterators)

/// How an async sequence ended, for the `__anext__` after its last element.
enum AsyncIterationEnd {
    /// `StopAsyncIteration`, now and at every later `__anext__`.
    case finished
    /// The Swift error, raised once (then `finished`).
    case failed(any Error)
    /// `CancellationError` thrown by the sequence: `asyncio.CancelledError` once (then `finished`).
    case cancelled
}

/// The Swift side of one Python async iterator, type-erased for the C entry points
/// (`swiftmod_async_iterator_next`, `_cancel`, `_release`): closures made where the result is
/// converted, so `SMAsyncIteration`'s code is specialized for the element codec (a generic
/// class's overridden methods would run unspecialized, looking up generic metadata per element).
final class PyAsyncIteration {
    /// With the GIL, on the loop's thread: the next element converted (a new reference); nil
    /// with an exception set (the sequence's error, `StopAsyncIteration`, no running loop); or
    /// nil without one and `future` set: the element arrives on that future.
    let next: (PyRef, UnsafeMutablePointer<PyRef?>) -> PyRef?
    /// With the GIL: Python closed the iterator (or cancelled a pending `__anext__`): the Swift
    /// task that drives the sequence is cancelled, and no element is delivered any more.
    let cancel: () -> Void

    init(next: @escaping (PyRef, UnsafeMutablePointer<PyRef?>) -> PyRef?, cancel: @escaping () -> Void) {
        self.next = next
        self.cancel = cancel
    }
}

/// One Swift `AsyncSequence` iterated from Python. A detached task (the driver) iterates the
/// sequence without the GIL and keeps up to `window` elements ahead of Python in `buffer`; an
/// `__anext__` that finds an element takes it at once (converting it on the loop's thread), and
/// one that finds none registers a waiter (an `AsyncCall`, the same completion path as an async
/// function's result), which the driver hands the next element to. So a burst of elements costs
/// one loop wake-up, and the driver never runs unboundedly ahead of Python.
final class SMAsyncIteration<Element: PyCodec>: @unchecked Sendable {
    /// How many elements the driver buffers ahead of Python; it parks when the buffer is full
    /// and resumes when Python takes the buffer (with the batch Python holds, at most twice this).
    static var window: Int { 4096 }

    // Guarded by `swiftmod_async_lock`:
    /// What the driver produced since Python last took the buffer.
    private var buffer: [Element.Value] = []
    /// The pending `__anext__`'s call: only when the buffer is empty and the sequence has not ended.
    private var waiter: AsyncCall?
    private var end: AsyncIterationEnd?
    /// The driver, parked while the buffer is full.
    private var parked: CheckedContinuation<Void, Never>?
    private var cancelled = false

    // With the GIL (one step at a time: the C iterator's `busy` flag):
    /// The batch Python is taking elements from: the whole `buffer`, swapped out under one lock,
    /// so the loop's thread and the driver meet once per batch rather than once per element.
    private var batch: [Element.Value] = []
    private var batchHead = 0
    /// Starts the driver at the first `__anext__` (nothing runs for an iterator never iterated).
    private var launch: ((SMAsyncIteration<Element>) -> Task<Void, Never>)?
    private var task: Task<Void, Never>?

    init<S: AsyncSequence>(_ sequence: consuming S) where S.Element == Element.Value {
        let sequence = UnsafeSendable(sequence)
        launch = { iteration in
            Task.detached {
                var iterator = sequence.value.makeAsyncIterator()
                do {
                    while let element = try await iterator.next() {
                        guard await iteration.push(element) else { break }
                    }
                    iteration.finish(.finished)
                } catch is CancellationError {
                    iteration.finish(.cancelled)
                } catch {
                    iteration.finish(.failed(error))
                }
            }
        }
    }

    /// On the driver: hands `element` to a waiting `__anext__` or buffers it, parking while the
    /// buffer is full; false once Python has closed the iteration.
    private func push(_ element: Element.Value) async -> Bool {
        swiftmod_async_lock()
        if cancelled {
            swiftmod_async_unlock()
            return false
        }
        if let call = waiter {
            waiter = nil
            swiftmod_async_unlock()
            call.finish(.value { module in Element.dump(element, module) })
            return true
        }
        buffer.append(element)
        let full = buffer.count >= Self.window
        swiftmod_async_unlock()
        if full {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    swiftmod_async_lock()
                    if cancelled || buffer.count < Self.window {
                        swiftmod_async_unlock()
                        continuation.resume()
                    } else {
                        parked = continuation
                        swiftmod_async_unlock()
                    }
                }
            } onCancel: {
                self.unpark()
            }
        }
        return !Task.isCancelled
    }

    /// Resumes a parked driver (from Python's thread, or the driver's cancellation).
    private func unpark() {
        swiftmod_async_lock()
        let continuation = parked
        parked = nil
        swiftmod_async_unlock()
        continuation?.resume()
    }

    /// On the driver: the sequence ended; a waiting `__anext__` gets the end now, a later one
    /// after the buffered elements.
    private func finish(_ outcome: AsyncIterationEnd) {
        swiftmod_async_lock()
        let call = waiter
        waiter = nil
        end = cancelled ? .finished : call == nil ? outcome : .finished
        swiftmod_async_unlock()
        guard let call else { return }
        switch outcome {
        case .finished: call.finish(.value { _ in stopAsyncIteration() })
        case .failed(let error): call.finish(.value { module in raiseSwiftError(error, module: module) })
        case .cancelled: call.finish(.cancelled)
        }
    }

    /// `PyAsyncIteration.next`.
    func next(_ module: PyRef, _ future: UnsafeMutablePointer<PyRef?>) -> PyRef? {
        if let launch {
            self.launch = nil
            task = launch(self)
        }
        if batchHead < batch.count {
            let element = batch[batchHead]
            batchHead += 1
            return Element.dump(element, module)
        }
        while true {
            swiftmod_async_lock()
            if !buffer.isEmpty {
                // Take everything the driver produced, and let it go on (it parks while full).
                batch.removeAll(keepingCapacity: true)
                swap(&batch, &buffer)
                batchHead = 1
                let continuation = parked
                parked = nil
                swiftmod_async_unlock()
                continuation?.resume()
                return Element.dump(batch[0], module)
            }
            if cancelled || end != nil {
                let outcome = cancelled ? .finished : end!
                end = .finished
                swiftmod_async_unlock()
                switch outcome {
                case .finished: return stopAsyncIteration()
                case .failed(let error): return raiseSwiftError(error, module: module)
                case .cancelled:
                    swiftmod_async_raise_cancelled()
                    return nil
                }
            }
            // The C iterator lets one step wait at a time; a second waiter would leave the
            // first one's future unsettled.
            guard waiter == nil else {
                swiftmod_async_unlock()
                _ = raise(PyExc_RuntimeError, "anext(): a Swift async iterator is already running")
                return nil
            }
            swiftmod_async_unlock()
            var loop: PyRef?
            guard let created = swiftmod_async_future(asyncIteratorName, &loop) else { return nil }
            let call = AsyncCall(future: created, loop: loop.unsafelyUnwrapped, module: module)
            swiftmod_async_lock()
            if buffer.isEmpty, end == nil, !cancelled, waiter == nil {
                waiter = call
                swiftmod_async_unlock()
                future.pointee = created
                return nil
            }
            // The driver delivered meanwhile: take that instead.
            swiftmod_async_unlock()
            call.release()
            swiftmod_decref(created)
        }
    }

    /// `PyAsyncIteration.cancel`.
    func cancel() {
        swiftmod_async_lock()
        cancelled = true
        launch = nil
        batch = []
        let call = waiter
        waiter = nil
        let continuation = parked
        parked = nil
        swiftmod_async_unlock()
        call?.release()
        continuation?.resume()
        // Outside the lock: cancelling runs the sequence's cancellation handlers here (an
        // `AsyncStream`'s `onTermination`), and ours takes the lock.
        task?.cancel()
    }
}

/// Carries a value that is not `Sendable` into the driver, which alone uses it from then on.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: consuming Value) { self.value = value }
}

/// The name `swiftmod_async_future` gives in its errors.
let asyncIteratorName = UnsafeRawPointer(("__anext__() of a Swift async iterator" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)

/// Sets `StopAsyncIteration`; nil.
func stopAsyncIteration() -> PyRef? {
    PyErr_SetNone(PyExc_StopAsyncIteration)
    return nil
}

/// `some AsyncSequence<T, E>`, `AsyncStream<T>`, `AsyncThrowingStream<T, any Error>`: a Python
/// async iterator (docs/design/async.md#async-iterators) that owns the sequence.
enum SMAsyncSequence<Element: PyCodec> {
    static func dump<S: AsyncSequence>(_ sequence: consuming S, _ module: PyRef) -> PyRef? where S.Element == Element.Value {
        let iteration = SMAsyncIteration<Element>(sequence)
        let erased = PyAsyncIteration(next: { iteration.next($0, $1) }, cancel: { iteration.cancel() })
        let box = Unmanaged.passRetained(erased).toOpaque()
        return swiftmod_async_iterator_new(module, box)
    }
}

@_cdecl("swiftmod_async_iterator_next")
public func swiftmod_async_iterator_next(_ box: UnsafeMutableRawPointer, _ module: PyRef, _ future: UnsafeMutablePointer<PyRef?>) -> PyRef? {
    Unmanaged<PyAsyncIteration>.fromOpaque(box)._withUnsafeGuaranteedRef { $0.next(module, future) }
}

@_cdecl("swiftmod_async_iterator_cancel")
public func swiftmod_async_iterator_cancel(_ box: UnsafeMutableRawPointer) {
    Unmanaged<PyAsyncIteration>.fromOpaque(box).takeUnretainedValue().cancel()
}

@_cdecl("swiftmod_async_iterator_release")
public func swiftmod_async_iterator_release(_ box: UnsafeMutableRawPointer) {
    Unmanaged<PyAsyncIteration>.fromOpaque(box).release()
}

"""#,
        #"glue/BorrowedBuffers.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Borrowed buffers (docs/design/borrowed.md): a `str`'s UTF-8 and
// a buffer's memory read or written in place for the duration of one call, with no copy.
@preconcurrency import SwiftmodShim

/// The UTF-8 of a `str`, borrowed from CPython: a compact ASCII string's own data, or the UTF-8
/// CPython caches in the object (valid by contract, so never validated again); whether it is
/// known to be ASCII. Lone surrogates raise UnicodeEncodeError.
@inline(__always)
func borrowUTF8(_ object: PyRef) throws(PyErrorSet) -> (UnsafeBufferPointer<UInt8>, Bool) {
    if swiftmod_is_compact_ascii(object) != 0 {
        let bytes = swiftmod_ascii_data(object).assumingMemoryBound(to: UInt8.self)
        return (UnsafeBufferPointer(start: bytes, count: swiftmod_ascii_size(object)), true)
    }
    guard swiftmod_is_unicode(object) != 0 else { throw typeError("str", object) }
    var size = 0
    guard let utf8 = PyUnicode_AsUTF8AndSize(object, &size) else { throw PyErrorSet() }
    return (UnsafeBufferPointer(start: UnsafeRawPointer(utf8).assumingMemoryBound(to: UInt8.self), count: size), false)
}

#if !SWIFTMOD_NO_BUFFER_API
/// Fills `view` from `object`'s buffer: C-contiguous (else BufferError), writable when asked,
/// with one of `formats` and items of `itemSize` bytes when `formats` is given (else TypeError
/// naming `expected`). The caller releases it with `PyBuffer_Release` on every path.
@inline(__always)
func borrowBuffer(_ object: PyRef, _ view: inout Py_buffer, formats: StaticString?, itemSize: Int, alignment: Int, writable: Bool, expected: StaticString) throws(PyErrorSet) {
    func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }
    let status = swiftmod_get_buffer(object, &view, formats.map(cString), itemSize, alignment, writable ? 1 : 0, cString(expected))
    if status != 0 { throw PyErrorSet() }
}
#endif

/// `UnsafeRawBufferPointer` as the element of a borrowed collection: each item's bytes in place,
/// a `str`'s UTF-8 (a compact ASCII string's own data, else the UTF-8 CPython caches in the
/// object), a `bytes` object's data, or the memory of any other C-contiguous buffer of unsigned
/// bytes (`bytearray`, `memoryview`, `array('B')`, a NumPy `uint8` array), whose view the borrow
/// holds; so a str item and its UTF-8 bytes read the same. Valid until the call returns: the
/// collection holds its items (docs/design/borrowed.md). Another item, a buffer of wider or
/// signed items or a strided one → TypeError naming its index (`swiftmod_get_bytes_buffer`); a
/// lone surrogate → UnicodeEncodeError.
enum SMRawBytes: PyCodec {
    static var checksCheaply: Bool { true }
    static var borrowsItems: Bool { true }

    /// A `str` or `bytes` item: its bytes, read with no view to hold.
    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> UnsafeRawBufferPointer? {
        if swiftmod_is_compact_ascii(object) != 0 {
            return UnsafeRawBufferPointer(start: swiftmod_ascii_data(object), count: swiftmod_ascii_size(object))
        }
        if swiftmod_is_bytes(object) != 0 {
            return UnsafeRawBufferPointer(start: swiftmod_bytes_data(object), count: swiftmod_bytes_size(object))
        }
        guard swiftmod_is_unicode(object) != 0 else { return nil }
        var size = 0
        guard let utf8 = PyUnicode_AsUTF8AndSize(object, &size) else {
            PyErr_Clear()  // a lone surrogate: `load` raises it again, with the item's index
            return nil
        }
        return UnsafeRawBufferPointer(start: utf8, count: size)
    }

    @inline(__always)
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool {
        if loadDirect(object, module) != nil { return true }
        #if SWIFTMOD_NO_BUFFER_API
        return false
        #else
        var view = Py_buffer()
        guard getByteBuffer(object, &view) else {
            PyErr_Clear()
            return false
        }
        PyBuffer_Release(&view)
        return true
        #endif
    }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef, within validity: PyBorrowValidity) -> UnsafeRawBufferPointer? {
        if let value = loadDirect(object, module) { return value }
        #if SWIFTMOD_NO_BUFFER_API
        return nil
        #else
        let view = UnsafeMutablePointer<Py_buffer>.allocate(capacity: 1)
        view.initialize(to: Py_buffer())
        guard getByteBuffer(object, view) else {
            PyErr_Clear()
            view.deallocate()
            return nil
        }
        validity.views.append(view)
        return UnsafeRawBufferPointer(start: view.pointee.buf, count: view.pointee.len)
        #endif
    }

    #if !SWIFTMOD_NO_BUFFER_API
    /// Fills `view` from a C-contiguous buffer of unsigned bytes; false with an error set otherwise.
    private static func getByteBuffer(_ object: PyRef, _ view: UnsafeMutablePointer<Py_buffer>) -> Bool {
        swiftmod_get_bytes_buffer(object, view, "str or a bytes-like object") == 0
    }
    #endif

    /// Raises the error of an item that failed `canLoadDirect` (the collection never converts
    /// these items up front).
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> UnsafeRawBufferPointer {
        if let value = loadDirect(object, module) { return value }
        if swiftmod_is_unicode(object) != 0 {
            var size = 0
            _ = PyUnicode_AsUTF8AndSize(object, &size)
            throw PyErrorSet()
        }
        #if SWIFTMOD_NO_BUFFER_API
        throw typeError("str or bytes", object)
        #else
        var view = Py_buffer()
        guard getByteBuffer(object, &view) else { throw PyErrorSet() }
        PyBuffer_Release(&view)
        throw raise(PyExc_SystemError, "swiftmod: a buffer item is read in place only")
        #endif
    }

    static func dump(_ value: UnsafeRawBufferPointer, _ module: PyRef) -> PyRef? {
        _ = raise(PyExc_TypeError, "borrowed bytes cannot be returned")
        return nil
    }
}

"""#,
        #"glue/BorrowedCollections.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Borrowed collections (docs/design/borrowed.md#collections): a
// list or tuple read in place for the duration of one call, each item converted when it is read.
@preconcurrency import SwiftmodShim

/// Whether a borrowed list or tuple may still be read: true for the call, false after it. The
/// flag lives in its own allocation, owned by this object, which every copy of the collection
/// keeps alive; the collection reads it through a plain pointer (no reference counting per
/// element). A collection the user's code kept past the call traps when read, instead of
/// reading memory that Python may have freed.
final class PyBorrowValidity {
    let flag: UnsafeMutablePointer<Bool>
    #if !SWIFTMOD_NO_BUFFER_API
    /// Buffer views of the items read in place (`UnsafeRawBufferPointer` items), released when
    /// the borrow ends.
    var views: [UnsafeMutablePointer<Py_buffer>] = []
    #endif

    init() {
        flag = .allocate(capacity: 1)
        flag.initialize(to: true)
    }

    /// Ends the borrow (with the GIL): reads trap from now on, and held views are released.
    func end() {
        flag.pointee = false
        #if !SWIFTMOD_NO_BUFFER_API
        for view in views {
            PyBuffer_Release(view)
            view.deallocate()
        }
        views = []
        #endif
    }

    deinit { flag.deallocate() }
}

/// `some Collection<T>` / `some Sequence<T>` (docs/design/borrowed.md#collections): a list or tuple read in place, each
/// element converted when the user's code reads it. Before the call, one pass checks that every
/// element converts directly (an exact `float`, an `int` in range, a `str`, ...), so reading one
/// can neither fail nor run Python code; otherwise the list is converted up front, with the
/// usual errors naming the item, and the collection reads that array. The call keeps the GIL.
struct PyCollection<Element: PyCodec>: RandomAccessCollection {
    /// The borrowed list or tuple, or nil when the collection reads `owned`.
    private let object: PyRef?
    private let items: swiftmod_items?
    private let validity: PyBorrowValidity?
    private let isValid: UnsafePointer<Bool>?
    private let owned: [Element.Value]
    private let size: Int
    /// The module the call came through (for elements of the module's own types).
    private let module: PyRef
    /// A list made from another iterable for elements that point into their items, held (a
    /// strong reference) until `end()`.
    private var madeList: PyRef? = nil
    /// For plain-data elements (`Double`, `Int`): the values, converted by the check pass into
    /// this thread's scratch buffer (reused across calls, so no fresh pages to fault in); the
    /// user's loop then reads contiguous values, not objects (docs/design/borrowed.md#collections).
    private var scratch: UnsafeMutablePointer<Element.Value>? = nil

    var startIndex: Int { 0 }
    var endIndex: Int { size }

    /// `some Sequence<T>`: a list or tuple is read in place as `init(borrowing:)` does; any other
    /// iterable (a generator, a set, a dict's keys, a `str`'s characters) is iterated and its
    /// items converted up front, naming the failing item.
    init(iterating object: PyRef, _ module: PyRef) throws(PyErrorSet) {
        if swiftmod_is_list_or_tuple(object) != 0 {
            try self.init(borrowing: object, module)
            return
        }
        if Element.borrowsItems {
            // The values point into the items: they must outlive the call, so the items go into
            // a list this collection holds, read as any list is.
            guard let list = PySequence_List(object) else { throw PyErrorSet() }
            do { try self.init(borrowing: list, module) } catch {
                swiftmod_decref(list)
                throw error
            }
            madeList = list
            return
        }
        guard let iterator = PyObject_GetIter(object) else { throw PyErrorSet() }
        defer { swiftmod_decref(iterator) }
        var values: [Element.Value] = []
        var index = 0
        while let item = PyIter_Next(iterator) {
            defer { swiftmod_decref(item) }
            do { values.append(try Element.load(item, module)) } catch {
                swiftmod_prefix_error_index(index)
                throw error
            }
            index += 1
        }
        if PyErr_Occurred() != nil { throw PyErrorSet() }
        self.init(owned: values, module)
    }

    /// A list or tuple whose items were all checked by the borrowed collection that holds it
    /// (its `canLoadDirect`), read in place for as long as that one's borrow lasts.
    init(borrowingChecked object: PyRef, _ module: PyRef, within validity: PyBorrowValidity) {
        self.module = module
        self.object = object
        items = swiftmod_sequence_items(object)
        self.validity = validity
        isValid = UnsafePointer(validity.flag)
        owned = []
        size = swiftmod_sequence_size(object)
    }

    /// Any iterable (`iterating`) or a list or tuple, converted up front: an inner collection
    /// of a collection that is itself converted up front owns its values, so nothing of it
    /// outlives the call's borrow.
    init(converting object: PyRef, _ module: PyRef, iterating: Bool) throws(PyErrorSet) {
        if Element.borrowsItems {
            guard swiftmod_is_list_or_tuple(object) != 0 else { throw typeError("list or tuple", object) }
            try Self.raiseFirstFailure(object, module)
        }
        if swiftmod_is_list_or_tuple(object) != 0 {
            self.init(owned: try SMArray<Element>.load(object, module), module)
        } else if iterating {
            try self.init(iterating: object, module)
        } else {
            throw typeError("list or tuple", object)
        }
    }

    /// Values that point into their items are never converted up front (the views of buffer
    /// items are held by a borrow): a list or tuple that failed its check raises the error of
    /// its first item that fails, naming its index.
    private static func raiseFirstFailure(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Never {
        let items = swiftmod_sequence_items(object)
        for index in 0..<swiftmod_sequence_size(object) {
            let item = swiftmod_sequence_item(items, object, index).unsafelyUnwrapped
            guard !Element.canLoadDirect(item, module) else { continue }
            do { _ = try Element.load(item, module) } catch {
                swiftmod_prefix_error_index(index)
                throw error
            }
        }
        throw raise(PyExc_SystemError, "swiftmod: a borrowed item failed its check but converts")
    }

    /// Values already converted.
    private init(owned values: [Element.Value], _ module: PyRef) {
        self.module = module
        object = nil
        items = nil
        validity = nil
        isValid = nil
        owned = values
        size = values.count
    }

    init(borrowing object: PyRef, _ module: PyRef) throws(PyErrorSet) {
        self.module = module
        guard swiftmod_is_list_or_tuple(object) != 0 else { throw typeError("list or tuple", object) }
        let count = swiftmod_sequence_size(object)
        let items = swiftmod_sequence_items(object)
        if Swift._isPOD(Element.Value.self), Element.checksCheaply, !Element.borrowsItems, count > 0,
            let buffer = swiftmod_scratch_take(count * MemoryLayout<Element.Value>.stride)
        {
            // The check pass converts as it checks: one walk over the objects in all.
            let values = buffer.bindMemory(to: Element.Value.self, capacity: count)
            var converted = 0
            while converted < count, let value = Element.loadDirect(swiftmod_sequence_item(items, object, converted).unsafelyUnwrapped, module) {
                (values + converted).initialize(to: value)
                converted += 1
            }
            if converted == count {
                let validity = PyBorrowValidity()
                self.object = object
                self.items = items
                self.validity = validity
                self.isValid = UnsafePointer(validity.flag)
                owned = []
                size = count
                scratch = values
                return
            }
            swiftmod_scratch_give_back()
        }
        var index = 0
        // Items whose check would be a conversion (a list of lists) are converted once, up front.
        while Element.checksCheaply, index < count, Element.canLoadDirect(swiftmod_sequence_item(items, object, index).unsafelyUnwrapped, module) { index += 1 }
        if index == count {
            let validity = PyBorrowValidity()
            self.object = object
            self.items = items
            self.validity = validity
            self.isValid = UnsafePointer(validity.flag)
            owned = []
            size = count
        } else {
            if Element.borrowsItems { try Self.raiseFirstFailure(object, module) }
            owned = try SMArray<Element>.load(object, module)
            self.object = nil
            self.items = nil
            self.validity = nil
            self.isValid = nil
            size = owned.count
        }
    }

    @inline(__always)
    subscript(position: Int) -> Element.Value {
        precondition(position >= 0 && position < size, "index out of range")
        guard let object else { return owned[position] }
        precondition(isValid.unsafelyUnwrapped.pointee, "a some Collection/some Sequence parameter was read after its call returned: copy it (Array(values)) to keep it")
        if let scratch { return scratch[position] }
        // The item 8 places on, last touched by the check in `init(borrowing:)` (long ago for
        // the inner lists of a list of lists), starts coming back into cache now. A bulk call
        // over 10^4 lists of 200 strings took about 20% less time, and prefetching each next
        // inner list whole did worse (A/B, 3 runs each, Examples/minhash).
        if position &+ 8 < size { swiftmod_prefetch_item(items, position &+ 8) }
        return Element.loadDirect(swiftmod_sequence_item(items, object, position).unsafelyUnwrapped, module, within: validity.unsafelyUnwrapped).unsafelyUnwrapped
    }

    /// Ends the borrow when the call returns (with the GIL).
    func end() {
        validity?.end()
        if let madeList { swiftmod_decref(madeList) }
        if scratch != nil { swiftmod_scratch_give_back() }
    }
}

/// A borrowed collection as the element of another (`some Sequence<some Collection<Double>>`):
/// each inner list or tuple is read in place, within the outer one's borrow, when the user's code
/// reaches it. The outer collection checks every inner item before the call (as for `[[T]]`), so
/// reading one cannot fail; an outer collection converted up front converts its inner ones up
/// front too.
protocol PyBorrowedCollectionCodec: PyCodec where Value == PyCollection<Element> {
    associatedtype Element: PyCodec
    /// Whether an inner iterable that is not a list or tuple (a generator, a set) is taken, which
    /// makes the outer collection convert up front (`some Sequence<T>`). Items that values point
    /// into must be in a list or tuple, which the outer collection holds.
    static var iterates: Bool { get }
}

extension PyBorrowedCollectionCodec {
    static var checksCheaply: Bool { SMArray<Element>.checksCheaply }
    static var borrowsItems: Bool { Element.borrowsItems }

    @inline(__always)
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool { SMArray<Element>.canLoadDirect(object, module) }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef, within validity: PyBorrowValidity) -> PyCollection<Element>? {
        PyCollection(borrowingChecked: object, module, within: validity)
    }

    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> PyCollection<Element> {
        try PyCollection(converting: object, module, iterating: iterates)
    }

    static func dump(_ value: PyCollection<Element>, _ module: PyRef) -> PyRef? {
        _ = raise(PyExc_TypeError, "a borrowed collection cannot be returned")
        return nil
    }
}

/// `some Collection<T>` inside a borrowed collection: inner lists and tuples only.
enum SMBorrowedCollection<Element: PyCodec>: PyBorrowedCollectionCodec {
    static var iterates: Bool { false }
}

/// `some Sequence<T>` inside a borrowed collection: any inner iterable.
enum SMBorrowedSequence<Element: PyCodec>: PyBorrowedCollectionCodec {
    static var iterates: Bool { true }
}

"""#,
        #"glue/Callbacks.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Callables (docs/design/python-shapes.md#callables): a Python callable passed
// for a closure parameter, called from the user's Swift code.
@preconcurrency import SwiftmodShim

/// A Python exception that a callback raised, thrown into the user's Swift code as an error.
/// When it leaves the exported function, the original exception object is raised again (type,
/// message and traceback kept), not a copy.
struct PythonException: Error, CustomStringConvertible {
    let box: PyExceptionBox

    /// `ValueError('bad key')`: the exception's repr, read when it was caught.
    var description: String { box.text }
}

/// Owns the exception object; released with the GIL from whichever thread drops the error.
final class PyExceptionBox: @unchecked Sendable {
    let exception: PyRef
    let text: String

    /// Takes the pending exception (the GIL is held).
    init() {
        exception = swiftmod_fetch_exception().unsafelyUnwrapped
        var text = "Python exception"
        if let repr = swiftmod_exception_repr(exception) {
            var size = 0
            if let utf8 = PyUnicode_AsUTF8AndSize(repr, &size) {
                text = String(decoding: UnsafeRawBufferPointer(start: utf8, count: size), as: UTF8.self)
            } else {
                PyErr_Clear()
            }
            swiftmod_decref(repr)
        }
        self.text = text
    }

    deinit { swiftmod_release_anywhere(exception) }
}

/// A call from a thread that cannot take the GIL: the exported function holds it on its own
/// thread and waits for this one (a closure that is not `@Sendable`, called from another thread).
struct CallbackRefused: Error, CustomStringConvertible {
    let description: String
}

/// The Python callable behind a closure argument, and what the closure's calls share. It lives
/// as long as the closure: for an escaping closure it holds a reference to the callable (and the
/// module, whose state the conversions read), released with the GIL from any thread.
final class PyCallback: @unchecked Sendable {
    let callable: PyRef
    let module: PyRef
    /// `argument 'key'`, for messages.
    let name: StaticString
    /// Whether Swift may keep the closure after the call (it holds references).
    let escaping: Bool
    /// Whether the exported call holds the GIL on its thread while the user's code runs.
    let holdsGIL: Bool
    /// The thread of the exported call.
    let owner: UInt
    /// True until the exported call returns; read by other threads only to refuse a call that
    /// would wait forever for the GIL (a stale read errs towards `PyGILState_Ensure`).
    var active = true
    /// The first exception of a non-throwing, non-escaping callback: later calls are skipped and
    /// the exported function raises it when it returns.
    var failure: PyRef?
    /// Whether a non-throwing callback could not be called (`CallbackRefused`), raised likewise.
    /// Written by the refused thread without the GIL: a plain flag, never an object.
    var refused = false
    /// Whether the module lives in the main interpreter: `PyGILState_Ensure` takes the main
    /// interpreter's GIL, so in a sub-interpreter only the exported call's own thread, holding
    /// its GIL, can call back.
    let inMainInterpreter: Bool

    init(_ callable: PyRef, _ module: PyRef, name: StaticString, escaping: Bool, holdsGIL: Bool) {
        self.callable = callable
        self.module = module
        self.name = name
        self.escaping = escaping
        self.holdsGIL = holdsGIL
        owner = swiftmod_thread_id()
        inMainInterpreter = swiftmod_in_main_interpreter() != 0
        if escaping {
            swiftmod_incref(callable)
            swiftmod_incref(module)
        }
    }

    deinit {
        if let failure { swiftmod_release_anywhere(failure) }
        if escaping {
            swiftmod_release_anywhere(callable)
            swiftmod_release_anywhere(module)
        }
    }

    /// Takes the GIL for a call: -1 when this thread has it already (the exported call's own
    /// thread, which keeps it), -2 when taking it would wait forever, else `PyGILState_Ensure`'s
    /// state to give back.
    @inline(__always)
    func enter() -> Int32 {
        if active && holdsGIL {
            return swiftmod_thread_id() == owner ? -1 : -2
        }
        guard inMainInterpreter, swiftmod_can_call_python() != 0 else { return -2 }
        return swiftmod_gil_ensure()
    }

    @inline(__always)
    func exit(_ token: Int32) {
        if token >= 0 { swiftmod_gil_release(token) }
    }

    var refusedMessage: String {
        guard inMainInterpreter else {
            return "\(name): a callback in a sub-interpreter can only be called on the thread of the call that took it, while that call holds the GIL (not from other threads, nor after it returned)"
        }
        return "\(name): a callback that is not @Sendable was called from another thread while the function holds the GIL on its own thread (declare the closure @Sendable to call it from other threads)"
    }

    /// With the GIL held: the callable's result for `count` arguments that `fill` makes (new
    /// references, nil with an exception set on failure), or nil with the exception set.
    @inline(__always)
    func invoke(count: Int, _ fill: (UnsafeMutablePointer<PyRef?>) -> Void) -> PyRef? {
        withUnsafeTemporaryAllocation(of: PyRef?.self, capacity: Swift.max(count, 1)) { buffer in
            let arguments = buffer.baseAddress.unsafelyUnwrapped
            arguments.initialize(repeating: nil, count: count)
            fill(arguments)
            var complete = true
            for index in 0..<count where arguments[index] == nil { complete = false }
            let result = complete ? swiftmod_call(callable, arguments, count) : nil
            for index in 0..<count {
                if let argument = arguments[index] { swiftmod_decref(argument) }
            }
            return result
        }
    }

    /// A call of a throwing closure: the result converted back, or the Python exception thrown
    /// into the user's code as `PythonException`.
    @inline(__always)
    func call<R>(count: Int, _ fill: (UnsafeMutablePointer<PyRef?>) -> Void, _ convert: (PyRef) throws -> R) throws -> R {
        let token = enter()
        if token == -2 { throw CallbackRefused(description: refusedMessage) }
        defer { exit(token) }
        guard let result = invoke(count: count, fill) else { throw PythonException(box: PyExceptionBox()) }
        defer { swiftmod_decref(result) }
        do { return try convert(result) } catch {
            swiftmod_prefix_error(UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self))
            throw PythonException(box: PyExceptionBox())
        }
    }

    /// A call of a non-throwing `Void` closure: Python's result is ignored. An exception is kept
    /// for the exported function to raise when it returns (later calls are skipped), or, for an
    /// escaping closure, goes to `sys.unraisablehook`.
    @inline(__always)
    func callIgnoringResult(count: Int, _ fill: (UnsafeMutablePointer<PyRef?>) -> Void) {
        guard failure == nil, !refused else { return }
        let token = enter()
        if token == -2 {
            refused = true
            return
        }
        defer { exit(token) }
        guard let result = invoke(count: count, fill) else {
            if escaping || !active { swiftmod_write_unraisable(callable) } else { failure = swiftmod_fetch_exception() }
            return
        }
        swiftmod_decref(result)
    }

    /// After the user's code returned (the GIL is held): raises what a non-throwing callback
    /// left and returns false, else true.
    func finish() -> Bool {
        active = false
        if let failure {
            self.failure = nil
            swiftmod_restore_exception(failure)
            return false
        }
        if refused {
            refused = false
            _ = raise(PyExc_RuntimeError, refusedMessage)
            return false
        }
        return true
    }
}

/// A closure returned to Python (docs/design/python-shapes.md#closure-results), owned by the Python callable
/// that `swiftmod_make_closure` made for it.
final class PyClosureBox<Value> {
    let value: Value

    init(_ value: Value) { self.value = value }
}

"""#,
        #"glue/Codable.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Codable types as plain Python objects (docs/design/types.md#protocols):
// `pickle` and `copy` state is what a Swift `Encoder` writes, as dicts, lists, ints, floats,
// strs, bools and None, with no Foundation.
@preconcurrency import SwiftmodShim

/// A value tree between Swift's Codable and Python objects.
indirect enum PyEncoded {
    case none
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case list([PyEncoded])
    case dict([(String, PyEncoded)])
}

/// Where an encoder writes: a shared, growable node (containers nest by reference).
final class PyEncodedNode {
    enum Content {
        case empty
        case value(PyEncoded)
        case list([PyEncodedNode])
        case dict([(String, PyEncodedNode)])
    }

    var content: Content = .empty

    var tree: PyEncoded {
        switch content {
        case .empty: .none
        case .value(let value): value
        case .list(let items): .list(items.map(\.tree))
        case .dict(let entries): .dict(entries.map { ($0.0, $0.1.tree) })
        }
    }
}

struct PyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

struct PyTreeEncoder: Encoder {
    let node: PyEncodedNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .dict = node.content {} else { node.content = .dict([]) }
        return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .list = node.content {} else { node.content = .list([]) }
        return Unkeyed(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }

    /// Encodes `value` into a fresh node.
    static func encode<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> PyEncodedNode {
        let node = PyEncodedNode()
        if let leaf = leaf(value) {
            node.content = .value(leaf)
        } else {
            try value.encode(to: PyTreeEncoder(node: node, codingPath: codingPath))
        }
        return node
    }

    /// Standard values Python has a type for, encoded directly (`[UInt8]` would otherwise be a list).
    static func leaf<T: Encodable>(_ value: T) -> PyEncoded? {
        switch value {
        case let v as Bool: .bool(v)
        case let v as String: .string(v)
        case let v as Double: .double(v)
        case let v as Float: .double(Double(v))
        case let v as Int: .int(Int64(v))
        case let v as Int8: .int(Int64(v))
        case let v as Int16: .int(Int64(v))
        case let v as Int32: .int(Int64(v))
        case let v as Int64: .int(v)
        case let v as UInt: .uint(UInt64(v))
        case let v as UInt8: .uint(UInt64(v))
        case let v as UInt16: .uint(UInt64(v))
        case let v as UInt32: .uint(UInt64(v))
        case let v as UInt64: .uint(v)
        default: nil
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: PyEncodedNode
        var codingPath: [any CodingKey]

        private func append(_ key: Key, _ child: PyEncodedNode) {
            guard case .dict(var entries) = node.content else { return }
            entries.removeAll { $0.0 == key.stringValue }
            entries.append((key.stringValue, child))
            node.content = .dict(entries)
        }

        mutating func encodeNil(forKey key: Key) throws {
            let child = PyEncodedNode()
            child.content = .value(.none)
            append(key, child)
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            append(key, try PyTreeEncoder.encode(value, codingPath: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = PyEncodedNode()
            append(key, child)
            return PyTreeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = PyEncodedNode()
            append(key, child)
            return PyTreeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let child = PyEncodedNode()
            append(key, child)
            return PyTreeEncoder(node: child, codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: PyEncodedNode
        var codingPath: [any CodingKey]
        var count: Int {
            if case .list(let items) = node.content { items.count } else { 0 }
        }

        private func append(_ child: PyEncodedNode) {
            guard case .list(var items) = node.content else { return }
            items.append(child)
            node.content = .list(items)
        }

        mutating func encodeNil() throws {
            let child = PyEncodedNode()
            child.content = .value(.none)
            append(child)
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            append(try PyTreeEncoder.encode(value, codingPath: codingPath + [PyCodingKey(intValue: count)]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = PyEncodedNode()
            append(child)
            return PyTreeEncoder(node: child, codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = PyEncodedNode()
            append(child)
            return PyTreeEncoder(node: child, codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            let child = PyEncodedNode()
            append(child)
            return PyTreeEncoder(node: child, codingPath: codingPath)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let node: PyEncodedNode
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.content = .value(.none) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            let child = try PyTreeEncoder.encode(value, codingPath: codingPath)
            node.content = child.content
        }
    }
}

/// Why a state cannot be decoded (shown as `ValueError`).
struct PyDecodingError: Error, CustomStringConvertible {
    var description: String
}

struct PyTreeDecoder: Decoder {
    let value: PyEncoded
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private func path() -> String {
        codingPath.isEmpty ? "the state" : "'" + codingPath.map(\.stringValue).joined(separator: ".") + "'"
    }

    func mismatch(_ expected: String) -> PyDecodingError {
        PyDecodingError(description: "cannot decode \(path()): expected \(expected)")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .dict(let entries) = value else { throw mismatch("a dict") }
        return KeyedDecodingContainer(Keyed<Key>(entries: Dictionary(entries, uniquingKeysWith: { _, last in last }), codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .list(let items) = value else { throw mismatch("a list") }
        return Unkeyed(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    static func decode<T: Decodable>(_ type: T.Type, from value: PyEncoded, codingPath: [any CodingKey]) throws -> T {
        let decoder = PyTreeDecoder(value: value, codingPath: codingPath)
        if let leaf = try decoder.leaf(type) { return leaf }
        return try T(from: decoder)
    }

    /// Standard values read directly (the counterpart of `PyTreeEncoder.leaf`).
    func leaf<T>(_ type: T.Type) throws -> T? {
        func integer<I: FixedWidthInteger>(_: I.Type) throws -> I {
            let result: I? = switch value {
            case .int(let v): I(exactly: v)
            case .uint(let v): I(exactly: v)
            default: throw mismatch("an int")
            }
            guard let result else { throw mismatch("an int in range for \(I.self)") }
            return result
        }
        switch type {
        case is Bool.Type:
            guard case .bool(let v) = value else { throw mismatch("a bool") }
            return v as? T
        case is String.Type:
            guard case .string(let v) = value else { throw mismatch("a str") }
            return v as? T
        case is Double.Type, is Float.Type:
            let v: Double = switch value {
            case .double(let v): v
            case .int(let v): Double(v)
            case .uint(let v): Double(v)
            default: throw mismatch("a float")
            }
            return (type is Double.Type ? v as Any : Float(v) as Any) as? T
        case is Int.Type: return try integer(Int.self) as? T
        case is Int8.Type: return try integer(Int8.self) as? T
        case is Int16.Type: return try integer(Int16.self) as? T
        case is Int32.Type: return try integer(Int32.self) as? T
        case is Int64.Type: return try integer(Int64.self) as? T
        case is UInt.Type: return try integer(UInt.self) as? T
        case is UInt8.Type: return try integer(UInt8.self) as? T
        case is UInt16.Type: return try integer(UInt16.self) as? T
        case is UInt32.Type: return try integer(UInt32.self) as? T
        case is UInt64.Type: return try integer(UInt64.self) as? T
        default: return nil
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let entries: [String: PyEncoded]
        var codingPath: [any CodingKey]
        var allKeys: [Key] { entries.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { entries[key.stringValue] != nil }

        private func entry(_ key: Key) throws -> PyEncoded {
            guard let value = entries[key.stringValue] else {
                throw PyDecodingError(description: "cannot decode the state: key '\(key.stringValue)' is missing")
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .none = try entry(key) { true } else { false }
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try PyTreeDecoder.decode(type, from: try entry(key), codingPath: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try PyTreeDecoder(value: try entry(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try PyTreeDecoder(value: try entry(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { try superDecoder(forKey: Key(stringValue: "super")!) }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            PyTreeDecoder(value: try entry(key), codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [PyEncoded]
        var codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        private mutating func next() throws -> PyEncoded {
            guard !isAtEnd else { throw PyDecodingError(description: "cannot decode the state: a list is too short") }
            defer { currentIndex += 1 }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, case .none = items[currentIndex] else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let key = PyCodingKey(intValue: currentIndex)
            return try PyTreeDecoder.decode(type, from: try next(), codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try PyTreeDecoder(value: try next(), codingPath: codingPath).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try PyTreeDecoder(value: try next(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { PyTreeDecoder(value: try next(), codingPath: codingPath) }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: PyTreeDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool {
            if case .none = decoder.value { true } else { false }
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try PyTreeDecoder.decode(type, from: decoder.value, codingPath: codingPath)
        }
    }
}

// MARK: - Python objects

/// The Python objects of a tree (new reference), or nil with an exception set.
func pythonObject(_ value: PyEncoded, _ module: PyRef) -> PyRef? {
    switch value {
    case .none: return swiftmod_new_none()
    case .bool(let v): return SMBool.dump(v, module)
    case .int(let v): return PyLong_FromLongLong(v)
    case .uint(let v): return PyLong_FromUnsignedLongLong(v)
    case .double(let v): return PyFloat_FromDouble(v)
    case .string(let v): return SMString.dump(v, module)
    case .list(let items):
        guard swiftmod_enter_nesting() == 0 else { return nil }
        defer { swiftmod_leave_nesting() }
        return makeList(items.map { pythonObject($0, module) })
    case .dict(let entries):
        guard swiftmod_enter_nesting() == 0 else { return nil }
        defer { swiftmod_leave_nesting() }
        guard let dict = PyDict_New() else { return nil }
        for (key, item) in entries {
            guard let object = pythonObject(item, module) else {
                swiftmod_decref(dict)
                return nil
            }
            let status = key.withCString { PyDict_SetItemString(dict, $0, object) }
            swiftmod_decref(object)
            if status < 0 {
                swiftmod_decref(dict)
                return nil
            }
        }
        return dict
    }
}

/// The tree of a Python state object, or a `PyDecodingError` for an object a state cannot hold.
/// Each nested list, tuple and dict passes CPython's recursion guard: a state nested past the
/// limit throws `PyErrorSet` with RecursionError set (docs/design/types.md#protocols).
func encodedTree(_ object: PyRef, _ module: PyRef) throws -> PyEncoded {
    if object == swiftmod_none() { return .none }
    if object == swiftmod_true() { return .bool(true) }
    if object == swiftmod_false() { return .bool(false) }
    if swiftmod_is_exact_long(object) != 0 {
        var overflow: Int32 = 0
        let value = PyLong_AsLongLongAndOverflow(object, &overflow)
        if overflow == 0 { return .int(value) }
        let unsigned = PyLong_AsUnsignedLongLong(object)
        if PyErr_Occurred() != nil {
            PyErr_Clear()
            throw PyDecodingError(description: "cannot decode the state: an int out of range")
        }
        return .uint(unsigned)
    }
    if swiftmod_is_exact_float(object) != 0 { return .double(PyFloat_AsDouble(object)) }
    if swiftmod_is_unicode(object) != 0 {
        guard let text = try? SMString.load(object, module) else {
            PyErr_Clear()
            throw PyDecodingError(description: "cannot decode the state: a str that is not valid Unicode")
        }
        return .string(text)
    }
    if swiftmod_is_list_or_tuple(object) != 0 {
        guard swiftmod_enter_nesting() == 0 else { throw PyErrorSet() }
        defer { swiftmod_leave_nesting() }
        var items: [PyEncoded] = []
        let isList = swiftmod_is_list(object) != 0
        let count = isList ? swiftmod_list_size(object) : swiftmod_tuple_size(object)
        for index in 0..<count {
            items.append(try encodedTree((isList ? swiftmod_list_item(object, index) : swiftmod_tuple_item(object, index))!, module))
        }
        return .list(items)
    }
    if swiftmod_is_dict(object) != 0 {
        guard swiftmod_enter_nesting() == 0 else { throw PyErrorSet() }
        defer { swiftmod_leave_nesting() }
        var entries: [(String, PyEncoded)] = []
        var position = 0
        var key: PyRef?
        var value: PyRef?
        while PyDict_Next(object, &position, &key, &value) != 0 {
            guard let key, swiftmod_is_unicode(key) != 0, let name = try? SMString.load(key, module) else {
                PyErr_Clear()
                throw PyDecodingError(description: "cannot decode the state: dict keys must be str")
            }
            entries.append((name, try encodedTree(value!, module)))
        }
        return .dict(entries)
    }
    throw PyDecodingError(description: "cannot decode the state: unexpected object of another type")
}

/// A Codable value's state as plain Python objects (new reference), or nil with an exception set.
func encodeToPython<T: Encodable>(_ value: T, module: PyRef) -> PyRef? {
    do {
        return pythonObject(try PyTreeEncoder.encode(value, codingPath: []).tree, module)
    } catch {
        _ = raise(PyExc_ValueError, "cannot encode the value: \(error)")
        return nil
    }
}

/// The value a state decodes to.
func decodeFromPython<T: Decodable>(_ type: T.Type, _ state: PyRef, module: PyRef) throws -> T {
    try PyTreeDecoder.decode(type, from: try encodedTree(state, module), codingPath: [])
}

/// Raises ValueError for a state that did not decode (a RecursionError already set stays).
func raiseDecodingError(_ error: any Error) -> PyRef? {
    if error is PyErrorSet { return nil }
    _ = raise(PyExc_ValueError, String(describing: error))
    return nil
}

"""#,
        #"glue/Containers.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Containers (docs/design/exported.md#type-mapping): lists, dicts, sets, optionals and tuples.
@preconcurrency import SwiftmodShim

/// `[T]`: a `list` or `tuple` (not `str` or `bytes`) in, a `list` out.
enum SMArray<Element: PyCodec>: PyCodec {
    /// The leading items of a list or tuple that convert directly, written straight into the
    /// array's storage: none of them runs Python code, so the sequence cannot change meanwhile.
    @inline(__always)
    static func loadDirectPrefix(_ object: PyRef, _ module: PyRef) -> [Element.Value] {
        let count = swiftmod_sequence_size(object)
        let items = swiftmod_sequence_items(object)
        return [Element.Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count, let value = Element.loadDirect(swiftmod_sequence_item(items, object, initialized).unsafelyUnwrapped, module) {
                (buffer.baseAddress.unsafelyUnwrapped + initialized).initialize(to: value)
                initialized += 1
            }
        }
    }

    /// A list of lists of strings is checked item by item without building the inner arrays,
    /// so a collection of them can be read in place and each inner list converted when read.
    static var checksCheaply: Bool { Element.checksCheaply }

    @inline(__always)
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool {
        guard swiftmod_is_list_or_tuple(object) != 0 else { return false }
        let count = swiftmod_sequence_size(object)
        let items = swiftmod_sequence_items(object)
        for index in 0..<count where !Element.canLoadDirect(swiftmod_sequence_item(items, object, index).unsafelyUnwrapped, module) {
            return false
        }
        return true
    }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> [Element.Value]? {
        guard swiftmod_is_list_or_tuple(object) != 0 else { return nil }
        // A tight checking loop first, where checks are cheap: its loads are independent, so
        // the core has many items' cache misses in flight at once, and the converting loop then
        // finds them in cache. A bulk call over 10^4 lists of 200 strings last touched long ago
        // (Examples/minhash's from_token_sets) took about 7% less time (A/B, 3 runs each).
        if Element.checksCheaply, !canLoadDirect(object, module) { return nil }
        let result = loadDirectPrefix(object, module)
        return result.count == swiftmod_sequence_size(object) ? result : nil
    }

    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> [Element.Value] {
        let isList = swiftmod_is_list(object) != 0
        guard isList || swiftmod_is_tuple(object) != 0 else { throw typeError("list or tuple", object) }
        var result = loadDirectPrefix(object, module)
        if result.count == swiftmod_sequence_size(object) { return result }
        // Element conversions may run Python code (`__index__`) that changes the list: hold a
        // reference to it, and read its size and items afresh on each step.
        swiftmod_incref(object)
        defer { swiftmod_decref(object) }
        var index = result.count
        while index < (isList ? swiftmod_list_size(object) : swiftmod_tuple_size(object)) {
            let item = isList ? swiftmod_list_item(object, index) : swiftmod_tuple_item(object, index)
            do { result.append(try Element.load(item!, module)) } catch {
                swiftmod_prefix_error_index(index)
                throw error
            }
            index += 1
        }
        return result
    }

    static func dump(_ value: [Element.Value], _ module: PyRef) -> PyRef? {
        guard let list = PyList_New(value.count) else { return nil }
        for (index, element) in value.enumerated() {
            guard let item = Element.dump(element, module) else {
                swiftmod_decref(list)
                return nil
            }
            swiftmod_list_set(list, index, item)
        }
        return list
    }
}

/// `[K: V]`: a `dict` in and out.
enum SMDictionary<Key: PyCodec, Value: PyCodec>: PyCodec where Key.Value: Hashable {
    /// Every entry converts directly (no Python code runs, so the dict cannot change), or nil.
    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> [Key.Value: Value.Value]? {
        guard swiftmod_is_dict(object) != 0 else { return nil }
        var result: [Key.Value: Value.Value] = [:]
        result.reserveCapacity(PyDict_Size(object))
        var position = 0
        var key: PyRef?
        var value: PyRef?
        while PyDict_Next(object, &position, &key, &value) != 0 {
            guard let swiftKey = Key.loadDirect(key.unsafelyUnwrapped, module),
                let swiftValue = Value.loadDirect(value.unsafelyUnwrapped, module)
            else { return nil }
            result[swiftKey] = swiftValue
        }
        return result
    }

    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> [Key.Value: Value.Value] {
        if let value = loadDirect(object, module) { return value }
        guard swiftmod_is_dict(object) != 0 else { throw typeError("dict", object) }
        swiftmod_incref(object)
        defer { swiftmod_decref(object) }
        var result: [Key.Value: Value.Value] = [:]
        result.reserveCapacity(PyDict_Size(object))
        var position = 0
        var key: PyRef?
        var value: PyRef?
        while PyDict_Next(object, &position, &key, &value) != 0 {
            guard let key, let value else { continue }
            swiftmod_incref(key)
            swiftmod_incref(value)
            defer {
                swiftmod_decref(key)
                swiftmod_decref(value)
            }
            let swiftKey: Key.Value
            do { swiftKey = try Key.load(key, module) } catch {
                swiftmod_prefix_error("key")
                throw error
            }
            do { result[swiftKey] = try Value.load(value, module) } catch {
                swiftmod_prefix_error("value")
                throw error
            }
        }
        return result
    }

    static func dump(_ value: [Key.Value: Value.Value], _ module: PyRef) -> PyRef? {
        guard let dict = PyDict_New() else { return nil }
        for (key, element) in value {
            guard let pyKey = Key.dump(key, module) else {
                swiftmod_decref(dict)
                return nil
            }
            guard let pyValue = Value.dump(element, module) else {
                swiftmod_decref(pyKey)
                swiftmod_decref(dict)
                return nil
            }
            let status = PyDict_SetItem(dict, pyKey, pyValue)
            swiftmod_decref(pyKey)
            swiftmod_decref(pyValue)
            if status != 0 {
                swiftmod_decref(dict)
                return nil
            }
        }
        return dict
    }
}

/// `Set<T>`: a `set` or `frozenset` in, a `set` out.
enum SMSet<Element: PyCodec>: PyCodec where Element.Value: Hashable {
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Set<Element.Value> {
        guard swiftmod_is_anyset(object) != 0 else { throw typeError("set or frozenset", object) }
        guard let iterator = PyObject_GetIter(object) else { throw PyErrorSet() }
        defer { swiftmod_decref(iterator) }
        var result = Set<Element.Value>(minimumCapacity: PySet_Size(object))
        while let item = PyIter_Next(iterator) {
            defer { swiftmod_decref(item) }
            do { result.insert(try Element.load(item, module)) } catch {
                swiftmod_prefix_error("element")
                throw error
            }
        }
        if PyErr_Occurred() != nil { throw PyErrorSet() }
        return result
    }

    static func dump(_ value: Set<Element.Value>, _ module: PyRef) -> PyRef? {
        guard let set = PySet_New(nil) else { return nil }
        for element in value {
            guard let item = Element.dump(element, module) else {
                swiftmod_decref(set)
                return nil
            }
            let status = PySet_Add(set, item)
            swiftmod_decref(item)
            if status != 0 {
                swiftmod_decref(set)
                return nil
            }
        }
        return set
    }
}

/// `T?`: `None` or a `T`.
enum SMOptional<Wrapped: PyCodec>: PyCodec {
    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> Wrapped.Value?? {
        object == swiftmod_none() ? .some(nil) : Wrapped.loadDirect(object, module).map { $0 }
    }

    @inline(__always)
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Wrapped.Value? {
        object == swiftmod_none() ? nil : try Wrapped.load(object, module)
    }

    @inline(__always)
    static func dump(_ value: Wrapped.Value?, _ module: PyRef) -> PyRef? {
        guard let value else { return swiftmod_new_none() }
        return Wrapped.dump(value, module)
    }
}

// MARK: - Tuples

/// Checks that `object` is a tuple of `count` items, holding a reference to it.
@inline(__always)
func loadTuple(_ object: PyRef, count: Int) throws(PyErrorSet) {
    guard swiftmod_is_tuple(object) != 0 else { throw instanceError("tuple", object) }
    let size = swiftmod_tuple_size(object)
    guard size == count else {
        throw raise(PyExc_ValueError, "expected tuple of length \(count), but got tuple of length \(size)")
    }
}

/// Converts item `index` of a tuple already checked by `loadTuple`.
@inline(__always)
func loadItem<C: PyCodec>(_ codec: C.Type, _ object: PyRef, _ index: Int, _ module: PyRef) throws(PyErrorSet) -> C.Value {
    do { return try C.load(swiftmod_tuple_item(object, index)!, module) } catch {
        swiftmod_prefix_error_index(index)
        throw error
    }
}

/// Builds a tuple from new references, or returns nil (releasing them) if any is nil.
func makeTuple(_ items: [PyRef?]) -> PyRef? {
    guard items.allSatisfy({ $0 != nil }), let tuple = PyTuple_New(items.count) else {
        for case let item? in items { swiftmod_decref(item) }
        return nil
    }
    for (index, item) in items.enumerated() { swiftmod_tuple_set(tuple, index, item!) }
    return tuple
}

// The exact pass of a union (docs/design/python-shapes.md#unions): the container's own Python types.
extension SMArray {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_list_or_tuple(object) != 0 }
}

extension SMDictionary {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_dict(object) != 0 }
}

extension SMSet {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_anyset(object) != 0 }
}

extension SMOptional {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool {
        object == swiftmod_none() || Wrapped.matchesExactly(object, module)
    }
}

"""#,
        #"glue/Numbers.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Numbers (docs/design/exported.md#type-mapping): the integer codecs, Double, Float and Bool.
@preconcurrency import SwiftmodShim

/// The value of an exact `int` that fits in `T` (the fast path of both integer codecs), or nil.
@inline(__always)
func loadExactInt<T: FixedWidthInteger>(_ object: PyRef) -> T? {
    guard swiftmod_is_exact_long(object) != 0 else { return nil }
    var overflow: Int32 = 0
    let wide = PyLong_AsLongLongAndOverflow(object, &overflow)
    return overflow == 0 ? T(exactly: wide) : nil
}

/// Signed integers: `int`, `bool` and objects with `__index__`; out of range → OverflowError.
enum SMSigned<T: FixedWidthInteger & SignedInteger>: PyCodec {
    static var checksCheaply: Bool { true }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> T? { loadExactInt(object) }

    @inline(__always)
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> T {
        if let value = loadDirect(object, module) { return value }
        var overflow: Int32 = 0
        let wide: Int64
        if swiftmod_is_exact_long(object) != 0 {
            wide = Int64(PyLong_AsLongLongAndOverflow(object, &overflow))
        } else {
            guard let index = PyNumber_Index(object) else { throw PyErrorSet() }
            wide = Int64(PyLong_AsLongLongAndOverflow(index, &overflow))
            swiftmod_decref(index)
        }
        if wide == -1, PyErr_Occurred() != nil { throw PyErrorSet() }
        guard overflow == 0, let value = T(exactly: wide) else {
            throw raise(PyExc_OverflowError, "int out of range for \(T.self) (\(T.min) to \(T.max))")
        }
        return value
    }

    @inline(__always)
    static func dump(_ value: T, _ module: PyRef) -> PyRef? { PyLong_FromLongLong(Int64(value)) }
}

/// Unsigned integers: as `SMSigned`, with negative values out of range.
enum SMUnsigned<T: FixedWidthInteger & UnsignedInteger>: PyCodec {
    static var checksCheaply: Bool { true }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> T? { loadExactInt(object) }

    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> T {
        if let value = loadDirect(object, module) { return value }
        var overflow: Int32 = 0
        var wide: UInt64 = 0
        var negative = false
        let integer: PyRef
        if swiftmod_is_exact_long(object) != 0 {
            integer = object
            swiftmod_incref(integer)
        } else {
            guard let index = PyNumber_Index(object) else { throw PyErrorSet() }
            integer = index
        }
        defer { swiftmod_decref(integer) }
        let signed = PyLong_AsLongLongAndOverflow(integer, &overflow)
        if signed == -1, PyErr_Occurred() != nil { throw PyErrorSet() }
        if overflow == 0 {
            negative = signed < 0
            wide = UInt64(truncatingIfNeeded: signed)
        } else if overflow > 0 {
            wide = PyLong_AsUnsignedLongLong(integer)
            if wide == UInt64.max, PyErr_Occurred() != nil {
                PyErr_Clear()
                overflow = 2
            } else {
                overflow = 0
            }
        }
        // CPython's own texts (PyLong_AsUnsignedLongLong) where they say it all.
        if negative || overflow < 0 { throw raise(PyExc_OverflowError, "can't convert negative int to unsigned") }
        guard overflow == 0, let value = T(exactly: wide) else {
            throw raise(PyExc_OverflowError, T.bitWidth == 64 ? "int too big to convert" : "int out of range for \(T.self) (0 to \(T.max))")
        }
        return value
    }

    @inline(__always)
    static func dump(_ value: T, _ module: PyRef) -> PyRef? { PyLong_FromUnsignedLongLong(UInt64(value)) }
}

/// `Double`: `float`, `int` and objects with `__float__` or `__index__`.
enum SMDouble: PyCodec {
    static var checksCheaply: Bool { true }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> Double? {
        swiftmod_is_exact_float(object) != 0 ? swiftmod_float_value(object) : nil
    }

    @inline(__always)
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_exact_float(object) != 0 }

    @inline(__always)
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Double {
        if let value = loadDirect(object, module) { return value }
        let value = PyFloat_AsDouble(object)
        if value == -1, PyErr_Occurred() != nil { throw PyErrorSet() }
        return value
    }

    @inline(__always)
    static func dump(_ value: Double, _ module: PyRef) -> PyRef? { PyFloat_FromDouble(value) }
}

/// `Float`: as `Double`; a finite value beyond `Float`'s range → OverflowError.
enum SMFloat: PyCodec {
    static var checksCheaply: Bool { true }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> Float? {
        guard let value = SMDouble.loadDirect(object, module),
            !value.isFinite || abs(value) <= Double(Float.greatestFiniteMagnitude)
        else { return nil }
        return Float(value)
    }

    @inline(__always)
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Float {
        let value = try SMDouble.load(object, module)
        if value.isFinite, abs(value) > Double(Float.greatestFiniteMagnitude) {
            throw raise(PyExc_OverflowError, "float \(value) out of range for Float")
        }
        return Float(value)
    }

    @inline(__always)
    static func dump(_ value: Float, _ module: PyRef) -> PyRef? { PyFloat_FromDouble(Double(value)) }
}

/// `Bool`: `True` and `False` only.
enum SMBool: PyCodec {
    static var checksCheaply: Bool { true }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> Bool? {
        object == swiftmod_true() ? true : object == swiftmod_false() ? false : nil
    }

    @inline(__always)
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Bool {
        if object == swiftmod_true() { return true }
        if object == swiftmod_false() { return false }
        throw typeError("bool", object)
    }

    @inline(__always)
    static func dump(_ value: Bool, _ module: PyRef) -> PyRef? { swiftmod_new_bool(value ? 1 : 0) }
}

// The exact pass of a union (docs/design/python-shapes.md#unions): each number codec's own Python type.
extension SMSigned {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_int_not_bool(object) != 0 }
}

extension SMUnsigned {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_int_not_bool(object) != 0 }
}

extension SMDouble {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_float(object) != 0 }
}

extension SMFloat {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_float(object) != 0 }
}

extension SMBool {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_bool(object) != 0 }
}

"""#,
        #"glue/Results.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Results (docs/design/results.md): lazy iterators over Swift
// sequences, and arrays that own a `ContiguousArray` and export its memory (swiftmod_results.c
// holds their C halves). The generated Glue.swift says where their types live in the module
// state (`swiftmodIteratorSlot`, `PyArrayElement.arraySlot`).
@preconcurrency import SwiftmodShim

// MARK: - Lazy iterators (docs/design/results.md#iterators)

/// The Swift side of one lazy iterator: a closure that advances the Swift iterator and converts
/// one element, specialized where the result is converted. The iterator itself lives in memory
/// the closure points to (not in a captured `var`), so advancing it costs no exclusivity check;
/// `running` in the object guards it instead.
final class PyLazyBox {
    /// A new reference; nil at the end (no exception set) or when a conversion failed.
    let next: () -> PyRef?
    private let free: () -> Void

    init(next: @escaping () -> PyRef?, free: @escaping () -> Void) {
        self.next = next
        self.free = free
    }

    deinit { free() }
}

/// What a lazy iterator object holds after its header.
struct PyLazyIterator {
    /// The retained `PyLazyBox`; nil once the Swift iterator has ended (it is released then).
    var box: UnsafeMutableRawPointer?
    /// Whether `__next__` is running: a conversion's finalizer or a callback may call it again.
    var running: Bool
}

enum PyLazyIteratorStorage {
    @inline(__always)
    static var offset: Int {
        let alignment = MemoryLayout<PyLazyIterator>.alignment
        return (pyObjectHeadSize + alignment - 1) / alignment * alignment
    }

    @inline(__always)
    static func pointer(_ object: PyRef) -> UnsafeMutablePointer<PyLazyIterator> {
        (UnsafeMutableRawPointer(object) + offset).assumingMemoryBound(to: PyLazyIterator.self)
    }

    /// A new iterator object of this module over `box` (consumed).
    static func make(_ box: PyLazyBox, _ module: PyRef) -> PyRef? {
        guard let object = swiftmod_object_new(swiftmod_state_slot(module, swiftmodIteratorSlot), offset + MemoryLayout<PyLazyIterator>.size) else { return nil }
        pointer(object).initialize(to: PyLazyIterator(box: Unmanaged.passRetained(box).toOpaque(), running: false))
        return object
    }
}

@_cdecl("swiftmod_iterator_size")
public func swiftmod_iterator_size() -> Int { PyLazyIteratorStorage.offset + MemoryLayout<PyLazyIterator>.size }

/// `tp_iternext`: the next element, or NULL without an exception at the end (no `StopIteration`
/// is created). The GIL stays held: the Swift iterator is not `Sendable`, and each element is
/// converted at once.
@_cdecl("swiftmod_iterator_next")
public func swiftmod_iterator_next(_ object: PyRef) -> PyRef? {
    let state = PyLazyIteratorStorage.pointer(object)
    guard let raw = state.pointee.box else { return nil }
    guard !state.pointee.running else {
        _ = raise(PyExc_RuntimeError, "cannot advance a Swift iterator while it is advancing (its next() was called again from inside it)")
        return nil
    }
    state.pointee.running = true
    let item = Unmanaged<PyLazyBox>.fromOpaque(raw)._withUnsafeGuaranteedRef { $0.next() }
    state.pointee.running = false
    if item == nil, PyErr_Occurred() == nil {
        // Ended: a Python iterator stays ended, and the Swift one is released now.
        state.pointee.box = nil
        Unmanaged<PyLazyBox>.fromOpaque(raw).release()
    }
    return item
}

@_cdecl("swiftmod_iterator_dealloc")
public func swiftmod_iterator_dealloc(_ object: PyRef) {
    if let raw = PyLazyIteratorStorage.pointer(object).pointee.box { Unmanaged<PyLazyBox>.fromOpaque(raw).release() }
    swiftmod_object_free(object)
}

/// `some IteratorProtocol<T>`, `AnyIterator<T>`: a lazy Python iterator that owns the Swift
/// iterator (a copy: iterators are values or, for `AnyIterator`, a reference nobody else uses).
enum SMLazyIterator<Element: PyCodec> {
    static func dump<I: IteratorProtocol>(_ iterator: consuming I, _ module: PyRef) -> PyRef? where I.Element == Element.Value {
        let storage = UnsafeMutablePointer<I>.allocate(capacity: 1)
        storage.initialize(to: iterator)
        let box = PyLazyBox(
            next: {
                guard let value = storage.pointee.next() else { return nil }
                return Element.dump(value, module)
            },
            free: {
                storage.deinitialize(count: 1)
                storage.deallocate()
            })
        return PyLazyIteratorStorage.make(box, module)
    }
}

/// `some Sequence<T>`, `AnySequence<T>`, `StrideTo<T>`, ...: a lazy Python iterator over the
/// sequence's own iterator (`makeIterator()` on the glue's copy of the sequence).
enum SMLazySequence<Element: PyCodec> {
    static func dump<S: Sequence>(_ sequence: consuming S, _ module: PyRef) -> PyRef? where S.Element == Element.Value {
        SMLazyIterator<Element>.dump(sequence.makeIterator(), module)
    }
}

// MARK: - Arrays (docs/design/results.md#arrays)

/// An element type of `ContiguousArray<T>` results: its array type's module-state slot (the
/// generated glue conforms each element type the module uses) and struct format code.
protocol PyArrayElement {
    static var arraySlot: Int { get }
    static var arrayFormat: CChar { get }
}

/// Owns an array whose memory a Python array object exports.
final class PyArrayOwner<T> {
    var array: ContiguousArray<T>
    init(_ array: consuming ContiguousArray<T>) { self.array = array }
}

@_cdecl("swiftmod_array_release")
public func swiftmod_array_release(_ owner: UnsafeMutableRawPointer) {
    Unmanaged<AnyObject>.fromOpaque(owner).release()
}

/// `ContiguousArray<T>`: out, an array object that owns the Swift array and exports its memory
/// through the buffer protocol (no copy); in, an array object of this module (a copy of its
/// items) or what `[T]` takes.
enum SMContiguousArray<Element: PyCodec>: PyCodec where Element.Value: PyArrayElement {
    typealias Value = ContiguousArray<Element.Value>

    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Value {
        if swiftmod_array_check(object, swiftmod_state_slot(module, Element.Value.arraySlot)) != 0 {
            let items = UnsafeBufferPointer(start: swiftmod_array_data(object)?.assumingMemoryBound(to: Element.Value.self), count: swiftmod_array_count(object))
            return ContiguousArray(items)
        }
        return ContiguousArray(try SMArray<Element>.load(object, module))
    }

    /// Takes the array: a returned array is usually the only reference to its storage, which
    /// then becomes the object's without a copy. A shared one is copied first (Python writes
    /// into the memory, and Swift's other copies must not see that).
    @inline(__always)
    static func dump(_ value: consuming Value, _ module: PyRef) -> PyRef? {
        let owner = PyArrayOwner(value)
        let (data, count) = owner.array.withUnsafeMutableBufferPointer { (UnsafeMutableRawPointer($0.baseAddress), $0.count) }
        let retained = Unmanaged.passRetained(owner as AnyObject).toOpaque()
        return swiftmod_array_new(
            swiftmod_state_slot(module, Element.Value.arraySlot), retained, data, count, MemoryLayout<Element.Value>.stride, Element.Value.arrayFormat)
    }
}

"""#,
        #"glue/Runtime.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. The fixed part of the Swift glue: the codec protocol that
// converts between Python objects and Swift values (docs/design/exported.md#type-mapping), and raising Python errors. The
// codecs (Numbers.swift, Text.swift, Containers.swift) are generic and live in the same module as
// the entry points, so the optimizer specializes them.
@preconcurrency import SwiftmodShim

public typealias PyRef = UnsafeMutablePointer<PyObject>

/// The size of the object header, where the fields of swiftmod's objects start
/// (`swiftmod_object_head_size`): a constant, except for abi3t, where `PyObject` is opaque and
/// the running CPython's header size is read at module execution (docs/design/interpreters.md#abi3t).
@inline(__always)
var pyObjectHeadSize: Int {
    #if SWIFTMOD_ABI3T
    swiftmod_object_head_size()
    #else
    MemoryLayout<PyObject>.size
    #endif
}

/// A Python exception has been set; the caller returns NULL to CPython.
struct PyErrorSet: Error {}

/// Converts one Swift type to and from Python objects.
protocol PyCodec {
    associatedtype Value
    /// Converts a borrowed object, or sets a Python exception and throws.
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Value
    /// The fast path of `load`: the value when `object` is of a type converted without running
    /// any Python code and without failing (an exact `int` in range, an exact `float`, a `str`,
    /// a `list` of such items, ...); otherwise nil, with no exception set, and `load` decides.
    /// Containers rely on it: while items convert directly, no Python code can change them.
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> Value?
    /// Whether `loadDirect` would give a value (a cheaper check where one exists).
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool
    /// A new reference, or nil with a Python exception set.
    static func dump(_ value: Value, _ module: PyRef) -> PyRef?
    /// Whether `canLoadDirect` costs about a type check (not a conversion): collections read in
    /// place check every item first only when this is so (docs/design/borrowed.md#collections), else convert up front.
    static var checksCheaply: Bool { get }
    /// True when `object` can certainly not convert, decided without setting an error (`bytes`
    /// for an object without a buffer). An overload whose first argument is rejected this way is
    /// skipped without raising and clearing an exception that the dispatcher would discard
    /// (about 1 µs: `update(list)` first tried as `update(bytes)`). False when unsure.
    static func surelyRejects(_ object: PyRef) -> Bool
    /// Whether a value points into the Python object it came from (`UnsafeRawBufferPointer`
    /// items): a borrowed collection then keeps every item alive until the call returns, and
    /// turns another iterable into a list it holds rather than converting item by item.
    static var borrowsItems: Bool { get }
    /// `loadDirect` for an element of a borrowed collection whose borrow is `validity`: a
    /// borrowed collection inside it (a list of lists) borrows within the same call.
    static func loadDirect(_ object: PyRef, _ module: PyRef, within validity: PyBorrowValidity) -> Value?
    /// Whether `object` is of the Python type this codec stands for, or of a subclass (`int`,
    /// not `bool`, for an integer; `list` or `tuple` for an array; the exported type for a user
    /// type): the exact pass of a union (docs/design/python-shapes.md#unions). False for codecs that have
    /// no such type; `load` may still convert the object.
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool
}

extension PyCodec {
    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> Value? { nil }

    @inline(__always)
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool { loadDirect(object, module) != nil }

    @inline(__always)
    static var checksCheaply: Bool { false }

    @inline(__always)
    static func surelyRejects(_ object: PyRef) -> Bool { false }

    @inline(__always)
    static var borrowsItems: Bool { false }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef, within validity: PyBorrowValidity) -> Value? {
        loadDirect(object, module)
    }

    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { false }
}

/// Sets `TypeError("expected <what>, got <type>")` and returns the error to throw.
@inline(never)
func typeError(_ what: StaticString, _ object: PyRef) -> PyErrorSet {
    swiftmod_type_error(UnsafeRawPointer(what.utf8Start).assumingMemoryBound(to: CChar.self), object)
    return PyErrorSet()
}

/// Sets `TypeError("'<type>' object is not an instance of '<expected>'")` and returns the error.
@inline(never)
func instanceError(_ expected: StaticString, _ object: PyRef) -> PyErrorSet {
    swiftmod_instance_error(UnsafeRawPointer(expected.utf8Start).assumingMemoryBound(to: CChar.self), object)
    return PyErrorSet()
}

/// Sets `type(message)` and returns the error to throw.
@inline(never)
func raise(_ type: PyRef?, _ message: String) -> PyErrorSet {
    var message = message
    message.withUTF8 { buffer in
        buffer.withMemoryRebound(to: CChar.self) { swiftmod_raise(type, $0.baseAddress, $0.count) }
    }
    return PyErrorSet()
}

// MARK: - The GIL (docs/design/gil.md; the policy and its slow paths are in swiftmod_shim.h)

/// Called with the GIL held once the arguments are converted; releases it when the policy says.
/// The fast path (an untimed call under `auto`, and `never`) is a few instructions, inlined
/// into the entry point; it is Swift because Swift marks every call in a `@_cdecl` entry point
/// `noinline`, so a C inline function stayed a call. Plain loads and stores: the same
/// instructions as the C side's relaxed atomics on x86-64 and ARM64 (a lost update between
/// interpreters with their own GIL only delays a policy change by a call).
@inline(__always)
func gilEnter(_ gil: UnsafeMutablePointer<swiftmod_gil_state>?) -> swiftmod_gil_token {
    let state = gil.unsafelyUnwrapped
    let mode = state.pointee.mode
    if mode == Swift::Int32(SWIFTMOD_GIL_AUTO_HOLD) {
        let countdown = state.pointee.countdown &- 1
        state.pointee.countdown = countdown
        if countdown > 0 { return swiftmod_gil_token(saved: nil, start: 0) }
    } else if mode == Swift::Int32(SWIFTMOD_GIL_NEVER) {
        return swiftmod_gil_token(saved: nil, start: 0)
    }
    return swiftmod_gil_enter_slow(state)
}

/// Called after the Swift call: an untimed call that held the GIL only checks whether another
/// thread waited for it meanwhile (CPython's drop request, SWIFTMOD_GIL_REQUEST); the rest
/// (re-acquiring a released GIL, timing) is `swiftmod_gil_exit_slow`.
@inline(__always)
func gilExit(_ gil: UnsafeMutablePointer<swiftmod_gil_state>?, _ token: swiftmod_gil_token) {
    guard token.start == 0, token.saved == nil else {
        swiftmod_gil_exit_slow(gil, token)
        return
    }
    let waited: Swift::Bool = switch SWIFTMOD_GIL_REQUEST {
    case 1: swiftmod_gil_drop_request.unsafelyUnwrapped.pointee != 0
    case 2: swiftmod_gil_waited() != 0
    default: false
    }
    if waited { swiftmod_gil_contended(gil) }
}

"""#,
        #"glue/Text.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Text and bytes (docs/design/exported.md#type-mapping): String and [UInt8].
@preconcurrency import SwiftmodShim

/// A String copied from UTF-8 that is known to be valid, without validating it again: the
/// standard library's own `String._uncheckedFromUTF8(_:isASCII:)`, which has no public spelling.
/// CPython guarantees the UTF-8 it hands out is valid (`PyUnicode_AsUTF8AndSize` refuses lone
/// surrogates), and validating it again cost about 0.7 ns a byte for non-ASCII text (measured:
/// 1000 × "é" took 1440 ns with `String(decoding:as:)`, 39 ns without). The symbol is part of the
/// stdlib's ABI (`@usableFromInline`); the glue is compiled and linked by one toolchain, so a
/// toolchain without it would fail at link time, never at run time.
@_silgen_name("$sSS18_uncheckedFromUTF8_7isASCIISSSRys5UInt8VG_SbtFZ")
func stringFromValidUTF8(_ utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String

/// A String of at most 15 bytes of valid UTF-8 built in place in the standard library's small
/// form, with no call into the runtime: the bytes in two little-endian words, and in the top
/// byte of the second one the discriminator (0xE0 ASCII, 0xA0 otherwise) and the count. That
/// form is frozen in Swift's ABI (`_SmallString` is `@frozen` and inlined into every client
/// binary) on 64-bit little-endian targets, where this is compiled; Examples/types' tests check
/// every length 0-20 against the standard library's own strings. Short tokens are the common case (`list[str]` of words, dictionary
/// keys): `_uncheckedFromUTF8` was 19% of the time of Examples/minhash's per-document loop (perf),
/// and the loop took about 20% less time with this.
@inline(__always)
func smallStringFromValidUTF8(_ base: UnsafeRawPointer, count: Int) -> String {
    #if (arch(x86_64) || arch(arm64)) && _endian(little)
    var low: UInt64 = 0
    var high: UInt64 = 0
    if count >= 8 {
        low = base.loadUnaligned(as: UInt64.self)
        if count > 8 {
            high = base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) &>> UInt64(truncatingIfNeeded: (16 &- count) &* 8)
        }
    } else if count >= 4 {
        let first = UInt64(base.loadUnaligned(as: UInt32.self))
        let last = UInt64(base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
        low = first | (last &<< UInt64(truncatingIfNeeded: (count &- 4) &* 8))
    } else if count > 0 {
        let first = UInt64(base.load(as: UInt8.self))
        let middle = UInt64(base.load(fromByteOffset: count &>> 1, as: UInt8.self))
        let last = UInt64(base.load(fromByteOffset: count &- 1, as: UInt8.self))
        low = first | (middle &<< UInt64(truncatingIfNeeded: (count &>> 1) &* 8)) | (last &<< UInt64(truncatingIfNeeded: (count &- 1) &* 8))
    }
    let isASCII = (low | high) & 0x8080_8080_8080_8080 == 0
    high |= ((isASCII ? 0xE0 : 0xA0) | UInt64(truncatingIfNeeded: count)) &<< 56
    return unsafeBitCast((low, high), to: String.self)
    #else
    return stringFromValidUTF8(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count), isASCII: false)
    #endif
}

/// A String copied from valid UTF-8: the small form for up to 15 bytes, else the standard
/// library's unvalidated copy.
@inline(__always)
func stringFromValidUTF8(_ base: UnsafeRawPointer, count: Int, isASCII: Bool) -> String {
    if count <= 15 { return smallStringFromValidUTF8(base, count: count) }
    return stringFromValidUTF8(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count), isASCII: isASCII)
}

/// `String`: `str` only, read from CPython's cached UTF-8; lone surrogates → UnicodeEncodeError.
enum SMString: PyCodec {
    static var checksCheaply: Bool { true }

    /// An ASCII `str`'s UTF-8 is its own data, and another `str` caches its UTF-8 in the object
    /// after the first conversion: the String is one copy of it, not validated again.
    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> String? {
        if swiftmod_is_compact_ascii(object) != 0 {
            return stringFromValidUTF8(swiftmod_ascii_data(object).unsafelyUnwrapped, count: swiftmod_ascii_size(object), isASCII: true)
        }
        guard swiftmod_is_unicode(object) != 0 else { return nil }
        var size = 0
        guard let utf8 = PyUnicode_AsUTF8AndSize(object, &size) else {
            PyErr_Clear()  // a lone surrogate: `load` raises it again, with its argument's name
            return nil
        }
        return stringFromValidUTF8(UnsafeRawPointer(utf8), count: size, isASCII: false)
    }

    @inline(__always)
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool {
        if swiftmod_is_compact_ascii(object) != 0 { return true }
        guard swiftmod_is_unicode(object) != 0 else { return false }
        var size = 0
        if PyUnicode_AsUTF8AndSize(object, &size) != nil { return true }  // cached for the read
        PyErr_Clear()
        return false
    }

    @inline(__always)
    static func surelyRejects(_ object: PyRef) -> Bool { swiftmod_is_unicode(object) == 0 }

    @inline(__always)
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> String {
        if let value = loadDirect(object, module) { return value }
        guard swiftmod_is_unicode(object) != 0 else { throw typeError("str", object) }
        var size = 0
        _ = PyUnicode_AsUTF8AndSize(object, &size)
        throw PyErrorSet()
    }

    @inline(__always)
    static func dump(_ value: String, _ module: PyRef) -> PyRef? {
        var value = value
        return value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                PyUnicode_FromStringAndSize($0.baseAddress, $0.count)
            }
        }
    }
}

/// `[UInt8]`: any C-contiguous buffer of unsigned bytes (`bytes`, `bytearray`, `memoryview`,
/// `array('B')`, a NumPy `uint8` array) in, `bytes` out; a buffer of wider or signed items
/// (`array('i')`, `array('b')`) or a strided one is a `TypeError` (`swiftmod_get_bytes_buffer`),
/// as for the bytes items of a borrowed collection (docs/design/borrowed.md).
enum SMBytes: PyCodec {
    static var checksCheaply: Bool { true }

    @inline(__always)
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_exact_bytes(object) != 0 }

    @inline(__always)
    static func surelyRejects(_ object: PyRef) -> Bool {
        #if SWIFTMOD_NO_BUFFER_API
        swiftmod_is_unicode(object) != 0
        #else
        PyObject_CheckBuffer(object) == 0
        #endif
    }

    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> [UInt8]? {
        guard swiftmod_is_exact_bytes(object) != 0 else { return nil }
        let count = swiftmod_bytes_size(object)
        return Array(UnsafeRawBufferPointer(start: swiftmod_bytes_data(object), count: count))
    }

    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> [UInt8] {
        if let value = loadDirect(object, module) { return value }
        guard swiftmod_is_unicode(object) == 0 else { throw typeError("a bytes-like object", object) }
        #if SWIFTMOD_NO_BUFFER_API
        // The buffer protocol joined the limited API in 3.11: an abi3 build for 3.10 copies
        // through a memoryview into a `bytes` object.
        guard let copy = swiftmod_bytes_from_buffer(object) else { throw PyErrorSet() }
        defer { swiftmod_decref(copy) }
        return Array(UnsafeRawBufferPointer(start: swiftmod_bytes_data(copy), count: swiftmod_bytes_size(copy)))
        #else
        var view = Py_buffer()
        guard swiftmod_get_bytes_buffer(object, &view, "a bytes-like object") == 0 else { throw PyErrorSet() }
        defer { PyBuffer_Release(&view) }
        guard let base = view.buf, view.len > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: view.len))
        #endif
    }

    static func dump(_ value: [UInt8], _ module: PyRef) -> PyRef? {
        value.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                PyBytes_FromStringAndSize($0.baseAddress, $0.count)
            }
        }
    }
}

// The exact pass of a union (docs/design/python-shapes.md#unions).
extension SMString {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_unicode(object) != 0 }
}

extension SMBytes {
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool { swiftmod_is_bytes_or_bytearray(object) != 0 }
}

"""#,
        #"glue/Types.swift.tmpl"#: #"""
// Generated by swiftmod; do not edit. Types (docs/design/types.md): Python objects that hold a Swift
// value (struct, enum with associated values) or reference (class) inline after the object
// header, and the shared parts of their slots.
@preconcurrency import SwiftmodShim

/// The codec of a Swift type exported as a Python type whose objects store the value in place:
/// `typeSlot` is its type object's slot in the module state.
protocol PyObjectStorage: PyCodec {
    /// The module-state slot of the type object whose instances (and subclasses') hold a `Value`.
    static var typeSlot: Int { get }
    /// The type's name, for "expected Point, got float".
    static var expected: StaticString { get }
    /// Whether an object may be empty: the codec of a non-final class, whose Python subclasses'
    /// objects hold no reference until their `__init__` calls the class's (docs/design/types.md#subclasses).
    static var mayBeEmpty: Bool { get }
}

/// The borrow state of an object (docs/design/objects.md#borrow-state), between the object header and the value: who is
/// using the value in place while Python code may run (a conversion's `__float__`, a callback,
/// a finalizer, another thread between bytecodes). Read and written with the GIL held.
struct PyBorrowState {
    /// 0: free; n > 0: n shared borrows (getters, non-mutating methods); -1: one exclusive
    /// borrow (a mutating method, a setter, a subscript setter).
    var count: Int
    /// What holds the borrow (`Samples.extend()`), for the error of a conflicting access.
    var holder: UnsafePointer<UInt8>?
}

extension PyObjectStorage {
    /// Where the value starts: after the object header and the borrow state, aligned for `Value`.
    @inline(__always)
    static var offset: Int {
        let alignment = Swift.max(MemoryLayout<Value>.alignment, MemoryLayout<PyBorrowState>.alignment)
        return (pyObjectHeadSize + MemoryLayout<PyBorrowState>.size + alignment - 1) / alignment * alignment
    }

    /// The object size (`tp_basicsize`).
    @inline(__always)
    static var size: Int { offset + MemoryLayout<Value>.size }

    /// The value inside `object`, which must be an instance of the type.
    @inline(__always)
    static func pointer(_ object: PyRef) -> UnsafeMutablePointer<Value> {
        (UnsafeMutableRawPointer(object) + offset).assumingMemoryBound(to: Value.self)
    }

    /// The borrow state inside `object`, right after its header.
    @inline(__always)
    static func borrowState(_ object: PyRef) -> UnsafeMutablePointer<PyBorrowState> {
        (UnsafeMutableRawPointer(object) + pyObjectHeadSize).assumingMemoryBound(to: PyBorrowState.self)
    }

    /// A new object of `type` holding `value`, with no borrow.
    @inline(__always)
    static func make(_ value: Value, type: PyRef?) -> PyRef? {
        guard let object = swiftmod_object_new(type, size) else { return nil }
        borrowState(object).initialize(to: PyBorrowState(count: 0, holder: nil))
        pointer(object).initialize(to: value)
        return object
    }

    /// Starts a shared borrow (`holder` reads the value in place while Python code may run), or
    /// raises `RuntimeError` naming `access` and the holder when a mutation is in progress.
    @inline(__always)
    static func beginShared(_ object: PyRef, _ access: StaticString, holder: StaticString) -> Bool {
        let state = borrowState(object)
        let count = state.pointee.count
        guard count >= 0 else { return borrowConflict(access, state.pointee.holder, changing: true) }
        if count == 0 { state.pointee.holder = holder.utf8Start }
        state.pointee.count = count + 1
        return true
    }

    @inline(__always)
    static func endShared(_ object: PyRef) { borrowState(object).pointee.count -= 1 }

    /// Starts an exclusive borrow (`holder` changes the value in place), or raises
    /// `RuntimeError` when anything else is using the value.
    @inline(__always)
    static func beginExclusive(_ object: PyRef, _ access: StaticString, holder: StaticString) -> Bool {
        let state = borrowState(object)
        let count = state.pointee.count
        guard count == 0 else { return borrowConflict(access, state.pointee.holder, changing: count < 0) }
        state.pointee = PyBorrowState(count: -1, holder: holder.utf8Start)
        return true
    }

    @inline(__always)
    static func endExclusive(_ object: PyRef) { borrowState(object).pointee.count = 0 }

    /// For a read that holds no borrow (it copies the value, or no Python code runs during it):
    /// false, with `RuntimeError` set, while a mutation is in progress.
    @inline(__always)
    static func checkReadable(_ object: PyRef, _ access: StaticString) -> Bool {
        let state = borrowState(object)
        guard state.pointee.count >= 0 else { return borrowConflict(access, state.pointee.holder, changing: true) }
        return true
    }

    /// For a write that holds no borrow (a plain-data store runs no code): false, with
    /// `RuntimeError` set, while anything uses the value.
    @inline(__always)
    static func checkWritable(_ object: PyRef, _ access: StaticString) -> Bool {
        let state = borrowState(object)
        let count = state.pointee.count
        guard count == 0 else { return borrowConflict(access, state.pointee.holder, changing: count < 0) }
        return true
    }

    /// Whether `object` holds its value: false only for an object of a Python subclass of a
    /// non-final class whose `__init__` has not (yet) run the class's initializer.
    @inline(__always)
    static func isFilled(_ object: PyRef) -> Bool {
        !mayBeEmpty || (UnsafeRawPointer(object) + offset).load(as: UInt.self) != 0
    }

    /// False, with `RuntimeError` set, for an empty object (`isFilled`): every entry point that
    /// reads a non-final class's reference checks it first.
    @inline(__always)
    static func checkFilled(_ object: PyRef) -> Bool {
        if isFilled(object) { return true }
        return swiftmod_not_initialized(object, UnsafeRawPointer(expected.utf8Start).assumingMemoryBound(to: CChar.self)) != 0
    }

    /// `tp_init`'s last step for a Python subclass's empty object (`swiftmod_subclass_init`):
    /// takes the class reference of `made`, the object the class's constructor just returned.
    /// -1 with `RuntimeError` if `object` was filled meanwhile (the constructor's conversions
    /// may run Python code, which may call `__init__` on it).
    @inline(__always)
    static func adopt(_ object: PyRef, _ made: PyRef) -> Int32 {
        if isFilled(object) { return swiftmod_init_again(object, UnsafeRawPointer(expected.utf8Start).assumingMemoryBound(to: CChar.self)) }
        pointer(object).initialize(to: pointer(made).pointee)
        return 0
    }

    @inline(__always)
    static func isInstance(_ object: PyRef, _ module: PyRef) -> Bool {
        swiftmod_is_instance(object, swiftmod_state_slot(module, typeSlot)) != 0
    }

    /// A copy of the value of an instance that no mutation is using; nil otherwise (`load` says why).
    @inline(__always)
    static func loadDirect(_ object: PyRef, _ module: PyRef) -> Value? {
        isInstance(object, module) && borrowState(object).pointee.count >= 0 && isFilled(object) ? pointer(object).pointee : nil
    }

    @inline(__always)
    static func canLoadDirect(_ object: PyRef, _ module: PyRef) -> Bool {
        isInstance(object, module) && borrowState(object).pointee.count >= 0 && isFilled(object)
    }

    @inline(__always)
    static func load(_ object: PyRef, _ module: PyRef) throws(PyErrorSet) -> Value {
        if let value = loadDirect(object, module) { return value }
        guard isInstance(object, module) else { throw instanceError(expected, object) }
        if checkFilled(object) { _ = checkReadable(object, "pass the object to a function") }
        throw PyErrorSet()
    }

    /// Ends the life of the value when Python frees the object (`deinit` runs for the last
    /// reference to a class instance; an empty object holds none).
    @inline(__always)
    static func destroy(_ object: PyRef) {
        if isFilled(object) { pointer(object).deinitialize(count: 1) }
    }
}

/// Raises the `RuntimeError` of docs/design/objects.md#borrow-state for an access that conflicts with a borrow in progress
/// (`cannot set Samples.values while Samples.extend() is changing the object`); false.
@inline(never)
func borrowConflict(_ access: StaticString, _ holder: UnsafePointer<UInt8>?, changing: Bool) -> Bool {
    let name = holder.map { String(cString: $0) } ?? "another access"
    _ = raise(PyExc_RuntimeError, "cannot \(access) while \(name) is \(changing ? "changing" : "reading") the object")
    return false
}

/// `True`/`False` for a comparison slot.
@inline(__always)
func comparisonResult(_ value: Bool) -> PyRef? { swiftmod_new_bool(value ? 1 : 0) }

/// `Name(a=1, b='x')` from the objects of the fields (new references, consumed; nil if a
/// field could not be converted).
func reprFields(_ name: String, _ names: [StaticString], _ values: [PyRef?]) -> PyRef? {
    defer { for case let value? in values { swiftmod_decref(value) } }
    var text = name + "("
    for (index, value) in values.enumerated() {
        guard let value, let repr = PyObject_Repr(value) else { return nil }
        defer { swiftmod_decref(repr) }
        var size = 0
        guard let utf8 = PyUnicode_AsUTF8AndSize(repr, &size) else { return nil }
        if index > 0 { text += ", " }
        text += names[index].description + "="
        text += String(decoding: UnsafeRawBufferPointer(start: utf8, count: size), as: UTF8.self)
    }
    return SMString.dump(text + ")", swiftmod_none())
}

/// Python's hash of a Swift hash value (-1 is reserved for errors).
@inline(__always)
func pythonHash(_ value: Int) -> Int { value == -1 ? -2 : value }

/// A list from new references, or nil (releasing them) if any is nil.
func makeList(_ items: [PyRef?]) -> PyRef? {
    guard items.allSatisfy({ $0 != nil }), let list = PyList_New(items.count) else {
        for case let item? in items { swiftmod_decref(item) }
        return nil
    }
    for (index, item) in items.enumerated() { swiftmod_list_set(list, index, item!) }
    return list
}

/// A key as a sequence position (docs/design/types.md): an `int` or an object with `__index__`.
enum SequenceIndex {
    case index(Int)
    /// Not an index: the next subscript may take it.
    case notAnIndex
    /// An exception is set: an index too large (`IndexError`, in CPython's words), or one
    /// that `__index__` raised.
    case failed
}

/// `key` as a sequence position; the key is converted before the object is touched (docs/design/objects.md#convert-first).
@inline(__always)
func sequenceIndex(_ key: PyRef, _ module: PyRef) -> SequenceIndex {
    do { return .index(try SMSigned<Int>.load(key, module)) } catch {
        if PyErr_ExceptionMatches(PyExc_OverflowError) != 0 {
            PyErr_Clear()
            _ = raise(PyExc_IndexError, "cannot fit 'int' into an index-sized integer")
            return .failed
        }
        guard PyErr_ExceptionMatches(PyExc_TypeError) != 0 else { return .failed }
        PyErr_Clear()
        return .notAnIndex
    }
}

extension PyObjectStorage {
    /// The exact pass of a union (docs/design/python-shapes.md#unions): an instance of the type or a subclass.
    @inline(__always)
    static func matchesExactly(_ object: PyRef, _ module: PyRef) -> Bool {
        swiftmod_is_instance(object, swiftmod_state_slot(module, typeSlot)) != 0
    }
}

// MARK: - Python overrides (docs/design/types.md#overrides)

/// The glue's Swift subclass of an open class (`_SwiftmodSub_<Name>`), whose objects Python
/// subclasses' `__init__` creates: each open method forwards Swift's calls to the Python
/// override when the Python type has one.
protocol PyOverriding: AnyObject {
    /// The Python object that owns this one (borrowed: the Python object holds the strong
    /// reference); nil before `__init__` finished and after the Python object was freed.
    var pyObject: PyRef? { get set }
    /// The open methods the Python type overrides (bit i for the i-th), read once at `__init__`.
    var overrides: UInt64 { get set }
    /// The overrides running on this object: a call of the same method meanwhile (the
    /// override's `super().method()`) is Swift's own implementation. Read and written with the GIL.
    var running: UInt64 { get set }
    /// The Python type's override table (`swiftmod_override_table`: the overridden methods'
    /// names, interned, at item 2 + i), held while `pyObject` is.
    var table: PyRef? { get set }
}

extension PyOverriding {
    /// At `__init__`: the Python object and its type's overrides among the open methods `names`
    /// of the exported class `base` (the type's table, made at its first object's `__init__`).
    func attach(_ object: PyRef, base: PyRef?, _ names: [StaticString]) {
        pyObject = object
        // `PyGILState_Ensure` takes the main interpreter's GIL: in a sub-interpreter Swift's
        // calls run Swift's own implementations (docs/design/types.md#overrides).
        guard swiftmod_in_main_interpreter() != 0 else { return }
        let pointers = names.map { Optional(UnsafeRawPointer($0.utf8Start).assumingMemoryBound(to: CChar.self)) }
        guard let table = swiftmod_override_table(swiftmod_type_of(object), base, pointers, pointers.count) else {
            PyErr_Clear()  // no overrides: Swift's own implementations
            return
        }
        self.table = table
        overrides = UInt64(PyLong_AsUnsignedLongLong(swiftmod_tuple_item(table, 1)))
    }

    /// When the Python object `object` is freed (the GIL held): Swift's later calls run Swift's
    /// own implementations.
    func detach(_ object: PyRef) {
        guard pyObject == object else { return }
        pyObject = nil
        overrides = 0
        if let table { swiftmod_decref(table) }
        table = nil
    }
}

/// Calls the Python override of an open method (`bit`, Python name `name`) on `object`'s Python
/// object with the arguments `fill` makes (new references, from the module), and converts its
/// result with `convert`. nil when Swift's own implementation must run instead: no override, a
/// call from the override itself, no interpreter, or a failure (the exception is kept for the
/// exported call that is running, docs/design/types.md#overrides). Takes the GIL when this thread lacks it.
@inline(never)
func callOverride<R>(
    _ object: some PyOverriding, index: Int, _ location: StaticString, count: Int,
    _ fill: (PyRef, UnsafeMutablePointer<PyRef?>) -> Void, _ convert: (PyRef, PyRef) throws(PyErrorSet) -> R
) -> R? {
    let bit: UInt64 = 1 << UInt64(index)
    guard object.overrides & bit != 0, swiftmod_can_call_python() != 0 else { return nil }
    let foreign = swiftmod_thread_is_python() == 0
    let token = swiftmod_gil_ensure()
    defer { swiftmod_gil_release(token) }
    // Read again with the GIL: the Python object may have been freed meanwhile.
    guard let owner = object.pyObject, object.running & bit == 0, let table = object.table, let name = swiftmod_tuple_item(table, 2 + index)
    else { return nil }
    object.running |= bit
    defer { object.running &= ~bit }
    let module = swiftmod_object_module(owner).unsafelyUnwrapped
    return withUnsafeTemporaryAllocation(of: PyRef?.self, capacity: count + 1) { buffer -> R? in
        // `self` first (borrowed), then the converted arguments (new references).
        let stack = buffer.baseAddress.unsafelyUnwrapped
        stack.initialize(to: owner)
        let arguments = stack + 1
        arguments.initialize(repeating: nil, count: count)
        fill(module, arguments)
        var complete = true
        for index in 0..<count where arguments[index] == nil { complete = false }
        let result = complete ? swiftmod_call_override(name, stack, count + 1) : nil
        for index in 0..<count {
            if let argument = arguments[index] { swiftmod_decref(argument) }
        }
        let where_ = UnsafeRawPointer(location.utf8Start).assumingMemoryBound(to: CChar.self)
        guard let result else {
            swiftmod_override_failed(where_, foreign ? 1 : 0)
            return nil
        }
        defer { swiftmod_decref(result) }
        do { return try convert(result, module) } catch {
            swiftmod_override_failed(where_, foreign ? 1 : 0)
            return nil
        }
    }
}

"""#,
        #"glue/swiftmod_async.c.tmpl"#: #"""
// Generated by swiftmod; do not edit. async functions (docs/design/async.md): the coroutine a call
// returns, the future it awaits, and the completion, queued for the loop's thread
// (`call_soon_threadsafe` once per batch) and kept away from an exiting interpreter.
#include "swiftmod_shim.h"

#include <pthread.h>

static int swiftmod_async_hook_exit(void);

// MARK: - The future

PyObject *swiftmod_async_future(const char *name, PyObject **loop_out) {
    if (!swiftmod_in_main_interpreter()) {
        PyErr_Format(PyExc_RuntimeError, "%s: async functions can be awaited only in the main interpreter", name);
        return NULL;
    }
    // `asyncio._get_running_loop`, looked up once: only the main interpreter gets here, and it
    // keeps the function for the life of the process.
    static PyObject *get_running_loop = NULL;
    if (get_running_loop == NULL) {
        PyObject *asyncio = PyImport_ImportModule("asyncio");
        if (asyncio == NULL) return NULL;
        get_running_loop = PyObject_GetAttrString(asyncio, "_get_running_loop");
        Py_DECREF(asyncio);
        if (get_running_loop == NULL) return NULL;
    }
    PyObject *loop = PyObject_CallNoArgs(get_running_loop);
    if (loop == NULL) return NULL;
    if (loop == Py_None) {
        Py_DECREF(loop);
        PyErr_Format(PyExc_RuntimeError,
                     "%s is async: call it in a coroutine running in an asyncio event loop (await it there), "
                     "not outside one (no running event loop)", name);
        return NULL;
    }
    PyObject *future = PyObject_CallMethod(loop, "create_future", NULL);
    if (future != NULL && swiftmod_async_hook_exit() < 0) Py_CLEAR(future);
    if (future == NULL) {
        Py_DECREF(loop);
        return NULL;
    }
    *loop_out = loop;
    return future;
}

// MARK: - The coroutine a call returns

/// `_swift_await(call)`, made once (main interpreter only, kept for the process's life): a
/// coroutine function that awaits `call()` (the future, with the Swift task started) and, when
/// the await ends in an exception (the awaiting task cancelled, the coroutine closed, or the
/// Swift error itself, when cancelling is a no-op), calls `call(None)` to cancel the Swift task. The call returns
/// one of its coroutines, so `asyncio.run(f())` and `create_task(f())` take it, and the Swift
/// task starts when the coroutine first runs.
static PyObject *swiftmod_async_coroutine_function(void) {
    static PyObject *function = NULL;
    if (function != NULL) return function;
    PyObject *globals = PyDict_New();
    PyObject *builtins = PyImport_ImportModule("builtins");
    PyObject *code = NULL, *result = NULL;
    if (globals != NULL && builtins != NULL && PyDict_SetItemString(globals, "__builtins__", builtins) == 0) {
        code = Py_CompileString(
            "async def _swift_await(call):\n"
            "    future = call()\n"
            "    try:\n"
            "        return await future\n"
            "    except BaseException:\n"
            "        call(None)\n"
            "        raise\n",
            "<swiftmod async>", Py_file_input);
        if (code != NULL) result = PyEval_EvalCode(code, globals, globals);
    }
    if (result != NULL) {
        function = PyDict_GetItemString(globals, "_swift_await");
        Py_XINCREF(function);
    }
    Py_XDECREF(result);
    Py_XDECREF(code);
    Py_XDECREF(builtins);
    Py_XDECREF(globals);
    return function;
}

typedef struct {
    void *box;
    PyObject *(*start)(void *, void **);
    void (*release)(void *);
    /// The started call (NULL until `start`): what `cancel` and `forget` take.
    void *running;
    void (*cancel)(void *);
    void (*forget)(void *);
} swiftmod_async_pending;

static void swiftmod_async_pending_free(PyObject *capsule) {
    swiftmod_async_pending *pending = (swiftmod_async_pending *)PyCapsule_GetPointer(capsule, "swiftmod.async.pending");
    if (pending == NULL) {
        PyErr_Clear();
        return;
    }
    pending->release(pending->box);
    if (pending->running != NULL) pending->forget(pending->running);
    PyMem_Free(pending);
}

/// `call()` in the coroutine: the future of the running loop, with the Swift task started;
/// `call(None)`: cancels that task.
static PyObject *swiftmod_async_call(PyObject *capsule, PyObject *const *args, Py_ssize_t nargs) {
    (void)args;
    swiftmod_async_pending *pending = (swiftmod_async_pending *)PyCapsule_GetPointer(capsule, "swiftmod.async.pending");
    if (pending == NULL) return NULL;
    if (nargs > 0) {
        if (pending->running != NULL) pending->cancel(pending->running);
        Py_RETURN_NONE;
    }
    if (pending->running != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the Swift task of this coroutine has started already");
        return NULL;
    }
    return pending->start(pending->box, &pending->running);
}

static PyMethodDef swiftmod_async_call_def = {"_swift_task", (PyCFunction)(void (*)(void))swiftmod_async_call, METH_FASTCALL, NULL};

PyObject *swiftmod_async_coroutine(const char *name, void *box, PyObject *(*start)(void *, void **), void (*release)(void *),
                                   void (*cancel)(void *), void (*forget)(void *)) {
    if (!swiftmod_in_main_interpreter()) {
        release(box);
        PyErr_Format(PyExc_RuntimeError, "%s: async functions can be awaited only in the main interpreter", name);
        return NULL;
    }
    PyObject *function = swiftmod_async_coroutine_function();
    swiftmod_async_pending *pending = function == NULL ? NULL : (swiftmod_async_pending *)PyMem_Malloc(sizeof(swiftmod_async_pending));
    if (pending == NULL) {
        release(box);
        if (!PyErr_Occurred()) PyErr_NoMemory();
        return NULL;
    }
    pending->box = box;
    pending->start = start;
    pending->release = release;
    pending->running = NULL;
    pending->cancel = cancel;
    pending->forget = forget;
    PyObject *capsule = PyCapsule_New(pending, "swiftmod.async.pending", swiftmod_async_pending_free);
    if (capsule == NULL) {
        release(box);
        PyMem_Free(pending);
        return NULL;
    }
    PyObject *call = PyCFunction_New(&swiftmod_async_call_def, capsule);
    Py_DECREF(capsule);
    if (call == NULL) return NULL;
    PyObject *coroutine = PyObject_CallFunctionObjArgs(function, call, NULL);
    Py_DECREF(call);
    return coroutine;
}

// MARK: - Completion and the interpreter's exit

// Completions between `swiftmod_async_begin` and `swiftmod_async_end`, and whether the
// interpreter is exiting: the atexit hook (registered at the first call) waits, with the GIL
// released, until none is in flight, and no completion starts after it. So a Swift task never
// takes the GIL while CPython finalizes (which would hang its thread or end it, by version).
static pthread_mutex_t swiftmod_async_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t swiftmod_async_idle = PTHREAD_COND_INITIALIZER;
static int swiftmod_async_in_flight = 0;
static int swiftmod_async_closing = 0;
static int swiftmod_async_hooked = 0;
static __thread PyGILState_STATE swiftmod_async_gil;

static PyObject *swiftmod_async_exit_hook(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&swiftmod_async_mutex);
    swiftmod_async_closing = 1;
    while (swiftmod_async_in_flight > 0) pthread_cond_wait(&swiftmod_async_idle, &swiftmod_async_mutex);
    pthread_mutex_unlock(&swiftmod_async_mutex);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyMethodDef swiftmod_async_exit_def = {"_swift_tasks_exit", swiftmod_async_exit_hook, METH_NOARGS, NULL};

/// With the GIL, before the first task starts: registers the exit hook (once per process: only
/// the main interpreter runs tasks).
static int swiftmod_async_hook_exit(void) {
    if (swiftmod_async_hooked) return 0;
    PyObject *atexit = PyImport_ImportModule("atexit");
    if (atexit == NULL) return -1;
    PyObject *hook = PyCFunction_New(&swiftmod_async_exit_def, NULL);
    PyObject *result = hook == NULL ? NULL : PyObject_CallMethod(atexit, "register", "O", hook);
    Py_XDECREF(hook);
    Py_DECREF(atexit);
    if (result == NULL) return -1;
    Py_DECREF(result);
    swiftmod_async_hooked = 1;
    return 0;
}

int swiftmod_async_begin(void) {
    pthread_mutex_lock(&swiftmod_async_mutex);
    int open = !swiftmod_async_closing && swiftmod_can_call_python();
    if (open) swiftmod_async_in_flight += 1;
    pthread_mutex_unlock(&swiftmod_async_mutex);
    if (!open) return 0;
    swiftmod_async_gil = PyGILState_Ensure();
    return 1;
}

void swiftmod_async_end(void) {
    PyGILState_Release(swiftmod_async_gil);
    pthread_mutex_lock(&swiftmod_async_mutex);
    swiftmod_async_in_flight -= 1;
    if (swiftmod_async_in_flight == 0) pthread_cond_broadcast(&swiftmod_async_idle);
    pthread_mutex_unlock(&swiftmod_async_mutex);
}

void swiftmod_async_lock(void) { pthread_mutex_lock(&swiftmod_async_mutex); }
void swiftmod_async_unlock(void) { pthread_mutex_unlock(&swiftmod_async_mutex); }

// MARK: - Delivery on the loop's thread

extern void swiftmod_async_drain(PyObject *loop);

/// The callback that `call_soon_threadsafe` schedules: settles every finished call of the loop.
static PyObject *swiftmod_async_drain_py(PyObject *self, PyObject *loop) {
    (void)self;
    swiftmod_async_drain(loop);
    Py_RETURN_NONE;
}

static PyMethodDef swiftmod_async_drain_def = {"_swift_tasks_settle", swiftmod_async_drain_py, METH_O, NULL};

int swiftmod_async_wake(PyObject *loop) {
    // Made once (main interpreter only, kept for the process's life).
    static PyObject *drain = NULL;
    if (drain == NULL) drain = PyCFunction_New(&swiftmod_async_drain_def, NULL);
    PyObject *result = drain == NULL ? NULL : PyObject_CallMethod(loop, "call_soon_threadsafe", "OO", drain, loop);
    if (result == NULL) {
        PyErr_Clear();
        return -1;
    }
    Py_DECREF(result);
    return 0;
}

void swiftmod_async_settle(PyObject *future, PyObject *value, int kind) {
    PyObject *payload = kind == 0 ? value : kind == 1 ? swiftmod_fetch_exception() : Py_NewRef(Py_None);
    if (payload == NULL) payload = Py_NewRef(Py_None);
    PyObject *done = PyObject_CallMethod(future, "done", NULL);
    int isDone = done == NULL ? -1 : PyObject_IsTrue(done);
    Py_XDECREF(done);
    PyObject *result = NULL;
    if (isDone == 0) {
        result = kind == 2 ? PyObject_CallMethod(future, "cancel", NULL)
                           : PyObject_CallMethod(future, kind == 0 ? "set_result" : "set_exception", "O", payload);
    }
    if (isDone < 0 || (isDone == 0 && result == NULL)) PyErr_WriteUnraisable(future);
    Py_XDECREF(result);
    Py_DECREF(payload);
}

// MARK: - Async iterators (docs/design/async.md#async-iterators)

// Two types, made once per process (only the main interpreter runs async code): the iterator a
// function returns, and the awaitable each `__anext__()` (and `aclose()`) returns, which behaves
// as a coroutine does (`send`, `throw`, `close`, `__await__`), so `async for`, `anext()`,
// `wait_for` and `create_task` take it.

extern PyObject *swiftmod_async_iterator_next(void *box, PyObject *module, PyObject **future);
extern void swiftmod_async_iterator_cancel(void *box);
extern void swiftmod_async_iterator_release(void *box);

/// What an iterator object holds after its header.
typedef struct {
    /// The retained Swift `PyAsyncIteration`; NULL once closed (cancelled and released).
    void *box;
    PyObject *module;
    /// Whether an `__anext__()` is waiting for an element: another one is a `RuntimeError`.
    int running;
    /// Whether a step is in the Swift iteration now (atomic: two threads of a free-threaded
    /// build stepping one iterator get a `RuntimeError`, not a data race).
    int busy;
} swiftmod_aiter_fields;

enum { SWIFTMOD_STEP_FRESH, SWIFTMOD_STEP_WAITING, SWIFTMOD_STEP_DONE };

/// What an awaitable of `__anext__()` / `aclose()` holds after its header.
typedef struct {
    PyObject *iterator;
    /// While waiting: the future the element arrives on, and its `__await__()` iterator.
    PyObject *future;
    PyObject *inner;
    int state;
    int closes;
} swiftmod_astep_fields;

#define SWIFTMOD_AITER(o) SWIFTMOD_OBJECT_DATA(swiftmod_aiter_fields, o)
#define SWIFTMOD_ASTEP(o) SWIFTMOD_OBJECT_DATA(swiftmod_astep_fields, o)

static PyObject *swiftmod_aiter_type = NULL;
static PyObject *swiftmod_astep_type = NULL;

void swiftmod_async_raise_cancelled(void) {
    PyObject *asyncio = PyImport_ImportModule("asyncio");
    PyObject *error = asyncio == NULL ? NULL : PyObject_GetAttrString(asyncio, "CancelledError");
    Py_XDECREF(asyncio);
    if (error == NULL) return;
    PyErr_SetNone(error);
    Py_DECREF(error);
}

/// Cancels the Swift iteration and releases it: no element is delivered any more, and later
/// steps raise `StopAsyncIteration`.
static void swiftmod_aiter_close(PyObject *iterator) {
    swiftmod_aiter_fields *it = SWIFTMOD_AITER(iterator);
    void *box = it->box;
    if (box == NULL) return;
    it->box = NULL;
    swiftmod_async_iterator_cancel(box);
    swiftmod_async_iterator_release(box);
}

static void swiftmod_aiter_dealloc(PyObject *self) {
    swiftmod_aiter_close(self);
    Py_CLEAR(SWIFTMOD_AITER(self)->module);
    swiftmod_object_free(self);
}

static PyObject *swiftmod_aiter_self(PyObject *self) { return Py_NewRef(self); }

static PyObject *swiftmod_astep_new(PyObject *iterator, int closes) {
    PyObject *step = swiftmod_object_new(swiftmod_astep_type, SWIFTMOD_OBJECT_SIZE(swiftmod_astep_fields));
    if (step == NULL) return NULL;
    swiftmod_astep_fields *s = SWIFTMOD_ASTEP(step);
    s->iterator = Py_NewRef(iterator);
    s->future = NULL;
    s->inner = NULL;
    s->state = SWIFTMOD_STEP_FRESH;
    s->closes = closes;
    return step;
}

static PyObject *swiftmod_aiter_anext(PyObject *self) { return swiftmod_astep_new(self, 0); }

static PyObject *swiftmod_aiter_aclose(PyObject *self, PyObject *unused) {
    (void)unused;
    return swiftmod_astep_new(self, 1);
}

/// Ends a step's wait: the iterator may be advanced again.
static void swiftmod_astep_finish(swiftmod_astep_fields *s) {
    if (s->state == SWIFTMOD_STEP_WAITING) SWIFTMOD_AITER(s->iterator)->running = 0;
    s->state = SWIFTMOD_STEP_DONE;
    Py_CLEAR(s->inner);
    Py_CLEAR(s->future);
}

/// Returns `value` (stolen) from the step: `StopIteration(value)`.
static PyObject *swiftmod_astep_return(PyObject *value) {
    // A value that is neither a tuple nor an exception is the exception's value as it is (no
    // StopIteration instance made here; 3.10 and 3.11 make none at all).
    if (!PyTuple_Check(value) && !PyExceptionInstance_Check(value)) {
        PyErr_SetObject(PyExc_StopIteration, value);
        Py_DECREF(value);
        return NULL;
    }
    PyObject *stop = PyObject_CallFunctionObjArgs(PyExc_StopIteration, value, NULL);
    Py_DECREF(value);
    if (stop != NULL) {
        PyErr_SetObject(PyExc_StopIteration, stop);
        Py_DECREF(stop);
    }
    return NULL;
}

/// `send(None)`, `__next__`: the first step takes an element now or starts waiting on a future
/// (yielding it to the task, as `await future` does); the next one returns what it got.
static PyObject *swiftmod_astep_next(PyObject *self) {
    swiftmod_astep_fields *s = SWIFTMOD_ASTEP(self);
    swiftmod_aiter_fields *it = SWIFTMOD_AITER(s->iterator);
    if (s->state == SWIFTMOD_STEP_WAITING) {
        PyObject *result = PyObject_CallMethod(s->inner, "__next__", NULL);
        if (result == NULL) swiftmod_astep_finish(s);
        return result;
    }
    if (s->state == SWIFTMOD_STEP_DONE) {
        PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/aclose()");
        return NULL;
    }
    s->state = SWIFTMOD_STEP_DONE;
    if (it->running) {
        PyErr_SetString(PyExc_RuntimeError, s->closes ? "aclose(): a Swift async iterator is already running (an __anext__() is awaiting its next element)"
                                                      : "anext(): a Swift async iterator is already running (another __anext__() is awaiting its next element); await one element at a time");
        return NULL;
    }
    if (__atomic_exchange_n(&it->busy, 1, __ATOMIC_ACQUIRE)) {
        PyErr_SetString(PyExc_RuntimeError, "a Swift async iterator is already running (another thread, or code run during its step, is advancing it)");
        return NULL;
    }
    if (s->closes) {
        swiftmod_aiter_close(s->iterator);
        __atomic_store_n(&it->busy, 0, __ATOMIC_RELEASE);
        return swiftmod_astep_return(Py_NewRef(Py_None));
    }
    if (it->box == NULL) {
        __atomic_store_n(&it->busy, 0, __ATOMIC_RELEASE);
        PyErr_SetNone(PyExc_StopAsyncIteration);
        return NULL;
    }
    PyObject *future = NULL;
    PyObject *value = swiftmod_async_iterator_next(it->box, it->module, &future);
    // Waiting is marked before another thread can step (a free-threaded build has no GIL between).
    if (future != NULL) it->running = 1;
    __atomic_store_n(&it->busy, 0, __ATOMIC_RELEASE);
    if (value != NULL) return swiftmod_astep_return(value);
    if (future == NULL) return NULL;
    s->future = future;
    s->state = SWIFTMOD_STEP_WAITING;
    s->inner = PyObject_CallMethod(future, "__await__", NULL);
    PyObject *yielded = s->inner == NULL ? NULL : PyObject_CallMethod(s->inner, "__next__", NULL);
    if (yielded == NULL) {
        swiftmod_aiter_close(s->iterator);
        swiftmod_astep_finish(s);
    }
    return yielded;
}

static PyObject *swiftmod_astep_send(PyObject *self, PyObject *value) {
    if (value != Py_None && SWIFTMOD_ASTEP(self)->state == SWIFTMOD_STEP_FRESH) {
        PyErr_SetString(PyExc_TypeError, "can't send non-None value to a just-started __anext__()");
        return NULL;
    }
    return swiftmod_astep_next(self);
}

/// A step that stops waiting because of an exception thrown in (the awaiting task cancelled,
/// the coroutine closed) cancels the Swift iteration, unless Swift settled the future itself
/// (an element's error, the end: the task throws what the future holds).
static void swiftmod_astep_abandon(swiftmod_astep_fields *s) {
    if (s->state != SWIFTMOD_STEP_WAITING) {
        s->state = SWIFTMOD_STEP_DONE;
        return;
    }
    int settled = 0;
    PyObject *done = PyObject_CallMethod(s->future, "done", NULL);
    PyObject *cancelled = done == NULL ? NULL : PyObject_CallMethod(s->future, "cancelled", NULL);
    if (done != NULL && cancelled != NULL) settled = PyObject_IsTrue(done) == 1 && PyObject_IsTrue(cancelled) == 0;
    Py_XDECREF(done);
    Py_XDECREF(cancelled);
    if (PyErr_Occurred()) PyErr_Clear();
    if (!settled) swiftmod_aiter_close(s->iterator);
    swiftmod_astep_finish(s);
}

/// `throw(exception)` / `throw(type, value, traceback)`: raises it, after abandoning the wait.
static PyObject *swiftmod_astep_throw(PyObject *self, PyObject *args) {
    PyObject *type, *value = NULL, *traceback = NULL;
    if (!PyArg_UnpackTuple(args, "throw", 1, 3, &type, &value, &traceback)) return NULL;
    PyObject *error = type;
    swiftmod_astep_abandon(SWIFTMOD_ASTEP(self));
    if (PyExceptionInstance_Check(error)) {
        PyErr_SetObject((PyObject *)Py_TYPE(error), error);
    } else if (PyExceptionClass_Check(error)) {
        PyErr_SetObject(error, value == Py_None ? NULL : value);
    } else {
        PyErr_SetString(PyExc_TypeError, "exceptions must be classes or instances deriving from BaseException");
    }
    if (traceback != NULL && traceback != Py_None && PyErr_Occurred()) {
        PyObject *raised = swiftmod_fetch_exception();
        if (raised != NULL) {
            PyException_SetTraceback(raised, traceback);
            PyErr_SetObject((PyObject *)Py_TYPE(raised), raised);
            Py_DECREF(raised);
        }
    }
    return NULL;
}

static PyObject *swiftmod_astep_close(PyObject *self, PyObject *unused) {
    (void)unused;
    swiftmod_astep_abandon(SWIFTMOD_ASTEP(self));
    Py_RETURN_NONE;
}

static void swiftmod_astep_dealloc(PyObject *self) {
    swiftmod_astep_fields *s = SWIFTMOD_ASTEP(self);
    // A wait dropped unfinished (its task destroyed): the Swift iteration is cancelled.
    if (s->state == SWIFTMOD_STEP_WAITING) swiftmod_aiter_close(s->iterator);
    swiftmod_astep_finish(s);
    Py_CLEAR(s->iterator);
    swiftmod_object_free(self);
}

static PyMethodDef swiftmod_aiter_methods[] = {
    {"aclose", swiftmod_aiter_aclose, METH_NOARGS, "Cancels the Swift task that iterates the sequence; later steps raise StopAsyncIteration."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef swiftmod_astep_methods[] = {
    {"send", swiftmod_astep_send, METH_O, NULL},
    {"throw", swiftmod_astep_throw, METH_VARARGS, NULL},
    {"close", swiftmod_astep_close, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/// Makes the two types (once; the main interpreter only).
static int swiftmod_async_iterator_types(void) {
    if (swiftmod_astep_type != NULL) return 0;
    PyType_Slot iterator_slots[] = {
        {Py_am_aiter, (void *)swiftmod_aiter_self},
        {Py_am_anext, (void *)swiftmod_aiter_anext},
        {Py_tp_methods, (void *)swiftmod_aiter_methods},
        {Py_tp_dealloc, (void *)swiftmod_aiter_dealloc},
        {Py_tp_doc, (void *)"An async iterator over a Swift AsyncSequence: a Swift task iterates it without the GIL, and each "
                             "__anext__() takes the next element on the event loop's thread. Dropping it or aclose() cancels that task."},
        {0, NULL},
    };
    PyType_Spec iterator_spec = {"swiftmod.AsyncIterator", (int)SWIFTMOD_OBJECT_SIZE(swiftmod_aiter_fields), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, iterator_slots};
    PyType_Slot step_slots[] = {
        {Py_am_await, (void *)swiftmod_aiter_self},
        {Py_tp_iter, (void *)swiftmod_aiter_self},
        {Py_tp_iternext, (void *)swiftmod_astep_next},
        {Py_tp_methods, (void *)swiftmod_astep_methods},
        {Py_tp_dealloc, (void *)swiftmod_astep_dealloc},
        {Py_tp_doc, (void *)"The awaitable of a Swift async iterator's __anext__() or aclose()."},
        {0, NULL},
    };
    PyType_Spec step_spec = {"swiftmod.AsyncIteratorStep", (int)SWIFTMOD_OBJECT_SIZE(swiftmod_astep_fields), 0,
                             Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, step_slots};
    swiftmod_aiter_type = PyType_FromSpec(&iterator_spec);
    if (swiftmod_aiter_type == NULL) return -1;
    swiftmod_astep_type = PyType_FromSpec(&step_spec);
    if (swiftmod_astep_type == NULL) {
        Py_CLEAR(swiftmod_aiter_type);
        return -1;
    }
    return 0;
}

PyObject *swiftmod_async_iterator_new(PyObject *module, void *box) {
    if (!swiftmod_in_main_interpreter()) {
        swiftmod_async_iterator_release(box);
        PyErr_SetString(PyExc_RuntimeError, "Swift async iterators can be used only in the main interpreter");
        return NULL;
    }
    PyObject *object = swiftmod_async_iterator_types() < 0 ? NULL : swiftmod_object_new(swiftmod_aiter_type, SWIFTMOD_OBJECT_SIZE(swiftmod_aiter_fields));
    if (object == NULL) {
        swiftmod_async_iterator_release(box);
        return NULL;
    }
    swiftmod_aiter_fields *it = SWIFTMOD_AITER(object);
    it->box = box;
    it->module = Py_NewRef(module);
    it->running = 0;
    it->busy = 0;
    return object;
}

"""#,
        #"glue/swiftmod_gil.h.tmpl"#: #"""
// Generated by swiftmod; do not edit. The GIL policy of each Swift call (docs/design/gil.md): the
// state per function, the timing that decides `auto`, and where CPython keeps its drop request.
// Part of swiftmod_shim.h, which includes it; it includes that header in turn, so that either
// compiles first.
#ifndef SWIFTMOD_GIL_H
#define SWIFTMOD_GIL_H
#include "swiftmod_shim.h"

#include <time.h>

/// How a function treats the GIL: `auto` holds it, timing its first two calls and then one call
/// in SWIFTMOD_GIL_SAMPLE_PERIOD (and every call after a long one), until two timed calls in a
/// row take SWIFTMOD_GIL_LONG_NS or more; then it releases it, timing every call, until two in
/// a row are short again. Short calls thus pay a counter decrement, not a clock read.
///
/// Sampling alone can miss long calls for dozens of calls after a history of short ones, and
/// those are the calls during which other threads wait. So every untimed call also reads
/// CPython's own GIL drop request on return (swiftmod_gil_waited): it is set by a thread that
/// has waited a switch interval (`sys.getswitchinterval()`, 5 ms) for the GIL, and cleared when
/// the GIL changes hands. Set when the Swift call returns, the call held the GIL while another
/// thread waited: it counts as a timed long call, and the next call is timed, so the GIL is
/// released from the second call after it at the latest. The read is one load and a branch.
/// abi3 builds cannot see the request (it is not part of the limited API): sampling only.
enum { SWIFTMOD_GIL_AUTO_HOLD = 0, SWIFTMOD_GIL_AUTO_RELEASE = 1, SWIFTMOD_GIL_ALWAYS = 2, SWIFTMOD_GIL_NEVER = 3 };
#define SWIFTMOD_GIL_LONG_NS 50000
#define SWIFTMOD_GIL_SAMPLE_PERIOD 64

/// One function's GIL policy. It is shared by every interpreter that loads the module (it
/// describes the function, not the interpreter), and interpreters with their own GIL (3.12+) may
/// run it at once: each field is read and written with relaxed atomic loads and stores, which
/// are plain moves on x86-64 and ARM64. A lost update only delays a policy change by a call.
typedef struct {
    int mode;
    int countdown;  // calls until the next timed one (auto, holding)
    int streak;     // timed calls in a row that point the other way
    int timed;      // timed calls so far, up to 2
} swiftmod_gil_state;

#define SWIFTMOD_GET(field) __atomic_load_n(&(field), __ATOMIC_RELAXED)
#define SWIFTMOD_SET(field, value) __atomic_store_n(&(field), (value), __ATOMIC_RELAXED)

/// What `gilEnter` did (Runtime.swift), for `gilExit`.
typedef struct {
    PyThreadState *saved;  // non-NULL when the GIL was released
    long long start;       // nanoseconds, or 0 when the call is not timed
} swiftmod_gil_token;

static inline long long swiftmod_now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec + 1;
}

/// Called at module execution: finds where the running CPython keeps its GIL drop request
/// (swiftmod_runtime.c; a no-op where it cannot be read).
void swiftmod_gil_watch(void);

/// Where the calling thread learns that another one waits for the GIL (SWIFTMOD_GIL_REQUEST):
/// 0 nowhere (abi3, free-threaded builds), 1 at `*swiftmod_gil_drop_request` (3.10–3.12),
/// 2 from `swiftmod_gil_waited()` (3.13+). Swift reads the constant, so the glue's fast path
/// (Runtime.swift, `gilExit`) compiles to the one read the running version needs.
///
/// 3.10–3.12: the request is an int in the interpreter's `struct _ceval_state`
/// (`gil_drop_request`, Include/internal/pycore_interp.h, 3.12 pycore_ceval_state.h), set on
/// the waiting thread's interpreter. swiftmod_gil_watch points this at the main interpreter's
/// (which lives as long as the process) once its layout checks out; until then, or in a
/// layout that does not, and in other versions, at a zero.
__attribute__((visibility("hidden"))) extern int *swiftmod_gil_drop_request;
#if defined(Py_LIMITED_API) || defined(Py_GIL_DISABLED)
#define SWIFTMOD_GIL_REQUEST 0
static inline int swiftmod_gil_waited(void) { return 0; }
#elif PY_VERSION_HEX >= 0x030D0000
#define SWIFTMOD_GIL_REQUEST 2
/// 3.13+: a thread that waited sets _PY_GIL_DROP_REQUEST_BIT (bit 0, Include/internal/
/// pycore_ceval.h) in the holder's `PyThreadState.eval_breaker` (a public field); while the
/// Swift call held the GIL, the holder is the calling thread.
#define SWIFTMOD_GIL_DROP_REQUEST_BIT ((uintptr_t)1)
static inline int swiftmod_gil_waited(void) {
    PyThreadState *tstate = PyThreadState_GetUnchecked();
    return (__atomic_load_n(&tstate->eval_breaker, __ATOMIC_RELAXED) & SWIFTMOD_GIL_DROP_REQUEST_BIT) != 0;
}
#else
#define SWIFTMOD_GIL_REQUEST 1
static inline int swiftmod_gil_waited(void) {
    return __atomic_load_n(__atomic_load_n(&swiftmod_gil_drop_request, __ATOMIC_RELAXED), __ATOMIC_RELAXED) != 0;
}
#endif

/// The slow path of an untimed call that returned while another thread waited for the GIL:
/// the call counts as a timed long one (two in a row switch to releasing), and the next call
/// is timed.
static void swiftmod_gil_contended(swiftmod_gil_state *state) __attribute__((noinline, cold, unused));
static void swiftmod_gil_contended(swiftmod_gil_state *state) {
    if (SWIFTMOD_GET(state->mode) != SWIFTMOD_GIL_AUTO_HOLD) return;
    const int streak = SWIFTMOD_GET(state->streak);
    SWIFTMOD_SET(state->countdown, 1);
    if (streak + 1 >= 2) {
        SWIFTMOD_SET(state->mode, SWIFTMOD_GIL_AUTO_RELEASE);
        SWIFTMOD_SET(state->streak, 0);
    } else {
        SWIFTMOD_SET(state->streak, streak + 1);
    }
}

/// `gilEnter` past its fast path (the countdown, already decremented, has run out; or the
/// function is not holding the GIL under `auto`).
static swiftmod_gil_token swiftmod_gil_enter_slow(swiftmod_gil_state *state) __attribute__((noinline, unused));
static swiftmod_gil_token swiftmod_gil_enter_slow(swiftmod_gil_state *state) {
    swiftmod_gil_token token = {NULL, 0};
    switch (SWIFTMOD_GET(state->mode)) {
    case SWIFTMOD_GIL_AUTO_HOLD:
        token.start = swiftmod_now_ns();
        return token;
    case SWIFTMOD_GIL_AUTO_RELEASE:
        token.start = swiftmod_now_ns();
        token.saved = PyEval_SaveThread();
        return token;
    case SWIFTMOD_GIL_ALWAYS:
        token.saved = PyEval_SaveThread();
        return token;
    default:
        return token;
    }
}

/// `gilExit` of a timed call or one that released the GIL: re-acquires it if it was released
/// (before anything touches a Python object), then updates the policy from the call's duration.
static void swiftmod_gil_exit_slow(swiftmod_gil_state *state, swiftmod_gil_token token) __attribute__((noinline, unused));
static void swiftmod_gil_exit_slow(swiftmod_gil_state *state, swiftmod_gil_token token) {
    if (token.start == 0) {
        if (token.saved != NULL) PyEval_RestoreThread(token.saved);
        return;
    }
    // The duration excludes waiting for the GIL.
    const int long_call = swiftmod_now_ns() - token.start >= SWIFTMOD_GIL_LONG_NS;
    if (token.saved != NULL) PyEval_RestoreThread(token.saved);
    const int mode = SWIFTMOD_GET(state->mode);
    const int streak = SWIFTMOD_GET(state->streak);
    const int timed = SWIFTMOD_GET(state->timed);
    if (mode == SWIFTMOD_GIL_AUTO_HOLD) {
        if (long_call) {
            SWIFTMOD_SET(state->countdown, 1);  // time the next call too
            if (streak + 1 >= 2) {
                SWIFTMOD_SET(state->mode, SWIFTMOD_GIL_AUTO_RELEASE);
                SWIFTMOD_SET(state->streak, 0);
            } else {
                SWIFTMOD_SET(state->streak, streak + 1);
            }
        } else {
            SWIFTMOD_SET(state->countdown, timed < 2 ? 1 : SWIFTMOD_GIL_SAMPLE_PERIOD);
            SWIFTMOD_SET(state->streak, 0);
        }
        if (timed < 2) SWIFTMOD_SET(state->timed, timed + 1);
    } else if (mode == SWIFTMOD_GIL_AUTO_RELEASE) {
        if (!long_call) {
            if (streak + 1 >= 2) {
                SWIFTMOD_SET(state->mode, SWIFTMOD_GIL_AUTO_HOLD);
                SWIFTMOD_SET(state->streak, 0);
                SWIFTMOD_SET(state->countdown, SWIFTMOD_GIL_SAMPLE_PERIOD);
            } else {
                SWIFTMOD_SET(state->streak, streak + 1);
            }
        } else {
            SWIFTMOD_SET(state->streak, 0);
        }
    }
}

// The fast paths, an untimed call under `auto` (and `never`), are Swift (Runtime.swift: `gilEnter`,
// `gilExit`), not C inline functions: Swift marks every call in a `@_cdecl` entry point
// `noinline`, so a C fast path stayed two calls per Swift call (a Sendable struct's `norm()`
// cost 1.72 × C, docs/design/performance.md). The fields are then read and written with plain loads and stores,
// the same instructions as the relaxed atomics above on x86-64 and ARM64.

#endif

"""#,
        #"glue/swiftmod_results.c.tmpl"#: #"""
// Generated by swiftmod; do not edit. The result types (docs/design/results.md): lazy iterators
// (their `__next__` is Swift, Iterators.swift) and arrays that own a Swift `ContiguousArray`
// and export its memory through the buffer protocol.
#include "swiftmod_results.h"

#include <string.h>

// MARK: - Lazy iterators

extern PyObject *swiftmod_iterator_next(PyObject *self);
extern void swiftmod_iterator_dealloc(PyObject *self);

PyObject *swiftmod_iterator_type(PyObject *module, const char *name, Py_ssize_t basicsize) {
    PyType_Slot slots[] = {
        {Py_tp_iter, (void *)PyObject_SelfIter},
        {Py_tp_iternext, (void *)swiftmod_iterator_next},
        {Py_tp_dealloc, (void *)swiftmod_iterator_dealloc},
        {Py_tp_doc, (void *)"A lazy iterator over a Swift sequence: each next() advances the Swift iterator and converts one element."},
        {0, NULL},
    };
    PyType_Spec spec = {name, (int)basicsize, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, slots};
    return PyType_FromModuleAndSpec(module, &spec, NULL);
}

// MARK: - Arrays

/// What an array object holds after its header (SWIFTMOD_OBJECT_DATA): the items of a
/// `ContiguousArray` that `owner` (a retained Swift box) keeps alive; nothing can resize it from
/// Python, so `data` and `count` never change.
typedef struct {
    void *owner;
    char *data;
    Py_ssize_t count;
    Py_ssize_t itemsize;
    char format[2];
} swiftmod_array_fields;

#define SWIFTMOD_ARRAY(o) SWIFTMOD_OBJECT_DATA(swiftmod_array_fields, o)

/// Releases the Swift box (Iterators.swift).
extern void swiftmod_array_release(void *owner);

int swiftmod_array_check(PyObject *o, PyObject *type) { return (PyObject *)Py_TYPE(o) == type; }
void *swiftmod_array_data(PyObject *o) { return SWIFTMOD_ARRAY(o)->data; }
Py_ssize_t swiftmod_array_count(PyObject *o) { return SWIFTMOD_ARRAY(o)->count; }

PyObject *swiftmod_array_new(PyObject *type, void *owner, void *data, Py_ssize_t count, Py_ssize_t itemsize, char format) {
    static char empty[16];
    PyObject *object = swiftmod_object_new(type, SWIFTMOD_OBJECT_SIZE(swiftmod_array_fields));
    if (object == NULL) {
        swiftmod_array_release(owner);
        return NULL;
    }
    swiftmod_array_fields *a = SWIFTMOD_ARRAY(object);
    a->owner = owner;
    // An empty array's storage may have no address: a buffer still needs one.
    a->data = data != NULL ? (char *)data : empty;
    a->count = count;
    a->itemsize = itemsize;
    a->format[0] = format;
    a->format[1] = 0;
    return object;
}

// Everything below needs the buffer protocol (an abi3 build for 3.10 has no array types).
#if SWIFTMOD_HAS_ARRAYS
static void swiftmod_array_dealloc(PyObject *self) {
    swiftmod_array_release(SWIFTMOD_ARRAY(self)->owner);
    swiftmod_object_free(self);
}

static Py_ssize_t swiftmod_array_length(PyObject *self) { return SWIFTMOD_ARRAY(self)->count; }

/// Item `i` (in range) as a Python object.
static PyObject *swiftmod_array_item_at(swiftmod_array_fields *a, Py_ssize_t i) {
    const char *p = a->data + i * a->itemsize;
    switch (a->format[0]) {
    case 'd': { double v; memcpy(&v, p, sizeof v); return PyFloat_FromDouble(v); }
    case 'f': { float v; memcpy(&v, p, sizeof v); return PyFloat_FromDouble((double)v); }
    case 'b': { int8_t v; memcpy(&v, p, sizeof v); return PyLong_FromLong(v); }
    case 'B': { uint8_t v; memcpy(&v, p, sizeof v); return PyLong_FromLong(v); }
    case 'h': { int16_t v; memcpy(&v, p, sizeof v); return PyLong_FromLong(v); }
    case 'H': { uint16_t v; memcpy(&v, p, sizeof v); return PyLong_FromLong(v); }
    case 'i': { int32_t v; memcpy(&v, p, sizeof v); return PyLong_FromLong(v); }
    case 'I': { uint32_t v; memcpy(&v, p, sizeof v); return PyLong_FromUnsignedLong(v); }
    case 'q': { int64_t v; memcpy(&v, p, sizeof v); return PyLong_FromLongLong(v); }
    default: { uint64_t v; memcpy(&v, p, sizeof v); return PyLong_FromUnsignedLongLong(v); }
    }
}

/// `sq_item`: CPython has added the length to a negative index already.
static PyObject *swiftmod_array_item(PyObject *self, Py_ssize_t i) {
    swiftmod_array_fields *a = SWIFTMOD_ARRAY(self);
    if (i < 0 || i >= a->count) {
        PyErr_SetString(PyExc_IndexError, "array index out of range");
        return NULL;
    }
    return swiftmod_array_item_at(a, i);
}

static PyObject *swiftmod_array_tolist(PyObject *self, PyObject *unused) {
    (void)unused;
    swiftmod_array_fields *a = SWIFTMOD_ARRAY(self);
    PyObject *list = PyList_New(a->count);
    if (list == NULL) return NULL;
    for (Py_ssize_t i = 0; i < a->count; i++) {
        PyObject *item = swiftmod_array_item_at(a, i);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SetItem(list, i, item);
    }
    return list;
}

static PyObject *swiftmod_array_iter(PyObject *self) { return PySeqIter_New(self); }

/// The type's own name (`DoubleArray`).
static PyObject *swiftmod_array_type_name(PyObject *self) {
#if defined(Py_LIMITED_API) || PY_VERSION_HEX >= 0x030B0000
    return PyType_GetName(Py_TYPE(self));
#else
    const char *name = Py_TYPE(self)->tp_name;
    const char *dot = strrchr(name, '.');
    return PyUnicode_FromString(dot != NULL ? dot + 1 : name);
#endif
}

/// `DoubleArray([1.0, 2.0, 3.0])`; past 10 items the first and last three around `...`, as NumPy does.
static PyObject *swiftmod_array_repr(PyObject *self) {
    swiftmod_array_fields *a = SWIFTMOD_ARRAY(self);
    const int abridged = a->count > 10;
    PyObject *parts = PyList_New(0);
    if (parts == NULL) return NULL;
    for (Py_ssize_t i = 0; i < a->count; i++) {
        if (abridged && i == 3) {
            PyObject *dots = PyUnicode_FromString("...");
            const int failed = dots == NULL || PyList_Append(parts, dots) < 0;
            Py_XDECREF(dots);
            if (failed) {
                Py_DECREF(parts);
                return NULL;
            }
            i = a->count - 4;
            continue;
        }
        PyObject *item = swiftmod_array_item_at(a, i);
        PyObject *text = item != NULL ? PyObject_Repr(item) : NULL;
        Py_XDECREF(item);
        if (text == NULL || PyList_Append(parts, text) < 0) {
            Py_XDECREF(text);
            Py_DECREF(parts);
            return NULL;
        }
        Py_DECREF(text);
    }
    PyObject *separator = PyUnicode_FromString(", ");
    PyObject *joined = separator != NULL ? PyUnicode_Join(separator, parts) : NULL;
    Py_XDECREF(separator);
    Py_DECREF(parts);
    PyObject *name = joined != NULL ? swiftmod_array_type_name(self) : NULL;
    PyObject *result = name != NULL ? PyUnicode_FromFormat("%U([%U])", name, joined) : NULL;
    Py_XDECREF(name);
    Py_XDECREF(joined);
    return result;
}

/// The buffer protocol: the Swift array's own memory, 1-D, C-contiguous, writable. The view
/// holds a reference to the array object (`view->obj`), so the memory lives as long as any view.
static int swiftmod_array_getbuffer(PyObject *self, Py_buffer *view, int flags) {
    swiftmod_array_fields *a = SWIFTMOD_ARRAY(self);
    view->buf = a->data;
    view->obj = Py_NewRef(self);
    view->len = a->count * a->itemsize;
    view->readonly = 0;
    view->itemsize = a->itemsize;
    view->format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? a->format : NULL;
    view->ndim = 1;
    view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &a->count : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &a->itemsize : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

static PyMethodDef swiftmod_array_methods[] = {
    {"tolist", swiftmod_array_tolist, METH_NOARGS, "tolist($self, /)\n--\n\nThe items as a list of Python numbers."},
    {NULL, NULL, 0, NULL},
};
#endif

PyObject *swiftmod_array_type(PyObject *module, const char *name, const char *doc) {
#if SWIFTMOD_HAS_ARRAYS
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)swiftmod_array_dealloc},
        {Py_tp_doc, (void *)doc},
        {Py_sq_length, (void *)swiftmod_array_length},
        {Py_sq_item, (void *)swiftmod_array_item},
        {Py_tp_iter, (void *)swiftmod_array_iter},
        {Py_tp_repr, (void *)swiftmod_array_repr},
        {Py_tp_methods, (void *)swiftmod_array_methods},
        {Py_bf_getbuffer, (void *)swiftmod_array_getbuffer},
        {0, NULL},
    };
    PyType_Spec spec = {name, (int)SWIFTMOD_OBJECT_SIZE(swiftmod_array_fields), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, slots};
    return PyType_FromModuleAndSpec(module, &spec, NULL);
#else
    (void)module;
    (void)doc;
    PyErr_Format(PyExc_SystemError, "%s: ContiguousArray results need the buffer protocol, which the limited API has only from 3.11", name);
    return NULL;
#endif
}

"""#,
        #"glue/swiftmod_results.h.tmpl"#: #"""
// Generated by swiftmod; do not edit. The result types (docs/design/results.md): the lazy iterator
// type and the array types of `ContiguousArray<T>` results.
#ifndef SWIFTMOD_RESULTS_H
#define SWIFTMOD_RESULTS_H
#include "swiftmod_shim.h"

/// A new heap type `name` (`mod.iterator`) for the lazy iterators of the module: objects of
/// `basicsize` bytes whose `__next__` is the Swift `swiftmod_iterator_next`.
PyObject *swiftmod_iterator_type(PyObject *module, const char *name, Py_ssize_t basicsize);

/// Whether the buffer protocol is there to export arrays (the limited API has it from 3.11).
#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030B0000
#define SWIFTMOD_HAS_ARRAYS 1
#else
#define SWIFTMOD_HAS_ARRAYS 0
#endif

/// A new heap type `name` (`mod.DoubleArray`) for `ContiguousArray<T>` results, documented by `doc`.
PyObject *swiftmod_array_type(PyObject *module, const char *name, const char *doc);

/// A new array object of `type` over `count` items of `itemsize` bytes at `data`, in struct
/// format `format`, owned by the retained Swift object `owner` (released when the object and
/// its last buffer view go: `swiftmod_array_release`). On failure, releases `owner` and returns
/// NULL with MemoryError.
PyObject *swiftmod_array_new(PyObject *type, void *owner, void *data, Py_ssize_t count, Py_ssize_t itemsize, char format);

/// Whether `o` is an array object of exactly `type` (of this module).
int swiftmod_array_check(PyObject *o, PyObject *type);

/// An array object's items and their count.
void *swiftmod_array_data(PyObject *o);
Py_ssize_t swiftmod_array_count(PyObject *o);

#endif

"""#,
        #"glue/swiftmod_runtime.c.tmpl"#: #"""
// Generated by swiftmod; do not edit. Argument parsing and error helpers for the glue.
#include "swiftmod_shim.h"

#include <stdint.h>
#include <string.h>

/// Whether the keyword `key` (a str) is `name`. Keyword names are ASCII identifiers, and
/// CPython's own are compact ASCII strings: compared in place, without a call per name (the
/// library call and its `strlen` were a fifth of `Vec2(x=1.0, y=2.0)`). Other strings, and the
/// limited API, take `PyUnicode_CompareWithASCIIString`.
static inline int swiftmod_keyword_is(PyObject *key, const char *name) {
#ifndef Py_LIMITED_API
    if (PyUnicode_CheckExact(key) && PyUnicode_IS_COMPACT_ASCII(key)) {
        const char *text = (const char *)PyUnicode_DATA(key);
        const Py_ssize_t length = PyUnicode_GET_LENGTH(key);
        for (Py_ssize_t i = 0; i < length; i++) {
            if (text[i] != name[i]) return 0;  // also stops at the end of a shorter name
        }
        return name[length] == '\0';
    }
#endif
    return PyUnicode_CompareWithASCIIString(key, name) == 0;
}

// MARK: - How much C stack is left (docs/design/python-shapes.md#unions)

/// This thread's stack end (its lowest address) and the lowest address a nested conversion
/// may reach: the end plus an eighth of the stack's size (16 KB to 256 KB). A floor of 0: not
/// yet known; 1: unknown, so never low (CPython's own limit still applies). Only a frame
/// between the two is low: one on another stack (a coroutine library's) is not judged.
static _Thread_local uintptr_t swiftmod_stack_end;
static _Thread_local uintptr_t swiftmod_stack_floor;

int swiftmod_stack_is_low(void) {
    const uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (swiftmod_stack_floor == 0) {
        swiftmod_stack_floor = 1;
#if defined(__linux__)
        pthread_attr_t attributes;
        if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
            void *end = NULL;
            size_t size = 0;
            if (pthread_attr_getstack(&attributes, &end, &size) == 0 && size > 0) {
                size_t margin = size / 8;
                if (margin > 256 * 1024) margin = 256 * 1024;
                if (margin < 16 * 1024) margin = 16 * 1024;
                swiftmod_stack_end = (uintptr_t)end;
                swiftmod_stack_floor = (uintptr_t)end + margin;
            }
            pthread_attr_destroy(&attributes);
        }
#endif
    }
    return here >= swiftmod_stack_end && here < swiftmod_stack_floor;
}

static int swiftmod_keyword_index(const swiftmod_argspec *spec, PyObject *key, int from) {
    for (int i = from; i < spec->nparams; i++) {
        if (swiftmod_keyword_is(key, spec->keywords[i])) return i;
    }
    return -1;
}

/// `swiftmod_parse_args` for a signature with `*args` at `star`: the positional arguments from
/// there on become a new tuple in its slot, and the parameters after it are keyword-only.
static int swiftmod_parse_star_args(const swiftmod_argspec *spec, int star, PyObject *const *args, Py_ssize_t nargs,
                                    PyObject *kwnames, PyObject **slots) {
    const int n = spec->nparams;
    for (int i = 0; i < n; i++) slots[i] = i < star && i < nargs ? args[i] : NULL;
    if (kwnames != NULL) {
        const Py_ssize_t nkw = swiftmod_tuple_size(kwnames);
        for (Py_ssize_t k = 0; k < nkw; k++) {
            PyObject *key = swiftmod_tuple_item(kwnames, k);
            int index = swiftmod_keyword_index(spec, key, spec->nposonly);
            if (index < 0 || index == star) {
                if (index < 0 && swiftmod_keyword_index(spec, key, 0) >= 0) {
                    PyErr_Format(PyExc_TypeError,
                                 "%.200s() got some positional-only arguments passed as keyword arguments: '%U'",
                                 spec->name, key);
                } else {
                    PyErr_Format(PyExc_TypeError, "%.200s() got an unexpected keyword argument '%U'", spec->name, key);
                }
                return -1;
            }
            if (slots[index] != NULL) {
                PyErr_Format(PyExc_TypeError, "argument for %.200s() given by name ('%s') and position (%d)",
                             spec->name, spec->keywords[index], index + 1);
                return -1;
            }
            slots[index] = args[nargs + k];
        }
    }
    for (int i = 0; i < spec->nrequired; i++) {
        if (i == star || slots[i] != NULL) continue;
        if (i > star) {
            PyErr_Format(PyExc_TypeError, "%.200s() missing required keyword-only argument '%s'", spec->name,
                         spec->keywords[i]);
        } else {
            PyErr_Format(PyExc_TypeError, "%.200s() missing required argument '%s' (pos %d)", spec->name,
                         spec->keywords[i], i + 1);
        }
        return -1;
    }
    const Py_ssize_t extra = nargs > star ? nargs - star : 0;
    PyObject *rest = PyTuple_New(extra);
    if (rest == NULL) return -1;
    for (Py_ssize_t k = 0; k < extra; k++) {
        Py_INCREF(args[star + k]);
        PyTuple_SetItem(rest, k, args[star + k]);
    }
    slots[star] = rest;
    return 0;
}

int swiftmod_parse_args(const swiftmod_argspec *spec, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames, PyObject **slots) {
    const int n = spec->nparams;
    const int star = spec->star - 1;
    if (star >= 0) return swiftmod_parse_star_args(spec, star, args, nargs, kwnames, slots);
    if (nargs > n) {
        if (n == 0) {
            PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments (%zd given)", spec->name, nargs);
        } else {
            PyErr_Format(PyExc_TypeError, "%.200s() takes %s %d positional argument%s (%zd given)",
                         spec->name, spec->nrequired < n ? "at most" : "exactly", n,
                         n == 1 ? "" : "s", nargs);
        }
        return -1;
    }
    for (int i = 0; i < n; i++) slots[i] = i < nargs ? args[i] : NULL;
    if (kwnames != NULL) {
        const Py_ssize_t nkw = swiftmod_tuple_size(kwnames);
        for (Py_ssize_t k = 0; k < nkw; k++) {
            PyObject *key = swiftmod_tuple_item(kwnames, k);
            int index = swiftmod_keyword_index(spec, key, spec->nposonly);
            if (index < 0) {
                if (swiftmod_keyword_index(spec, key, 0) >= 0) {
                    PyErr_Format(PyExc_TypeError,
                                 "%.200s() got some positional-only arguments passed as keyword arguments: '%U'",
                                 spec->name, key);
                } else {
                    PyErr_Format(PyExc_TypeError, "%.200s() got an unexpected keyword argument '%U'",
                                 spec->name, key);
                }
                return -1;
            }
            if (slots[index] != NULL) {
                PyErr_Format(PyExc_TypeError, "argument for %.200s() given by name ('%s') and position (%d)",
                             spec->name, spec->keywords[index], index + 1);
                return -1;
            }
            slots[index] = args[nargs + k];
        }
    }
    for (int i = 0; i < spec->nrequired; i++) {
        if (slots[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%.200s() missing required argument '%s' (pos %d)",
                         spec->name, spec->keywords[i], i + 1);
            return -1;
        }
    }
    return 0;
}

void swiftmod_prefix_error(const char *prefix) {
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    if (type == NULL) return;
    PyErr_NormalizeException(&type, &value, &traceback);
    if (type == PyExc_TypeError || type == PyExc_OverflowError || type == PyExc_ValueError || type == PyExc_BufferError) {
        PyObject *message = PyObject_Str(value);
        if (message != NULL) {
            PyErr_Format(type, "%s: %U", prefix, message);
            Py_DECREF(message);
            Py_XDECREF(type); Py_XDECREF(value); Py_XDECREF(traceback);
            return;
        }
        PyErr_Clear();
    } else if (type == PyExc_UnicodeEncodeError) {
        PyObject *encoding = PyObject_GetAttrString(value, "encoding");
        PyObject *object = PyObject_GetAttrString(value, "object");
        PyObject *reason = PyObject_GetAttrString(value, "reason");
        Py_ssize_t start = 0, end = 0;
        if (encoding && object && reason && PyUnicodeEncodeError_GetStart(value, &start) == 0 &&
            PyUnicodeEncodeError_GetEnd(value, &end) == 0) {
            PyObject *prefixed = PyUnicode_FromFormat("%s: %U", prefix, reason);
            PyObject *error = prefixed ? PyObject_CallFunction(PyExc_UnicodeEncodeError, "OOnnO", encoding,
                                                                object, start, end, prefixed) : NULL;
            Py_XDECREF(prefixed);
            if (error != NULL) {
                PyErr_SetObject(PyExc_UnicodeEncodeError, error);
                Py_DECREF(error);
                Py_XDECREF(encoding); Py_XDECREF(object); Py_XDECREF(reason);
                Py_XDECREF(type); Py_XDECREF(value); Py_XDECREF(traceback);
                return;
            }
        }
        Py_XDECREF(encoding); Py_XDECREF(object); Py_XDECREF(reason);
        PyErr_Clear();
    }
    PyErr_Restore(type, value, traceback);
}

void swiftmod_prefix_error_index(Py_ssize_t index) {
    char prefix[48];
    PyOS_snprintf(prefix, sizeof prefix, "item %zd", index);
    swiftmod_prefix_error(prefix);
}

#ifdef Py_TARGET_ABI3T
Py_ssize_t swiftmod_head_size;

int swiftmod_head_size_init(void) {
    PyObject *size = PyObject_GetAttrString((PyObject *)&PyBaseObject_Type, "__basicsize__");
    if (size == NULL) return -1;
    const Py_ssize_t base = PyLong_AsSsize_t(size);
    Py_DECREF(size);
    if (base <= 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "swiftmod: object.__basicsize__ is not positive");
        return -1;
    }
    const Py_ssize_t alignment = (Py_ssize_t)_Alignof(max_align_t);
    __atomic_store_n(&swiftmod_head_size, (base + alignment - 1) / alignment * alignment, __ATOMIC_RELAXED);
    return 0;
}
#else
int swiftmod_head_size_init(void) { return 0; }
#endif

void swiftmod_type_error(const char *what, PyObject *obj) {
#ifdef Py_LIMITED_API
    // `tp_name` is not readable through the limited API: ask the type for its name.
    PyObject *name = PyObject_GetAttrString((PyObject *)Py_TYPE(obj), "__name__");
    if (name == NULL) return;
    PyErr_Format(PyExc_TypeError, "expected %s, got %U", what, name);
    Py_DECREF(name);
#else
    PyErr_Format(PyExc_TypeError, "expected %s, got %.200s", what, Py_TYPE(obj)->tp_name);
#endif
}

void swiftmod_instance_error(const char *expected, PyObject *obj) {
#ifdef Py_LIMITED_API
    PyObject *name = PyObject_GetAttrString((PyObject *)Py_TYPE(obj), "__name__");
    if (name == NULL) return;
    PyErr_Format(PyExc_TypeError, "'%U' object is not an instance of '%s'", name, expected);
    Py_DECREF(name);
#else
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not an instance of '%s'", Py_TYPE(obj)->tp_name, expected);
#endif
}

#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030B0000
int swiftmod_get_buffer(PyObject *o, Py_buffer *view, const char *formats, Py_ssize_t itemsize,
                        Py_ssize_t alignment, int writable, const char *expected) {
    if (PyUnicode_Check(o) || !PyObject_CheckBuffer(o)) {
        if (formats == NULL) {
            swiftmod_type_error(expected, o);
        } else {
            char what[96];
            PyOS_snprintf(what, sizeof what, "a buffer of %s (format '%c')", expected, formats[0]);
            swiftmod_type_error(what, o);
        }
        return -1;
    }
    if (PyObject_GetBuffer(o, view, PyBUF_RECORDS_RO | (writable ? PyBUF_WRITABLE : 0)) < 0) {
        // Exporters refuse a writable request differently (bytes: BufferError, NumPy:
        // ValueError): one BufferError that says what a MutableSpan needs.
        if (writable && (PyErr_ExceptionMatches(PyExc_BufferError) || PyErr_ExceptionMatches(PyExc_ValueError))) {
            PyErr_Clear();
            PyErr_SetString(PyExc_BufferError, "the buffer is read-only; a MutableSpan parameter needs a writable buffer (bytearray, array.array, a writable NumPy array)");
        }
        return -1;
    }
    if (!PyBuffer_IsContiguous(view, 'C')) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_BufferError, "the buffer is not C-contiguous");
        return -1;
    }
    if (formats != NULL) {
        const char *written = view->format != NULL ? view->format : "B";
        const char *format = written;
        if (*format == '@' || *format == '=' || *format == '<') format++;
        if (format[0] == '\0' || format[1] != '\0' || strchr(formats, format[0]) == NULL || view->itemsize != itemsize) {
            PyErr_Format(PyExc_TypeError, "expected a buffer of %s (format '%c'), got format '%s'", expected, formats[0], written);
            PyBuffer_Release(view);
            return -1;
        }
        if (view->len > 0 && ((uintptr_t)view->buf) % (uintptr_t)alignment != 0) {
            PyErr_Format(PyExc_BufferError, "the buffer's items are not aligned for %s", expected);
            PyBuffer_Release(view);
            return -1;
        }
    }
    return 0;
}
#endif

/// The one check of `swiftmod_get_bytes_buffer` and `swiftmod_bytes_from_buffer`: 0 when a
/// buffer of `itemsize`-byte items in `format` (NULL: unsigned bytes) is C-contiguous unsigned
/// bytes, else -1 with the TypeError saying which of the three it is not.
static int swiftmod_check_bytes_shape(PyObject *o, Py_ssize_t itemsize, const char *written, int contiguous, const char *expected) {
    if (written == NULL) written = "B";
    const char *format = written;
    if (*format == '@' || *format == '=' || *format == '<' || *format == '>' || *format == '!') format++;
    char what[160];
    if (itemsize != 1) {
        PyOS_snprintf(what, sizeof what, "%s of 1-byte items, not %zd-byte items (format '%.20s')", expected, itemsize, written);
    } else if (format[0] == '\0' || format[1] != '\0' || (format[0] != 'B' && format[0] != 'c')) {
        PyOS_snprintf(what, sizeof what, "%s of unsigned bytes (format 'B'), not format '%.20s'", expected, written);
    } else if (!contiguous) {
        PyOS_snprintf(what, sizeof what, "%s that is C-contiguous", expected);
    } else {
        return 0;
    }
    swiftmod_type_error(what, o);
    return -1;
}

#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030B0000
int swiftmod_get_bytes_buffer(PyObject *o, Py_buffer *view, const char *expected) {
    if (PyUnicode_Check(o) || !PyObject_CheckBuffer(o)) {
        swiftmod_type_error(expected, o);
        return -1;
    }
    if (PyObject_GetBuffer(o, view, PyBUF_RECORDS_RO) < 0) return -1;
    if (swiftmod_check_bytes_shape(o, view->itemsize, view->format, PyBuffer_IsContiguous(view, 'C'), expected) < 0) {
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}
#endif

PyObject *swiftmod_bytes_from_buffer(PyObject *o) {
    PyObject *view = PyMemoryView_FromObject(o);
    if (view == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            swiftmod_type_error("a bytes-like object", o);
        }
        return NULL;
    }
    // What swiftmod_get_bytes_buffer checks, through the memoryview's attributes.
    PyObject *itemsize = PyObject_GetAttrString(view, "itemsize");
    PyObject *format = itemsize != NULL ? PyObject_GetAttrString(view, "format") : NULL;
    PyObject *contiguous = format != NULL ? PyObject_GetAttrString(view, "c_contiguous") : NULL;
    const Py_ssize_t size = itemsize != NULL ? PyLong_AsSsize_t(itemsize) : -1;
    const char *written = format != NULL ? PyUnicode_AsUTF8AndSize(format, NULL) : NULL;  // limited API from 3.10
    PyObject *bytes = NULL;
    if (contiguous != NULL && written != NULL && size != -1 &&
        swiftmod_check_bytes_shape(o, size, written, PyObject_IsTrue(contiguous) == 1, "a bytes-like object") == 0) {
        bytes = PyBytes_FromObject(view);
    }
    Py_XDECREF(contiguous);
    Py_XDECREF(format);
    Py_XDECREF(itemsize);
    Py_DECREF(view);
    return bytes;
}

int swiftmod_python_minor(void) {
    const char *version = Py_GetVersion();  // "3.12.1 (main, ...)"
    int minor = 0;
    while (*version >= '0' && *version <= '9') version++;
    if (*version == '.') version++;
    while (*version >= '0' && *version <= '9') minor = minor * 10 + (*version++ - '0');
    return minor;
}

void swiftmod_raise(PyObject *type, const char *message, Py_ssize_t length) {
    PyObject *text = PyUnicode_DecodeUTF8(message, length, "replace");
    if (text == NULL) return;
    PyErr_SetObject(type, text);
    Py_DECREF(text);
}

void swiftmod_raise_case(PyObject *type, const char *message, Py_ssize_t length, const char *case_name) {
    PyObject *text = PyUnicode_DecodeUTF8(message, length, "replace");
    if (text == NULL) return;
    PyObject *error = PyObject_CallFunctionObjArgs(type, text, NULL);
    Py_DECREF(text);
    if (error == NULL) return;
    if (swiftmod_set_attribute(error, "case", PyUnicode_FromString(case_name)) == 0) PyErr_SetObject(type, error);
    Py_DECREF(error);
}

// MARK: - Types (docs/design/types.md)

// MARK: Python subclasses of exported classes (docs/design/types.md#subclasses)

/// `type`'s `tp_base` (a borrowed reference), or NULL.
static PyObject *swiftmod_type_base(PyObject *type) {
#ifndef Py_LIMITED_API
    return (PyObject *)((PyTypeObject *)type)->tp_base;
#else
    return (PyObject *)PyType_GetSlot((PyTypeObject *)type, Py_tp_base);
#endif
}

/// The nearest type in `type`'s `tp_base` chain (itself included) that this extension created,
/// with its module in `*module`; NULL if none. The chain of a Python subclass holds the type
/// whose layout its objects extend (CPython's "solid base"), so a mixin never hides it.
static PyObject *swiftmod_exported_base(PyObject *type, PyObject **module) {
#ifdef Py_LIMITED_API
    PyObject *pending = swiftmod_fetch_exception();
#endif
    PyObject *found = NULL;
    *module = NULL;
    for (PyObject *t = type; t != NULL; t = swiftmod_type_base(t)) {
#ifndef Py_LIMITED_API
        if (!PyType_HasFeature((PyTypeObject *)t, Py_TPFLAGS_HEAPTYPE)) break;
        *module = ((PyHeapTypeObject *)t)->ht_module;
#else
        *module = PyType_GetModule((PyTypeObject *)t);
        if (*module == NULL) PyErr_Clear();
#endif
        if (*module != NULL) {
            found = t;
            break;
        }
    }
#ifdef Py_LIMITED_API
    if (pending != NULL) swiftmod_restore_exception(pending);
#endif
    return found;
}

PyObject *swiftmod_base_module(PyObject *type) {
    PyObject *module;
    swiftmod_exported_base(type, &module);
    return module;
}

PyObject *swiftmod_subclass_new(PyObject *type) {
#ifndef Py_LIMITED_API
    allocfunc alloc = ((PyTypeObject *)type)->tp_alloc;
#else
    allocfunc alloc = (allocfunc)PyType_GetSlot((PyTypeObject *)type, Py_tp_alloc);
#endif
    return alloc((PyTypeObject *)type, 0);
}

/// `type.__qualname__` for messages, or NULL with an exception set.
static PyObject *swiftmod_qualname(PyObject *type) { return PyObject_GetAttrString(type, "__qualname__"); }

int swiftmod_subclass_init(PyObject *self, PyObject *args, PyObject *kwargs, Py_ssize_t slot, swiftmod_vectorcallfunc construct,
                           int (*adopt)(PyObject *self, PyObject *made)) {
    PyObject *module;
    PyObject *exported = swiftmod_exported_base(swiftmod_type_of(self), &module);
    if (exported == NULL) {
        PyErr_SetString(PyExc_SystemError, "swiftmod: an object of a type this extension did not create");
        return -1;
    }
    PyObject *type = swiftmod_state_slot(module, slot);
    if (exported != type) {
        // `Shape.__init__` on an object whose Swift part must be a `Circle`.
        PyObject *name = swiftmod_qualname(type), *own = swiftmod_qualname(exported), *subclass = swiftmod_qualname(swiftmod_type_of(self));
        if (name != NULL && own != NULL && subclass != NULL)
            PyErr_Format(PyExc_TypeError, "%U.__init__() cannot initialize a %U object: it is a %U, whose __init__ must create it", name, subclass, own);
        Py_XDECREF(name);
        Py_XDECREF(own);
        Py_XDECREF(subclass);
        return -1;
    }
    // The constructor gets the subclass: it makes an object of the exported type holding, for a
    // class with open methods, the glue's Swift subclass (docs/design/types.md#overrides).
    PyObject *made = swiftmod_call_classic(swiftmod_type_of(self), args, kwargs, construct);
    if (made == NULL) return -1;
    int status = adopt(self, made);
    Py_DECREF(made);
    return status;
}

int swiftmod_init_again(PyObject *self, const char *name) {
    if (swiftmod_is_exported_type(swiftmod_type_of(self))) return 0;
    PyObject *subclass = swiftmod_qualname(swiftmod_type_of(self));
    if (subclass == NULL) return -1;
    PyErr_Format(PyExc_RuntimeError, "%s.__init__() was already called for this %U object", name, subclass);
    Py_DECREF(subclass);
    return -1;
}

int swiftmod_not_initialized(PyObject *self, const char *name) {
    PyObject *subclass = swiftmod_qualname(swiftmod_type_of(self));
    if (subclass == NULL) return 0;
    PyErr_Format(PyExc_RuntimeError, "this %U object has no Swift %s: its __init__ must call super().__init__(...) (%s.__init__ was not called)",
                 subclass, name, name);
    Py_DECREF(subclass);
    return 0;
}

// MARK: Python overrides called from Swift (docs/design/types.md#overrides)

PyObject *swiftmod_override_error = NULL;
static uintptr_t swiftmod_override_thread;

/// Whether the Python type `type` overrides `name` (its attribute is not the exported `base`'s).
static int swiftmod_is_overridden(PyObject *type, PyObject *base, PyObject *name) {
    PyObject *own = PyObject_GetAttr(type, name);
    PyObject *inherited = own == NULL ? NULL : PyObject_GetAttr(base, name);
    int overridden = own != NULL && inherited != NULL && own != inherited;
    if (own == NULL || inherited == NULL) PyErr_Clear();
    Py_XDECREF(own);
    Py_XDECREF(inherited);
    return overridden;
}

PyObject *swiftmod_override_table(PyObject *type, PyObject *base, const char *const *names, Py_ssize_t count) {
    static const char key[] = "__swiftmod_overrides__";
    PyObject *cached = PyObject_GetAttrString(type, key);
    if (cached != NULL) {
        if (PyTuple_Check(cached) && PyTuple_Size(cached) == count + 2 && PyTuple_GetItem(cached, 0) == type) return cached;
        Py_DECREF(cached);  // a base's table, or something else of that name
    } else {
        PyErr_Clear();
    }
    PyObject *table = PyTuple_New(count + 2);
    if (table == NULL) return NULL;
    unsigned long long mask = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *name = PyUnicode_InternFromString(names[i]);
        if (name == NULL) {
            Py_DECREF(table);
            return NULL;
        }
        if (swiftmod_is_overridden(type, base, name)) {
            mask |= 1ULL << i;
            PyTuple_SetItem(table, i + 2, name);
        } else {
            Py_DECREF(name);
            PyTuple_SetItem(table, i + 2, Py_NewRef(Py_None));
        }
    }
    PyObject *bits = PyLong_FromUnsignedLongLong(mask);
    if (bits == NULL) {
        Py_DECREF(table);
        return NULL;
    }
    PyTuple_SetItem(table, 0, Py_NewRef(type));
    PyTuple_SetItem(table, 1, bits);
    if (PyObject_SetAttrString(type, key, table) < 0) PyErr_Clear();  // then each object reads it again
    return table;
}

PyObject *swiftmod_call_override(PyObject *name, PyObject *const *args, Py_ssize_t count) {
#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030C0000
    // No bound method is made for a Python function (CPython's method-call fast path).
    return PyObject_VectorcallMethod(name, args, (size_t)count, NULL);
#else
    PyObject *method = PyObject_GetAttr(args[0], name);
    if (method == NULL) return NULL;
    PyObject *result = swiftmod_call(method, args + 1, count - 1);
    Py_DECREF(method);
    return result;
#endif
}

void swiftmod_override_failed(const char *where, int foreign) {
    swiftmod_prefix_error(where);
    if (foreign || (swiftmod_override_error != NULL && swiftmod_override_thread != swiftmod_thread_id())) {
        PyErr_WriteUnraisable(NULL);
        return;
    }
    if (swiftmod_override_error != NULL) {
        PyErr_Clear();  // the first one is raised
        return;
    }
    swiftmod_override_error = swiftmod_fetch_exception();
    swiftmod_override_thread = swiftmod_thread_id();
}

int swiftmod_take_override_error(void) {
    if (swiftmod_override_error == NULL || swiftmod_override_thread != swiftmod_thread_id()) return 0;
    PyObject *error = swiftmod_override_error;
    swiftmod_override_error = NULL;
    swiftmod_restore_exception(error);
    return 1;
}

PyObject *swiftmod_call_classic(PyObject *type, PyObject *args, PyObject *kwargs, swiftmod_vectorcallfunc call) {
    Py_ssize_t nargs = PyTuple_Size(args);
    Py_ssize_t nkw = kwargs == NULL ? 0 : PyDict_Size(kwargs);
    PyObject *stack[16];
    PyObject **items = nargs + nkw <= 16 ? stack : PyMem_Malloc(sizeof(PyObject *) * (size_t)(nargs + nkw));
    if (items == NULL) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < nargs; i++) items[i] = PyTuple_GetItem(args, i);
    PyObject *kwnames = NULL;
    if (nkw > 0) {
        kwnames = PyTuple_New(nkw);
        if (kwnames == NULL) {
            if (items != stack) PyMem_Free(items);
            return NULL;
        }
        Py_ssize_t position = 0, i = 0;
        PyObject *key, *value;
        while (PyDict_Next(kwargs, &position, &key, &value)) {
            PyTuple_SetItem(kwnames, i, Py_NewRef(key));
            items[nargs + i] = value;
            i++;
        }
    }
    PyObject *result = call(type, items, (size_t)nargs, kwnames);
    Py_XDECREF(kwnames);
    if (items != stack) PyMem_Free(items);
    return result;
}

/// Whether two fetched errors say the same: the same type, and for a TypeError (which overload's
/// type was meant is the question) the same text.
static int swiftmod_same_error(PyObject *type1, PyObject *value1, PyObject *type2, PyObject *value2) {
    if (type1 != type2) return 0;
    if (!PyErr_GivenExceptionMatches(type1, PyExc_TypeError)) return 1;
    if (value1 == NULL || value2 == NULL) return 0;
    PyObject *text1 = PyObject_Str(value1);
    PyObject *text2 = text1 != NULL ? PyObject_Str(value2) : NULL;
    int same = text2 != NULL && PyObject_RichCompareBool(text1, text2, Py_EQ) == 1;
    Py_XDECREF(text1);
    Py_XDECREF(text2);
    PyErr_Clear();
    return same;
}

void swiftmod_overload_failed(swiftmod_overload_failure *failure, int converted) {
    // A TypeError says that this overload does not take the argument's type; another error (an
    // OverflowError, a ValueError, a UnicodeEncodeError) that it took the type and the value
    // failed: that overload got half an argument further.
    converted = converted * 2 + (PyErr_Occurred() != NULL && !PyErr_ExceptionMatches(PyExc_TypeError));
    if (converted > failure->converted) {
        Py_XDECREF(failure->type);
        Py_XDECREF(failure->value);
        Py_XDECREF(failure->traceback);
        PyErr_Fetch(&failure->type, &failure->value, &failure->traceback);
        failure->converted = converted;
        failure->tie = 0;
    } else if (converted == failure->converted && failure->type != NULL) {
        // Overloads that got equally far and fail alike (one `num_perm` argument of several
        // overloads, one lone surrogate read as str by two) are no ambiguity: the first stands.
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        if (!swiftmod_same_error(failure->type, failure->value, type, value)) failure->tie = 1;
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(traceback);
    } else {
        if (converted == failure->converted) failure->tie = 1;
        PyErr_Clear();
    }
}

PyObject *swiftmod_overload_done(swiftmod_overload_failure *failure, PyObject *result) {
    Py_XDECREF(failure->type);
    Py_XDECREF(failure->value);
    Py_XDECREF(failure->traceback);
    return result;
}

PyObject *swiftmod_no_overload(swiftmod_overload_failure *failure, const char *name, const char *signatures) {
    if (failure->converted > 0 && !failure->tie && failure->type != NULL) {
        PyErr_Restore(failure->type, failure->value, failure->traceback);
        return NULL;
    }
    swiftmod_overload_done(failure, NULL);
    PyErr_Format(PyExc_TypeError, "no overload of %s() accepts these arguments; the signatures are:\n%s", name, signatures);
    return NULL;
}

PyObject *swiftmod_make_enum(const char *name, const char *qualname, const char *module_name, PyObject *members, const char *doc) {
    PyObject *enum_module = PyImport_ImportModule("enum");
    if (enum_module == NULL) return NULL;
    PyObject *base = PyObject_GetAttrString(enum_module, "Enum");
    Py_DECREF(enum_module);
    if (base == NULL) return NULL;
    PyObject *result = NULL;
    PyObject *args = Py_BuildValue("(sO)", name, members);
    PyObject *kwargs = Py_BuildValue("{ssss}", "module", module_name, "qualname", qualname);
    if (args != NULL && kwargs != NULL) result = PyObject_Call(base, args, kwargs);
    Py_XDECREF(args);
    Py_XDECREF(kwargs);
    Py_DECREF(base);
    if (result != NULL && doc != NULL) {
        PyObject *text = PyUnicode_FromString(doc);
        if (text == NULL || PyObject_SetAttrString(result, "__doc__", text) < 0) Py_CLEAR(result);
        Py_XDECREF(text);
    }
    return result;
}

/// Python's own method binding, for a builtin function that takes the member first:
/// `inspect.signature` follows `__wrapped__` to the function's text signature.
static const char swiftmod_enum_method_source[] =
    "def method(f, name, qualname, module):\n"
    "    def method(self, /, *args, **kwargs):\n"
    "        return f(self, *args, **kwargs)\n"
    "    method.__name__, method.__qualname__, method.__module__ = name, qualname, module\n"
    "    method.__doc__, method.__wrapped__ = f.__doc__, f\n"
    "    return method\n";

int swiftmod_enum_attach(PyObject *type, PyObject *module, PyMethodDef *defs, const char *kinds, const char *qualname) {
    PyObject *builtins = PyImport_ImportModule("builtins");
    PyObject *globals = PyDict_New();
    PyObject *module_name = PyObject_GetAttrString(type, "__module__");
    PyObject *make_method = NULL;
    int status = -1;
    if (builtins == NULL || globals == NULL || module_name == NULL || PyDict_SetItemString(globals, "__builtins__", builtins) < 0) goto done;
    PyObject *code = Py_CompileString(swiftmod_enum_method_source, "<swiftmod>", Py_file_input);
    if (code == NULL) goto done;
    PyObject *executed = PyEval_EvalCode(code, globals, globals);
    Py_DECREF(code);
    if (executed == NULL) goto done;
    Py_DECREF(executed);
    make_method = PyDict_GetItemString(globals, "method");
    if (make_method == NULL) goto done;
    Py_INCREF(make_method);
    for (Py_ssize_t i = 0; defs[i].ml_name != NULL; i++) {
        PyObject *function = PyCFunction_NewEx(&defs[i], module, NULL);
        if (function == NULL) goto done;
        PyObject *member;
        if (kinds[i] == 'p') {
            member = PyObject_CallMethod(builtins, "property", "O", function);
        } else if (kinds[i] == 's') {
            member = PyObject_CallMethod(builtins, "staticmethod", "O", function);
        } else {
            PyObject *name = PyUnicode_FromString(defs[i].ml_name);
            PyObject *full = PyUnicode_FromFormat("%s.%s", qualname, defs[i].ml_name);
            member = name && full ? PyObject_CallFunctionObjArgs(make_method, function, name, full, module_name, NULL) : NULL;
            Py_XDECREF(name);
            Py_XDECREF(full);
        }
        Py_DECREF(function);
        if (member == NULL) goto done;
        int set = PyObject_SetAttrString(type, defs[i].ml_name, member);
        Py_DECREF(member);
        if (set < 0) goto done;
    }
    status = 0;
done:
    Py_XDECREF(make_method);
    Py_XDECREF(module_name);
    Py_XDECREF(globals);
    Py_XDECREF(builtins);
    return status;
}

PyObject *swiftmod_sequence_iter(PyObject *self) {
    return PySeqIter_New(self);
}

int swiftmod_sequence_contains(PyObject *self, PyObject *value) {
    PyObject *iterator = PySeqIter_New(self);
    if (iterator == NULL) return -1;
    PyObject *item;
    while ((item = PyIter_Next(iterator)) != NULL) {
        int found = PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
        if (found != 0) {
            Py_DECREF(iterator);
            return found;
        }
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

int swiftmod_set_attribute(PyObject *owner, const char *name, PyObject *value) {
    if (value == NULL) return -1;
    int status = PyObject_SetAttrString(owner, name, value);
    Py_DECREF(value);
    return status;
}

// MARK: - Closures returned to Python (docs/design/python-shapes.md#closure-results)

/// What a closure object holds after its header (SWIFTMOD_OBJECT_DATA).
typedef struct {
    void *box;
    swiftmod_closure_invoke invoke;
    void (*release)(void *);
    PyObject *module;
    const char *signature;
    const char *description;
} swiftmod_closure_fields;

#define SWIFTMOD_CLOSURE(o) SWIFTMOD_OBJECT_DATA(swiftmod_closure_fields, o)

static PyObject *swiftmod_closure_call(PyObject *self, PyObject *args, PyObject *kwargs) {
    swiftmod_closure_fields *closure = SWIFTMOD_CLOSURE(self);
    if (kwargs != NULL && PyDict_Size(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "a Swift closure takes positional arguments only");
        return NULL;
    }
    Py_ssize_t count = PyTuple_Size(args);
    PyObject *small[8];
    PyObject **items = count <= 8 ? small : PyMem_Malloc(sizeof(PyObject *) * (size_t)count);
    if (items == NULL) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < count; i++) items[i] = PyTuple_GetItem(args, i);
    PyObject *result = closure->invoke(closure->box, closure->module, items, count);
    if (items != small) PyMem_Free(items);
    return result;
}

static void swiftmod_closure_dealloc(PyObject *self) {
    swiftmod_closure_fields *closure = SWIFTMOD_CLOSURE(self);
    closure->release(closure->box);
    Py_XDECREF(closure->module);
    swiftmod_object_free(self);
}

static PyObject *swiftmod_closure_repr(PyObject *self) {
    return PyUnicode_FromFormat("<Swift closure %s>", SWIFTMOD_CLOSURE(self)->description);
}

static PyObject *swiftmod_closure_text_signature(PyObject *self, void *unused) {
    (void)unused;
    return PyUnicode_FromString(SWIFTMOD_CLOSURE(self)->signature);
}

/// `__signature__`: `inspect.signature(f)` of a returned closure, which `inspect` does not derive
/// from `__text_signature__` for an object that is not a built-in function. The text is
/// `(a0, a1, /)` (or `()`): one positional-only parameter per name.
static PyObject *swiftmod_closure_signature(PyObject *self, void *unused) {
    (void)unused;
    const char *text = SWIFTMOD_CLOSURE(self)->signature;
    PyObject *inspect = PyImport_ImportModule("inspect");
    if (inspect == NULL) return NULL;
    PyObject *parameter = PyObject_GetAttrString(inspect, "Parameter");
    PyObject *signature = parameter != NULL ? PyObject_GetAttrString(inspect, "Signature") : NULL;
    PyObject *kind = signature != NULL ? PyObject_GetAttrString(parameter, "POSITIONAL_ONLY") : NULL;
    PyObject *parameters = kind != NULL ? PyList_New(0) : NULL;
    PyObject *result = NULL;
    if (parameters != NULL) {
        const char *p = text[0] == '(' ? text + 1 : text;
        int failed = 0;
        while (*p != '\0' && *p != ')' && !failed) {
            const char *end = p;
            while (*end != '\0' && *end != ',' && *end != ')') end++;
            if (!(end - p == 1 && *p == '/')) {
                PyObject *name = PyUnicode_FromStringAndSize(p, end - p);
                PyObject *item = name != NULL ? PyObject_CallFunctionObjArgs(parameter, name, kind, NULL) : NULL;
                failed = item == NULL || PyList_Append(parameters, item) < 0;
                Py_XDECREF(item);
                Py_XDECREF(name);
            }
            p = *end == ',' ? end + 1 : end;
            while (*p == ' ') p++;
        }
        if (!failed) result = PyObject_CallFunctionObjArgs(signature, parameters, NULL);
    }
    Py_XDECREF(parameters);
    Py_XDECREF(kind);
    Py_XDECREF(signature);
    Py_XDECREF(parameter);
    Py_DECREF(inspect);
    return result;
}

static PyGetSetDef swiftmod_closure_getset[] = {
    {"__text_signature__", swiftmod_closure_text_signature, NULL, "The closure's parameters.", NULL},
    {"__signature__", swiftmod_closure_signature, NULL, "The closure's parameters, for inspect.signature.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

int swiftmod_add_closure_type(PyObject *module) {
    PyType_Slot slots[] = {
        {Py_tp_call, (void *)swiftmod_closure_call},
        {Py_tp_dealloc, (void *)swiftmod_closure_dealloc},
        {Py_tp_repr, (void *)swiftmod_closure_repr},
        {Py_tp_getset, (void *)swiftmod_closure_getset},
        {Py_tp_doc, (void *)"A Swift closure returned to Python: call it with its positional arguments."},
        {0, NULL},
    };
    PyType_Spec spec = {"swiftmod.SwiftClosure", (int)SWIFTMOD_OBJECT_SIZE(swiftmod_closure_fields), 0, Py_TPFLAGS_DEFAULT, slots};
    PyObject *type = PyType_FromModuleAndSpec(module, &spec, NULL);
    if (type == NULL) return -1;
    int status = PyObject_SetAttrString(module, "_SwiftClosure", type);
    Py_DECREF(type);
    return status;
}

PyObject *swiftmod_make_closure(PyObject *module, void *box, swiftmod_closure_invoke invoke, void (*release)(void *),
                                const char *signature, const char *description) {
    // The type is the module's attribute (not yet in its state): whatever Python code put there
    // must be this type, or the object would be laid out as something else.
    PyObject *type = PyObject_GetAttrString(module, "_SwiftClosure");
    if (type != NULL && (!PyType_Check(type) || PyType_GetSlot((PyTypeObject *)type, Py_tp_dealloc) != (void *)swiftmod_closure_dealloc)) {
        Py_DECREF(type);
        type = NULL;
        PyErr_SetString(PyExc_RuntimeError, "the module's _SwiftClosure attribute was replaced: Swift closures cannot be returned until the module is imported again");
    }
    if (type == NULL) {
        release(box);
        return NULL;
    }
    PyObject *object = swiftmod_object_new(type, SWIFTMOD_OBJECT_SIZE(swiftmod_closure_fields));
    Py_DECREF(type);  // the object holds its own reference (PyObject_Init)
    if (object == NULL) {
        release(box);
        return NULL;
    }
    swiftmod_closure_fields *closure = SWIFTMOD_CLOSURE(object);
    closure->box = box;
    closure->invoke = invoke;
    closure->release = release;
    closure->module = Py_NewRef(module);
    closure->signature = signature;
    closure->description = description;
    return object;
}

// MARK: - The scratch buffer of borrowed collections (docs/design/borrowed.md#collections)

static _Thread_local void *swiftmod_scratch_memory;
static _Thread_local Py_ssize_t swiftmod_scratch_capacity;
static _Thread_local int swiftmod_scratch_busy;

void *swiftmod_scratch_take(Py_ssize_t bytes) {
    if (swiftmod_scratch_busy || bytes > ((Py_ssize_t)64 << 20)) return NULL;
    if (bytes > swiftmod_scratch_capacity) {
        // Grown by half again, so a run of growing inputs reallocates a few times only.
        Py_ssize_t capacity = bytes + bytes / 2;
        void *memory = malloc((size_t)capacity);
        if (memory == NULL) return NULL;
        free(swiftmod_scratch_memory);
        swiftmod_scratch_memory = memory;
        swiftmod_scratch_capacity = capacity;
    }
    swiftmod_scratch_busy = 1;
    return swiftmod_scratch_memory;
}

void swiftmod_scratch_give_back(void) { swiftmod_scratch_busy = 0; }

// MARK: - Overloads and one-shot iterators

PyObject *const *swiftmod_materialize_iterators(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                                                const unsigned char *positions, Py_ssize_t npositions,
                                                const char *const *names, swiftmod_materialized *made) {
    const Py_ssize_t total = nargs + (kwnames != NULL ? swiftmod_tuple_size(kwnames) : 0);
    made->copy = NULL;
    made->total = total;
    made->count = 0;
    for (Py_ssize_t i = 0; i < total; i++) {
        int reads = 0;
        if (i < nargs) {
            reads = i < npositions && positions[i];
        } else {
            PyObject *key = swiftmod_tuple_item(kwnames, i - nargs);
            for (const char *const *name = names; *name != NULL && !reads; name++) {
                reads = PyUnicode_CompareWithASCIIString(key, *name) == 0;
            }
        }
        if (!reads || !PyIter_Check(args[i])) continue;
        if (made->copy == NULL) {
            made->copy = PyMem_Malloc(sizeof(PyObject *) * (size_t)(2 * total));
            if (made->copy == NULL) {
                PyErr_NoMemory();
                return NULL;
            }
            memcpy(made->copy, args, sizeof(PyObject *) * (size_t)total);
        }
        PyObject *list = PySequence_List(args[i]);
        if (list == NULL) {
            swiftmod_release_materialized(made);
            return NULL;
        }
        made->copy[i] = list;
        made->copy[total + made->count++] = list;
    }
    return made->copy != NULL ? made->copy : args;
}

void swiftmod_release_materialized(swiftmod_materialized *made) {
    if (made->copy == NULL) return;
    for (Py_ssize_t i = 0; i < made->count; i++) Py_DECREF(made->copy[made->total + i]);
    PyMem_Free(made->copy);
    made->copy = NULL;
}

// MARK: - Callables (docs/design/python-shapes.md#callables)

PyObject *swiftmod_call(PyObject *callable, PyObject *const *args, Py_ssize_t count) {
#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030C0000
    return PyObject_Vectorcall(callable, args, (size_t)count, NULL);
#else
    PyObject *tuple = PyTuple_New(count);
    if (tuple == NULL) return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_INCREF(args[i]);
        PyTuple_SetItem(tuple, i, args[i]);
    }
    PyObject *result = PyObject_CallObject(callable, tuple);
    Py_DECREF(tuple);
    return result;
#endif
}

PyObject *swiftmod_fetch_exception(void) {
#if PY_VERSION_HEX >= 0x030C0000 && (!defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030C0000)
    return PyErr_GetRaisedException();
#else
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    if (type == NULL) return NULL;
    PyErr_NormalizeException(&type, &value, &traceback);
    if (traceback != NULL && value != NULL) PyException_SetTraceback(value, traceback);
    Py_XDECREF(type);
    Py_XDECREF(traceback);
    return value;
#endif
}

void swiftmod_restore_exception(PyObject *exception) {
#if PY_VERSION_HEX >= 0x030C0000 && (!defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030C0000)
    PyErr_SetRaisedException(exception);
#else
    PyObject *type = (PyObject *)Py_TYPE(exception);
    Py_INCREF(type);
    PyErr_Restore(type, exception, PyException_GetTraceback(exception));
#endif
}

PyObject *swiftmod_exception_repr(PyObject *exception) {
    PyObject *repr = PyObject_Repr(exception);
    if (repr == NULL) PyErr_Clear();
    return repr;
}

void swiftmod_release_anywhere(PyObject *o) {
    if (!Py_IsInitialized()) return;
#if PY_VERSION_HEX >= 0x030D0000 && !defined(Py_LIMITED_API)
    if (Py_IsFinalizing()) return;
#endif
    PyGILState_STATE state = PyGILState_Ensure();
    Py_DECREF(o);
    PyGILState_Release(state);
}

/// Evaluates `expression` with the module's namespace and the builtins as globals.
static PyObject *swiftmod_evaluate(PyObject *module, const char *expression) {
    PyObject *globals = PyDict_Copy(PyModule_GetDict(module));
    PyObject *builtins = PyImport_ImportModule("builtins");
    PyObject *code = NULL, *value = NULL;
    if (globals != NULL && builtins != NULL && PyDict_SetItemString(globals, "__builtins__", builtins) == 0) {
        code = Py_CompileString(expression, "<swiftmod union>", Py_eval_input);
        if (code != NULL) value = PyEval_EvalCode(code, globals, globals);
    }
    Py_XDECREF(code);
    Py_XDECREF(builtins);
    Py_XDECREF(globals);
    return value;
}

int swiftmod_add_union(PyObject *module, const char *owner, const char *name, const char *expression) {
    PyObject *target = owner == NULL ? Py_NewRef(module) : swiftmod_evaluate(module, owner);
    if (target == NULL) return -1;
    int status = swiftmod_set_attribute(target, name, swiftmod_evaluate(module, expression));
    Py_DECREF(target);
    return status;
}

// MARK: - Traps in release builds (docs/design/objects.md#trap-report)

#ifdef NDEBUG
#ifndef Py_LIMITED_API
#include <frameobject.h>  // PyFrame_GetBack on 3.10 (Python.h declares it from 3.11)
#endif
#include <dlfcn.h>
#include <execinfo.h>
#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

/// The Swift runtime's demangler (in the extension: the runtime is linked into it).
extern char *swift_demangle(const char *mangled, size_t length, char *output, size_t *output_size, uint32_t flags);

static const char *swiftmod_trap_module = NULL;
static const swiftmod_callable_name *swiftmod_trap_names = NULL;
static size_t swiftmod_trap_name_count = 0;
static struct sigaction swiftmod_previous_sigill, swiftmod_previous_sigtrap;
static int swiftmod_trap_installed = 0;

static void swiftmod_write(const char *text) {
    if (text != NULL) { ssize_t ignored = write(2, text, strlen(text)); (void)ignored; }
}

static void swiftmod_write_number(long value) {
    char digits[24];
    int n = 0;
    if (value < 0) { swiftmod_write("-"); value = -value; }
    do { digits[n++] = (char)('0' + value % 10); value /= 10; } while (value > 0 && n < 23);
    char out[24];
    for (int i = 0; i < n; i++) out[i] = digits[n - 1 - i];
    out[n] = '\0';
    swiftmod_write(out);
}

/// The exported Python callable whose glue symbol is `symbol` (`swiftmod_m3_mean_impl`).
static const char *swiftmod_python_name(const char *symbol) {
    // The C name, or inside the Swift-mangled name of a `@_cdecl` function.
    symbol = strstr(symbol, "swiftmod_");
    if (symbol == NULL) return NULL;
    const char *best = NULL;
    size_t best_length = 0;
    for (size_t i = 0; i < swiftmod_trap_name_count; i++) {
        const char *prefix = swiftmod_trap_names[i].symbol_prefix;
        size_t length = strlen(prefix);
        if (length > best_length && strncmp(symbol, prefix, length) == 0 && symbol[length] == '_') {
            best = swiftmod_trap_names[i].python_name;
            best_length = length;
        }
    }
    return best;
}

/// `  File "x.py", line 3 in f`, as faulthandler prints a frame.
static void swiftmod_write_frame(const char *file, long line, const char *name) {
    swiftmod_write("  File \"");
    swiftmod_write(file != NULL ? file : "???");
    swiftmod_write("\", line ");
    swiftmod_write_number(line);
    swiftmod_write(" in ");
    swiftmod_write(name != NULL ? name : "???");
    swiftmod_write("\n");
}

/// CPython's traceback of this thread, as faulthandler prints it, through the public API.
static void swiftmod_write_traceback(void) {
    PyThreadState *tstate = PyGILState_GetThisThreadState();
    if (tstate == NULL) return;
    swiftmod_write("Python traceback of the calling thread (most recent call first):\n");
#ifdef Py_LIMITED_API
    // The limited API has no frame accessors before 3.11: the frame's attributes.
    PyObject *frame = (PyObject *)PyThreadState_GetFrame(tstate);
    for (int depth = 0; frame != NULL && frame != Py_None && depth < 100; depth++) {
        PyObject *code = PyObject_GetAttrString(frame, "f_code");
        PyObject *line = PyObject_GetAttrString(frame, "f_lineno");
        PyObject *file = code != NULL ? PyObject_GetAttrString(code, "co_filename") : NULL;
        PyObject *name = code != NULL ? PyObject_GetAttrString(code, "co_name") : NULL;
        const char *file_text = file != NULL && PyUnicode_Check(file) ? PyUnicode_AsUTF8AndSize(file, NULL) : NULL;
        const char *name_text = name != NULL && PyUnicode_Check(name) ? PyUnicode_AsUTF8AndSize(name, NULL) : NULL;
        swiftmod_write_frame(file_text, line != NULL && PyLong_Check(line) ? PyLong_AsLong(line) : -1, name_text);
        Py_XDECREF(file); Py_XDECREF(name); Py_XDECREF(code); Py_XDECREF(line);
        PyObject *back = PyObject_GetAttrString(frame, "f_back");
        PyErr_Clear();
        Py_DECREF(frame);
        frame = back;
    }
    if (frame != NULL) Py_DECREF(frame);
#else
    PyFrameObject *frame = PyThreadState_GetFrame(tstate);
    for (int depth = 0; frame != NULL && depth < 100; depth++) {
        PyCodeObject *code = PyFrame_GetCode(frame);
        int line = PyFrame_GetLineNumber(frame);
        PyObject *file = code != NULL ? PyObject_GetAttrString((PyObject *)code, "co_filename") : NULL;
        PyObject *name = code != NULL ? PyObject_GetAttrString((PyObject *)code, "co_name") : NULL;
        const char *file_text = file != NULL && PyUnicode_Check(file) ? PyUnicode_AsUTF8AndSize(file, NULL) : NULL;
        const char *name_text = name != NULL && PyUnicode_Check(name) ? PyUnicode_AsUTF8AndSize(name, NULL) : NULL;
        swiftmod_write_frame(file_text, line, name_text);
        Py_XDECREF(file);
        Py_XDECREF(name);
        Py_XDECREF(code);
        PyFrameObject *back = PyFrame_GetBack(frame);
        Py_DECREF(frame);
        frame = back;
    }
#endif
}

/// A Swift trap (`ud2`, or `brk` on ARM64) in this extension: one line naming the module, the
/// Swift function and the trap, the Python traceback, then the signal's previous handling.
static void swiftmod_trap_handler(int signal_number, siginfo_t *info, void *context) {
    (void)info;
    (void)context;
    struct sigaction *previous = signal_number == SIGILL ? &swiftmod_previous_sigill : &swiftmod_previous_sigtrap;
    Dl_info self;
    void *frames[64];
    int count = backtrace(frames, 64);
    const char *swift_function = NULL;
    const char *python_name = NULL;
    int ours = 0;
    if (dladdr((void *)swiftmod_trap_handler, &self) != 0) {
        for (int i = 0; i < count; i++) {
            Dl_info where;
            if (dladdr(frames[i], &where) == 0 || where.dli_fbase != self.dli_fbase || where.dli_sname == NULL) continue;
            if (strcmp(where.dli_sname, "swiftmod_trap_handler") == 0) continue;
            ours = 1;
            // The innermost Swift function that is not glue (user code the glue did not inline).
            if (swift_function == NULL && strstr(where.dli_sname, "swiftmod_") == NULL && strstr(where.dli_sname, "SwiftmodGlue") == NULL) {
                swift_function = where.dli_sname;
            }
            if (python_name == NULL) python_name = swiftmod_python_name(where.dli_sname);
            if (python_name != NULL) break;
        }
    }
    if (ours) {
        swiftmod_write("swiftmod: ");
        swiftmod_write(swiftmod_trap_module);
        swiftmod_write(": Swift trap (");
        swiftmod_write(signal_number == SIGILL ? "SIGILL" : "SIGTRAP");
        swiftmod_write(") in ");
        if (swift_function != NULL) {
            char *demangled = swift_demangle(swift_function, strlen(swift_function), NULL, NULL, 0);
            swiftmod_write(demangled != NULL ? demangled : swift_function);
            swiftmod_write(", called from ");
        } else {
            swiftmod_write("the Swift code of ");
        }
        swiftmod_write(python_name != NULL ? python_name : "an exported callable");
        swiftmod_write(": a failed precondition, an index out of range, an arithmetic overflow or a nil unwrapped "
                       "ends the process (a debug build, `swiftmod develop`, prints Swift's own message)\n");
        swiftmod_write_traceback();
    }
    // Returning runs the trapping instruction again, now under the handler before ours.
    sigaction(signal_number, previous, NULL);
}

void swiftmod_install_trap_reporter(const char *module, const swiftmod_callable_name *names, size_t count) {
    if (swiftmod_trap_installed) return;
    swiftmod_trap_installed = 1;
    swiftmod_trap_module = module;
    swiftmod_trap_names = names;
    swiftmod_trap_name_count = count;
    // glibc loads its unwinder on the first backtrace(): do it now, not in the signal handler.
    void *warm[2];
    (void)backtrace(warm, 2);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = swiftmod_trap_handler;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(SIGILL, &action, &swiftmod_previous_sigill);
    sigaction(SIGTRAP, &action, &swiftmod_previous_sigtrap);
}
#else
void swiftmod_install_trap_reporter(const char *module, const swiftmod_callable_name *names, size_t count) {
    (void)module; (void)names; (void)count;  // a debug build keeps Swift's own message
}
#endif

// MARK: - The GIL drop request (docs/design/gil.md; swiftmod_shim.h, swiftmod_gil_waited)

static int swiftmod_gil_no_request = 0;
int *swiftmod_gil_drop_request = &swiftmod_gil_no_request;

#if SWIFTMOD_GIL_REQUEST != 1
void swiftmod_gil_watch(void) {}
#else

// swiftmod-layout-begin (Tests/EndToEnd/test_gil.py checks it against CPython's internal headers)
/// The start of `struct _ceval_state` (internal headers, not included): the request follows
/// `eval_breaker`. The struct holds pointers further on, hence the pointer-sized member that
/// gives it the same alignment.
#if PY_VERSION_HEX >= 0x030C0000
typedef struct { int eval_breaker; int gil_drop_request; int recursion_limit; void *gil; } swiftmod_ceval_head;
#else
typedef struct { int recursion_limit; int eval_breaker; int gil_drop_request; void *pending_lock; } swiftmod_ceval_head;
#endif

#if PY_VERSION_HEX < 0x030B0000
/// 3.10's `struct _is` (Include/internal/pycore_interp.h) up to its `ceval`.
typedef struct {
    void *next, *tstate_head, *runtime;
    int64_t id, id_refcount;
    int requires_idref;
    void *id_mutex;
    int finalizing;
    swiftmod_ceval_head ceval;
} swiftmod_interp_head;
#elif PY_VERSION_HEX < 0x030C0000
/// 3.11's `struct _is` (Include/internal/pycore_interp.h) up to its `ceval`.
typedef struct {
    void *next;
    struct { uint64_t next_unique_id; void *head; long count; size_t stacksize; } threads;
    void *runtime;
    int64_t id, id_refcount;
    int requires_idref;
    void *id_mutex;
    int _initialized;
    int finalizing;
    _Bool _static;
    swiftmod_ceval_head ceval;
} swiftmod_interp_head;
#endif

// swiftmod-layout-end

/// The main interpreter's `ceval` state, or NULL when the layout does not check out: on
/// 3.10/3.11 from the layout above, checked against the interpreter's id; on 3.12, where it
/// follows a large internal struct, found right after the `sysdict` and `builtins` pointers
/// that precede it. Either way its `recursion_limit` must be Py_GetRecursionLimit().
static swiftmod_ceval_head *swiftmod_find_ceval(PyInterpreterState *interp) {
    swiftmod_ceval_head *ceval = NULL;
#if PY_VERSION_HEX < 0x030C0000
    swiftmod_interp_head *head = (swiftmod_interp_head *)interp;
    if (head->id != PyInterpreterState_GetID(interp)) return NULL;
    ceval = &head->ceval;
#else
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (sys != NULL && builtins != NULL) {
        PyObject *pair[2] = {PyModule_GetDict(sys), PyModule_GetDict(builtins)};
        PyObject **fields = (PyObject **)interp;
        for (size_t i = 0; i + 2 < 2048; i++) {  // the pair sits about 1 KB in
            if (fields[i] == pair[0] && fields[i + 1] == pair[1]) {
                ceval = (swiftmod_ceval_head *)&fields[i + 2];
                break;
            }
        }
    }
    Py_XDECREF(sys);
    Py_XDECREF(builtins);
    PyErr_Clear();
#endif
    if (ceval == NULL || ceval->recursion_limit != Py_GetRecursionLimit()) return NULL;
    const int request = __atomic_load_n(&ceval->gil_drop_request, __ATOMIC_RELAXED);
    return request == 0 || request == 1 ? ceval : NULL;
}

void swiftmod_gil_watch(void) {
    if (__atomic_load_n(&swiftmod_gil_drop_request, __ATOMIC_RELAXED) != &swiftmod_gil_no_request) return;
    PyInterpreterState *interp = PyInterpreterState_Get();
    if (interp != PyInterpreterState_Main()) return;  // it may end before the process does
    swiftmod_ceval_head *ceval = swiftmod_find_ceval(interp);
    if (ceval != NULL) __atomic_store_n(&swiftmod_gil_drop_request, &ceval->gil_drop_request, __ATOMIC_RELAXED);
}
#endif

"""#,
        #"glue/swiftmod_shim.h.tmpl"#: #"""
// Generated by swiftmod; do not edit. The fixed part of the C shim: CPython macros as
// functions Swift can call, and the argument parser shared by every entry point.
#ifndef SWIFTMOD_SHIM_H
#define SWIFTMOD_SHIM_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>

#ifdef Py_TARGET_ABI3T
/// abi3t (PEP 803, docs/design/interpreters.md#abi3t): `PyObject` is opaque, its size and fields
/// differ between the default and the free-threaded build. It is completed here as a type with no
/// fields of CPython's, only so that Swift types pointers to objects (`UnsafeMutablePointer<PyObject>`
/// rather than `OpaquePointer`); nothing reads it, and no size is taken from it.
struct _object { char swiftmod_opaque; };
#endif

/// The size of the object header, where swiftmod's own fields start in its objects (the Swift
/// value, a closure's box, an array's items): `sizeof(PyObject)` for the version-specific API and
/// abi3; for abi3t, `object.__basicsize__` of the running CPython rounded up to the alignment of
/// `max_align_t` (as PEP 697's `PyObject_GetTypeData` places a subclass's data), read once at
/// module execution (swiftmod_head_size_init).
#ifdef Py_TARGET_ABI3T
__attribute__((visibility("hidden"))) extern Py_ssize_t swiftmod_head_size;
static inline Py_ssize_t swiftmod_object_head_size(void) { return __atomic_load_n(&swiftmod_head_size, __ATOMIC_RELAXED); }
#else
static inline Py_ssize_t swiftmod_object_head_size(void) { return (Py_ssize_t)sizeof(PyObject); }
#endif
/// 0, or -1 with an exception set when the header size cannot be read (abi3t only).
int swiftmod_head_size_init(void);
/// A swiftmod object's own fields (`type`), after the header.
#define SWIFTMOD_OBJECT_DATA(type, o) ((type *)((char *)(o) + swiftmod_object_head_size()))
/// The size of an object whose fields are a `type`.
#define SWIFTMOD_OBJECT_SIZE(type) (swiftmod_object_head_size() + (Py_ssize_t)sizeof(type))

/// One function's Python signature, for `swiftmod_parse_args`.
typedef struct {
    const char *name;
    const char *const *keywords;  // every parameter's Python name
    int nparams;
    int nposonly;                 // leading parameters that are positional-only
    int nrequired;                // leading parameters without a default
    int star;                     // 1 + the index of the *args parameter (docs/design/python-shapes.md#variadics); 0: none
} swiftmod_argspec;

/// Fills `slots[0..<nparams]` from a vectorcall (borrowed references; NULL where omitted),
/// raising TypeError with CPython's own messages. Returns 0, or -1 with an exception set.
/// With `*args`, its slot is a new tuple of the remaining positional arguments, which the
/// caller releases after the call; the parameters after it are keyword-only.
int swiftmod_parse_args(const swiftmod_argspec *spec, PyObject *const *args, Py_ssize_t nargs,
                        PyObject *kwnames, PyObject **slots);

/// Prefixes the pending TypeError / OverflowError / ValueError / UnicodeEncodeError with
/// `prefix: ` (for example "argument 'text'"), so that the message names where it happened.
void swiftmod_prefix_error(const char *prefix);

/// Prefixes the pending error with "item N".
void swiftmod_prefix_error_index(Py_ssize_t index);

/// An exported callable's glue symbol prefix and its Python name, for the trap report.
typedef struct {
    const char *symbol_prefix;
    const char *python_name;
} swiftmod_callable_name;

/// In a release build (NDEBUG), reports a Swift trap in this extension on stderr before the
/// process ends: the module, the Swift function, the Python callable and traceback (docs/design/objects.md#trap-report).
void swiftmod_install_trap_reporter(const char *module, const swiftmod_callable_name *names, size_t count);

/// Raises TypeError "expected <what>, got <type of obj>".
void swiftmod_type_error(const char *what, PyObject *obj);

/// Raises TypeError "'<type of obj>' object is not an instance of '<expected>'" (a tuple or one
/// of the module's types was expected).
void swiftmod_instance_error(const char *expected, PyObject *obj);

/// Raises `type` with `message` (a UTF-8 buffer of `length` bytes).
void swiftmod_raise(PyObject *type, const char *message, Py_ssize_t length);

/// Raises `type(message)` with `err.case = case_name` (an enum error's case, docs/design/exported.md#exception-bases).
void swiftmod_raise_case(PyObject *type, const char *message, Py_ssize_t length, const char *case_name);

/// The exception class exported for the module's Swift error type number `index`, kept in the
/// module's state (PEP 489): defined by the generated module.c, which knows the state's layout.
PyObject *swiftmod_exception(PyObject *module, int index);

/// A new `bytes` copy of any object exporting a buffer, or NULL with TypeError "expected a
/// bytes-like object, got <type>" (for limited-API builds before 3.11, which have no
/// `PyObject_GetBuffer`).
PyObject *swiftmod_bytes_from_buffer(PyObject *o);

#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030B0000
/// Fills `view` with the buffer of a bytes-like object as `[UInt8]` and the bytes items of
/// borrowed collections take it: C-contiguous, of unsigned bytes (no format, 'B' or 'c'). Else
/// -1 with one TypeError (`expected` names what is taken: "a bytes-like object"), never the
/// exporter's BufferError or ValueError: a strided view, `array('b')` or a NumPy str array is
/// the wrong kind of argument, as it is for rensa and PyO3's `&[u8]`.
int swiftmod_get_bytes_buffer(PyObject *o, Py_buffer *view, const char *expected);
#endif

#if !defined(Py_LIMITED_API) || Py_LIMITED_API + 0 >= 0x030B0000
/// Gets `o`'s buffer into `view` for a borrowed parameter (docs/design/borrowed.md#buffer-lifetime): C-contiguous (else
/// BufferError), writable if asked (else CPython's BufferError), and when `formats` is not NULL
/// with an item format among `formats` (an optional '@', '=' or '<' prefix allowed) of
/// `itemsize` bytes, aligned to `alignment` (else TypeError "expected a buffer of <expected>
/// (format 'x'), got format 'y'"). Objects without a buffer: TypeError "expected <expected>,
/// got <type>" for bytes views, or the typed message. Returns 0, or -1 with an exception set
/// and nothing held.
int swiftmod_get_buffer(PyObject *o, Py_buffer *view, const char *formats, Py_ssize_t itemsize,
                        Py_ssize_t alignment, int writable, const char *expected);
#endif

// MARK: - Types (docs/design/types.md)

/// The module state (PEP 489) is one flat array of object pointers: the type objects, then
/// the enum members (a tuple per `enum.Enum` type, NULL for others), then the exception
/// classes. `swiftmod_state_slot(module, i)` reads slot `i`.
#if !defined(Py_LIMITED_API) && PY_VERSION_HEX >= 0x030A0000 && PY_VERSION_HEX < 0x030F0000
/// The module object's layout on 3.10–3.14 (Include/internal/pycore_moduleobject.h): `md_state`
/// follows the header, `md_dict` and `md_def`. Reading it directly saves a call on every object
/// a method returns; module execution checks it against PyModule_GetState (swiftmod_check_state).
typedef struct {
    PyObject_HEAD
    PyObject *md_dict;
    PyModuleDef *md_def;
    void *md_state;
} swiftmod_module_object;
static inline void *swiftmod_state_of(PyObject *module) { return ((swiftmod_module_object *)module)->md_state; }
#elif !defined(Py_LIMITED_API) && PY_VERSION_HEX >= 0x030F0000 && PY_VERSION_HEX < 0x03100000
/// 3.15 (PEP 793) dropped `md_def` from the module object: `md_state` follows `md_dict`.
typedef struct {
    PyObject_HEAD
    PyObject *md_dict;
    void *md_state;
} swiftmod_module_object;
static inline void *swiftmod_state_of(PyObject *module) { return ((swiftmod_module_object *)module)->md_state; }
#else
/// Other versions (and the limited API): the public function.
static inline void *swiftmod_state_of(PyObject *module) { return PyModule_GetState(module); }
#endif

/// 0, or -1 with SystemError if the module's layout is not the one swiftmod_state_of reads.
static inline int swiftmod_check_state(PyObject *module) {
    if (swiftmod_state_of(module) == PyModule_GetState(module)) return 0;
    PyErr_SetString(PyExc_SystemError, "swiftmod: this CPython's module objects have an unexpected layout; rebuild the extension with --abi3");
    return -1;
}

static inline PyObject *swiftmod_state_slot(PyObject *module, Py_ssize_t i) {
    return ((PyObject **)swiftmod_state_of(module))[i];
}

/// The module of the nearest type in `type`'s `tp_base` chain that this extension created (for a
/// Python subclass of an exported class, docs/design/types.md#subclasses), or NULL; any pending
/// exception is kept.
PyObject *swiftmod_base_module(PyObject *type);

/// The module a type of this extension was created for (`PyType_FromModuleAndSpec`), or for a
/// Python subclass of one, its exported base's (`swiftmod_base_module`).
#ifndef Py_LIMITED_API
static inline PyObject *swiftmod_type_module(PyObject *type) {
    PyObject *module = ((PyHeapTypeObject *)type)->ht_module;
    return module != NULL ? module : swiftmod_base_module(type);
}
#else
static inline PyObject *swiftmod_type_module(PyObject *type) {
    PyObject *module = PyType_GetModule((PyTypeObject *)type);
    if (module != NULL) return module;
    PyErr_Clear();  // a Python subclass: its base's
    return swiftmod_base_module(type);
}
#endif

/// Whether `type` is one of this extension's types itself, not a Python subclass of one.
static inline int swiftmod_is_exported_type(PyObject *type) {
#ifndef Py_LIMITED_API
    return ((PyHeapTypeObject *)type)->ht_module != NULL;
#else
    if (PyType_GetModule((PyTypeObject *)type) != NULL) return 1;
    PyErr_Clear();
    return 0;
#endif
}

/// The module of a type a constructor was called with, or NULL with TypeError when it is a
/// Python subclass of one of this extension's types that is not a class (an enum's case classes
/// are its only subclasses).
static inline PyObject *swiftmod_constructor_module(PyObject *type) {
#ifndef Py_LIMITED_API
    PyObject *module = ((PyHeapTypeObject *)type)->ht_module;
#else
    PyObject *module = PyType_GetModule((PyTypeObject *)type);
    if (module == NULL) PyErr_Clear();
#endif
    if (module == NULL) PyErr_Format(PyExc_TypeError, "cannot create %R instances: only Python subclasses of exported non-final classes can be instantiated", type);
    return module;
}

/// The vectorcall flag in `nargsf` (PY_VECTORCALL_ARGUMENTS_OFFSET, limited API only from 3.12).
#define SWIFTMOD_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))
#ifdef Py_LIMITED_API
typedef PyObject *(*swiftmod_vectorcallfunc)(PyObject *, PyObject *const *, size_t, PyObject *);
#else
typedef vectorcallfunc swiftmod_vectorcallfunc;
#endif

/// The first exception of a Python override that Swift called (docs/design/types.md#overrides),
/// kept with the GIL held until the exported call on its thread returns; NULL when none.
extern PyObject *swiftmod_override_error;

/// The overrides of the Python type `type` among the open methods `names` (`count` of them) of
/// the exported class `base`: a tuple `(type, mask, name_0 or None, …)`, the i-th name an
/// interned str when bit i of `mask` says `type`'s attribute is not `base`'s. Made at the type's
/// first object's `__init__` and kept in the type's `__swiftmod_overrides__` (trusted only when
/// its item 0 is `type` itself, not a base's). A new reference, or NULL with an exception set.
PyObject *swiftmod_override_table(PyObject *type, PyObject *base, const char *const *names, Py_ssize_t count);

/// `args[0].<name>(*args[1:count])` (`name` a str), or NULL with an exception set.
PyObject *swiftmod_call_override(PyObject *name, PyObject *const *args, Py_ssize_t count);

/// The interned str `name`, or NULL with an exception set.
static inline PyObject *swiftmod_intern(const char *name) { return PyUnicode_InternFromString(name); }

/// After an override raised (or returned what does not convert): prefixes the pending
/// exception with `where` and keeps it for the exported call on this thread (the first one
/// only), or, on a thread that runs no Python call (`foreign`), hands it to
/// `sys.unraisablehook`.
void swiftmod_override_failed(const char *where, int foreign);

/// At the end of an exported call: 1 with the kept override exception raised if this thread has
/// one, else 0.
int swiftmod_take_override_error(void);
static inline int swiftmod_override_pending(void) { return swiftmod_override_error != NULL; }

/// Whether this thread has a Python thread state (it runs, or ran, Python code).
static inline int swiftmod_thread_is_python(void) { return PyGILState_GetThisThreadState() != NULL; }

/// `tp_new` of an exported class called for a Python subclass (docs/design/types.md#subclasses):
/// a zeroed object of `type` (its `tp_alloc`: with `__dict__` and weak references, tracked by
/// the GC) whose class reference stays empty until `__init__` (`swiftmod_subclass_init`).
PyObject *swiftmod_subclass_new(PyObject *type);

/// `tp_init` of an exported class whose object `self` is still empty (a Python subclass's):
/// runs the class's constructor (`construct`, called with the subclass; the exported type is in
/// module-state slot `slot`) on `args` and `kwargs`, and moves the new Swift reference into `self` with
/// `adopt` (which returns -1 with RuntimeError if `self` was filled meanwhile). TypeError when
/// `self`'s nearest exported type is another one (its Swift object would be of the wrong
/// class). 0, or -1 with an exception set.
int swiftmod_subclass_init(PyObject *self, PyObject *args, PyObject *kwargs, Py_ssize_t slot, swiftmod_vectorcallfunc construct,
                           int (*adopt)(PyObject *self, PyObject *made));

/// `tp_init` on an object whose class reference is already there: nothing for an object of the
/// exported type itself (its constructor filled it and `type.__call__` calls `tp_init` after
/// `tp_new`); RuntimeError for a Python subclass's (a second `super().__init__`). 0 or -1.
int swiftmod_init_again(PyObject *self, const char *name);

/// Raises RuntimeError for an object of a Python subclass whose `__init__` never called the
/// exported class's (`name`): its class reference is empty. Returns 0.
int swiftmod_not_initialized(PyObject *self, const char *name);

/// The module of an object of one of this extension's types.
static inline PyObject *swiftmod_object_module(PyObject *o) { return swiftmod_type_module((PyObject *)Py_TYPE(o)); }

/// Whether `o` is an instance of `type` (or of a subclass).
static inline int swiftmod_is_instance(PyObject *o, PyObject *type) {
    return (PyObject *)Py_TYPE(o) == type || PyType_IsSubtype(Py_TYPE(o), (PyTypeObject *)type);
}

static inline PyObject *swiftmod_type_of(PyObject *o) { return (PyObject *)Py_TYPE(o); }
static inline PyObject *swiftmod_new_not_implemented(void) { return Py_NewRef(Py_NotImplemented); }

/// A new, uninitialized object of `type` with `size` bytes (the Swift value is initialized in
/// place right after), or NULL with MemoryError. PyObject_Init takes a reference to a heap
/// type, as objects of heap types must hold.
static inline PyObject *swiftmod_object_new(PyObject *type, Py_ssize_t size) {
    PyObject *o = (PyObject *)PyObject_Malloc((size_t)size);
    if (o == NULL) return PyErr_NoMemory();
    return PyObject_Init(o, (PyTypeObject *)type);
}

/// The end of every swiftmod type's `tp_dealloc`, after the Swift value is deinitialized:
/// frees the object and releases the reference to its heap type.
static inline void swiftmod_object_free(PyObject *o) {
    PyTypeObject *type = Py_TYPE(o);
    // The type's own `tp_free`: `PyObject_Free` for swiftmod's types, `PyObject_GC_Del` for a
    // Python subclass with `__dict__` (a GC object, with a header before the object).
#ifndef Py_LIMITED_API
    type->tp_free(o);
#else
    ((freefunc)PyType_GetSlot(type, Py_tp_free))(o);
#endif
    Py_DECREF(type);
}

/// Calls a vectorcall constructor with a classic `(args, kwargs)` call (`tp_new`).
PyObject *swiftmod_call_classic(PyObject *type, PyObject *args, PyObject *kwargs, swiftmod_vectorcallfunc call);

/// What `converted` says when the overload's arguments all converted and its Swift code ran.
#define SWIFTMOD_CALLED 0x100000

/// While overloads are tried: the error of the one whose conversions got furthest (a count of
/// converted arguments) and whether another got as far.
typedef struct {
    PyObject *type, *value, *traceback;
    int converted;
    int tie;
} swiftmod_overload_failure;
#define SWIFTMOD_NO_FAILURE {NULL, NULL, NULL, -1, 0}

/// Keeps the pending error if this overload got further than every earlier one, else clears it.
/// An argument whose type fitted but whose value failed (any error but TypeError) counts half.
void swiftmod_overload_failed(swiftmod_overload_failure *failure, int converted);

/// Drops a kept error and returns `result`.
PyObject *swiftmod_overload_done(swiftmod_overload_failure *failure, PyObject *result);

/// When no overload fits: the kept error of the one overload that converted the most arguments
/// (an error in its own arguments, such as OverflowError; also in the first argument when its
/// type fitted), or TypeError listing every signature.
PyObject *swiftmod_no_overload(swiftmod_overload_failure *failure, const char *name, const char *signatures);

/// Makes an `enum.Enum` subclass `name` (qualified `qualname`, in `module_name`) from a list of
/// `(member, value)` pairs, with `doc` as its docstring.
PyObject *swiftmod_make_enum(const char *name, const char *qualname, const char *module_name, PyObject *members, const char *doc);

/// Sets `module.<name>` to a new reference `value` (stolen); -1 on error.
int swiftmod_set_attribute(PyObject *owner, const char *name, PyObject *value);
/// The arguments of an overloaded call with its one-shot iterators replaced by lists.
typedef struct {
    PyObject **copy;       // NULL when nothing was replaced
    Py_ssize_t total;      // positional + keyword arguments
    Py_ssize_t count;      // lists made, at copy[total...]
} swiftmod_materialized;

/// Overloads are tried in turn, so each must see the whole of a one-shot iterator: every
/// iterator (`PyIter_Check`) at a position (`positions[i]`) or keyword (`names`) that some
/// overload reads as `some Sequence<T>` is replaced by a list of its items. Returns the
/// arguments to use (`args` itself when nothing was replaced), or NULL with an exception set;
/// the caller releases `made` after the call.
PyObject *const *swiftmod_materialize_iterators(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                                                const unsigned char *positions, Py_ssize_t npositions,
                                                const char *const *names, swiftmod_materialized *made);
void swiftmod_release_materialized(swiftmod_materialized *made);

/// This thread's scratch buffer of at least `bytes` (docs/design/borrowed.md#collections), kept for the
/// next call; NULL when it is in use (a nested or re-entrant call) or when so large a buffer
/// would not be kept (over 64 MiB).
void *swiftmod_scratch_take(Py_ssize_t bytes);
/// Hands the scratch buffer back after the call.
void swiftmod_scratch_give_back(void);

// MARK: - async functions (docs/design/async.md)

// Declared here for every module, defined in swiftmod_async.c only for a module with async
// callables: a header that appears in an already-built glue package would not reach the shim's
// Clang module (docs/design/results.md#generated-files).

/// With the GIL, at the call: the coroutine Python gets (`_swift_await(call)`). Its first step
/// calls `start(box, &running)`, which returns the future to await (`swiftmod_async_future`) with
/// the Swift task started and sets `running` (a retained box); a cancelled awaiting task calls
/// `cancel(running)`. When the coroutine is freed: `release(box)` and, once started,
/// `forget(running)`. NULL with `RuntimeError` in a sub-interpreter.
PyObject *swiftmod_async_coroutine(const char *name, void *box, PyObject *(*start)(void *, void **), void (*release)(void *),
                                   void (*cancel)(void *), void (*forget)(void *));

/// With the GIL, when the coroutine first runs: a new future of the running event loop (`loop.create_future()`)
/// and the loop (a new reference in `*loop`), or NULL with `RuntimeError` (no running loop, or a
/// sub-interpreter), `name` (`sleep_for()`) in the message.
PyObject *swiftmod_async_future(const char *name, PyObject **loop);

/// The process-wide lock of the finished calls waiting for their loops (Async.swift).
void swiftmod_async_lock(void);
void swiftmod_async_unlock(void);

/// From a Swift thread without the GIL, once the task finished: 1 when Python can still be
/// called (the GIL is then held: call `swiftmod_async_end`), 0 when the interpreter is exiting
/// (nothing may touch Python; the task's references are left to the process's end).
int swiftmod_async_begin(void);
/// Releases the GIL that `swiftmod_async_begin` took.
void swiftmod_async_end(void);

/// With the GIL: asks `loop` to run `swiftmod_async_drain(loop)` on its thread
/// (`loop.call_soon_threadsafe`); -1 when it cannot (a closed loop).
int swiftmod_async_wake(PyObject *loop);

/// On the loop's thread: settles `future` unless it is already done (cancelled meanwhile).
/// `kind` 0: `value` is the result (stolen); 1: the pending exception; 2: cancelled.
void swiftmod_async_settle(PyObject *future, PyObject *value, int kind);

/// With the GIL: a Swift async iterator object (docs/design/async.md#async-iterators) over `box`
/// (a retained `PyAsyncIteration`, consumed), holding a reference to `module`; NULL with
/// `RuntimeError` in a sub-interpreter (the box released).
PyObject *swiftmod_async_iterator_new(PyObject *module, void *box);

/// Sets `asyncio.CancelledError` (a Swift `CancellationError` seen by a synchronous step).
void swiftmod_async_raise_cancelled(void);

// MARK: - Callables (docs/design/python-shapes.md#callables)

/// A Swift closure returned to Python: calls convert the arguments and call it.
typedef PyObject *(*swiftmod_closure_invoke)(void *box, PyObject *module, PyObject *const *args, Py_ssize_t nargs);
/// Creates the module's closure type (`_SwiftClosure`, a module attribute) at module execution.
int swiftmod_add_closure_type(PyObject *module);
/// A Python callable that owns `box` (a retained Swift object holding the closure): calls go to
/// `invoke`; `release` drops the box when the object dies. `signature` is its
/// `__text_signature__` (`(a0, a1, /)`), `description` its repr's Swift type.
PyObject *swiftmod_make_closure(PyObject *module, void *box, swiftmod_closure_invoke invoke, void (*release)(void *),
                                const char *signature, const char *description);

static inline int swiftmod_is_callable(PyObject *o) { return PyCallable_Check(o); }
/// The calling thread, to tell the exported call's own thread from others.
static inline uintptr_t swiftmod_thread_id(void) { return (uintptr_t)pthread_self(); }
static inline int swiftmod_gil_ensure(void) { return (int)PyGILState_Ensure(); }
/// Whether the running interpreter (the GIL is held) is the main one, whose GIL `PyGILState_Ensure` takes.
static inline int swiftmod_in_main_interpreter(void) { return PyInterpreterState_GetID(PyInterpreterState_Get()) == 0; }
/// Whether Python can still be called from a thread that does not hold the GIL (not while the
/// interpreter finalizes: taking the GIL then would hang or end the thread).
static inline int swiftmod_can_call_python(void) {
#if PY_VERSION_HEX >= 0x030D0000 && !defined(Py_LIMITED_API)
    return Py_IsInitialized() && !Py_IsFinalizing();
#else
    return Py_IsInitialized();
#endif
}
static inline void swiftmod_gil_release(int state) { PyGILState_Release((PyGILState_STATE)state); }
/// Calls `callable` with `count` positional arguments (vectorcall where the API has it).
PyObject *swiftmod_call(PyObject *callable, PyObject *const *args, Py_ssize_t count);
/// The pending exception (normalized, with its traceback), a new reference; clears it.
PyObject *swiftmod_fetch_exception(void);
/// Raises `exception` again (steals the reference).
void swiftmod_restore_exception(PyObject *exception);
/// The exception's repr (a new reference), or NULL with no exception set.
PyObject *swiftmod_exception_repr(PyObject *exception);
/// Reports the pending exception through `sys.unraisablehook`, naming `where`.
static inline void swiftmod_write_unraisable(PyObject *where) { PyErr_WriteUnraisable(where); }
/// Releases a reference from any thread, taking the GIL for it; nothing once the interpreter is
/// finalizing (the object goes with it).
void swiftmod_release_anywhere(PyObject *o);

/// Module execution: sets the union `name` (docs/design/python-shapes.md#unions), `expression`
/// (`str | bytes | list[str]`) evaluated in the module's namespace, as an attribute of the
/// module, or of the type `owner` names there for a nested union.
int swiftmod_add_union(PyObject *module, const char *owner, const char *name, const char *expression);

/// Sets an enum.Enum class's computed properties and methods (docs/design/types.md#enums): each `defs[i]` is a
/// function of `module` whose first argument is the member (`kinds[i]` 'm': a method, 'p': a
/// property) or a static method ('s').
int swiftmod_enum_attach(PyObject *type, PyObject *module, PyMethodDef *defs, const char *kinds, const char *qualname);

/// A Collection's `tp_iter`: CPython's iterator over its `sq_item` (stops at IndexError).
PyObject *swiftmod_sequence_iter(PyObject *self);
/// A Collection's `sq_contains`: whether an element `== value`, as `in` on a list.
int swiftmod_sequence_contains(PyObject *self, PyObject *value);

/// The minor version of the running CPython 3 (not of the headers: an abi3 module built against
/// 3.10 also runs on 3.13), from `Py_GetVersion()`.
int swiftmod_python_minor(void);

static inline PyObject *swiftmod_none(void) { return Py_None; }
static inline PyObject *swiftmod_true(void) { return Py_True; }
static inline PyObject *swiftmod_false(void) { return Py_False; }
static inline PyObject *swiftmod_new_none(void) { return Py_NewRef(Py_None); }
static inline PyObject *swiftmod_new_bool(int value) { return Py_NewRef(value ? Py_True : Py_False); }
static inline void swiftmod_incref(PyObject *o) { Py_INCREF(o); }
static inline void swiftmod_decref(PyObject *o) { Py_DECREF(o); }
static inline int swiftmod_is_exact_long(PyObject *o) { return PyLong_CheckExact(o); }
static inline int swiftmod_is_exact_float(PyObject *o) { return PyFloat_CheckExact(o); }
static inline int swiftmod_is_unicode(PyObject *o) { return PyUnicode_Check(o); }
static inline int swiftmod_is_exact_bytes(PyObject *o) { return PyBytes_CheckExact(o); }
static inline int swiftmod_is_bytes(PyObject *o) { return PyBytes_Check(o); }
static inline int swiftmod_is_list(PyObject *o) { return PyList_Check(o); }
static inline int swiftmod_is_tuple(PyObject *o) { return PyTuple_Check(o); }
static inline int swiftmod_is_dict(PyObject *o) { return PyDict_Check(o); }
static inline int swiftmod_is_list_or_tuple(PyObject *o) { return PyList_Check(o) || PyTuple_Check(o); }
static inline int swiftmod_is_anyset(PyObject *o) { return PyAnySet_Check(o); }
// The exact pass of a union (docs/design/python-shapes.md#unions): an object of the payload's own Python type.
static inline int swiftmod_is_int_not_bool(PyObject *o) { return PyLong_Check(o) && !PyBool_Check(o); }
static inline int swiftmod_is_float(PyObject *o) { return PyFloat_Check(o); }
static inline int swiftmod_is_bool(PyObject *o) { return PyBool_Check(o); }
static inline int swiftmod_is_bytes_or_bytearray(PyObject *o) { return PyBytes_Check(o) || PyByteArray_Check(o); }
/// After a union case's conversion failed in the converting pass: 1 when the object was of a
/// type the case does not take (a TypeError, cleared: the next case is tried), 0 when the type
/// fitted and the value did not (the error stands and is the call's).
static inline int swiftmod_union_mismatch(void) {
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) return 0;
    PyErr_Clear();
    return 1;
}

/// Whether this thread's C stack has less than a margin left (`swiftmod_runtime.c`).
int swiftmod_stack_is_low(void);
/// One level deeper into a recursive union's value or a pickle state (docs/design/python-shapes.md#unions):
/// CPython's own guard, so a value nested past the recursion limit raises RecursionError, as
/// `json` and `pickle` do; and a check of the stack itself, since 3.12 and 3.13 count C levels
/// whose frames CPython's limit assumes smaller than the glue's (a debug build's above all). 0
/// when the level may be entered; then `swiftmod_leave_nesting` after it.
static inline int swiftmod_enter_nesting(void) {
    if (Py_EnterRecursiveCall(" while converting a nested value") != 0) return -1;
    if (swiftmod_stack_is_low()) {
        Py_LeaveRecursiveCall();
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded while converting a nested value");
        return -1;
    }
    return 0;
}
static inline void swiftmod_leave_nesting(void) { Py_LeaveRecursiveCall(); }

#ifndef Py_LIMITED_API
// MARK: - The version-specific API: macros that read the objects' fields directly

static inline double swiftmod_float_value(PyObject *o) { return PyFloat_AS_DOUBLE(o); }
static inline const char *swiftmod_bytes_data(PyObject *o) { return PyBytes_AS_STRING(o); }
static inline Py_ssize_t swiftmod_bytes_size(PyObject *o) { return PyBytes_GET_SIZE(o); }
static inline Py_ssize_t swiftmod_list_size(PyObject *o) { return PyList_GET_SIZE(o); }
static inline PyObject *swiftmod_list_item(PyObject *o, Py_ssize_t i) { return PyList_GET_ITEM(o, i); }
static inline void swiftmod_list_set(PyObject *o, Py_ssize_t i, PyObject *v) { PyList_SET_ITEM(o, i, v); }
static inline Py_ssize_t swiftmod_tuple_size(PyObject *o) { return PyTuple_GET_SIZE(o); }
static inline PyObject *swiftmod_tuple_item(PyObject *o, Py_ssize_t i) { return PyTuple_GET_ITEM(o, i); }
static inline void swiftmod_tuple_set(PyObject *o, Py_ssize_t i, PyObject *v) { PyTuple_SET_ITEM(o, i, v); }
/// The size of a list or tuple.
static inline Py_ssize_t swiftmod_sequence_size(PyObject *o) { return Py_SIZE(o); }
/// How `swiftmod_sequence_item` reaches a list's or tuple's items: its item array (never NULL,
/// even for an empty list).
typedef PyObject *const *swiftmod_items;
static inline swiftmod_items swiftmod_sequence_items(PyObject *o) {
    static PyObject *no_items[1];
    PyObject **items = PySequence_Fast_ITEMS(o);
    return items != NULL ? items : no_items;
}
/// Item `i` (in range) of the list or tuple `o`, through `items` from `swiftmod_sequence_items`.
static inline PyObject *swiftmod_sequence_item(swiftmod_items items, PyObject *o, Py_ssize_t i) {
    (void)o;
    return items[i];
}
/// Asks the CPU for item `i` of a list or tuple (`items` from `swiftmod_sequence_items`), a few
/// items before a collection read in place reaches it: the object's first 64 bytes (a short
/// str's header and characters), which can straddle two cache lines.
static inline void swiftmod_prefetch_item(swiftmod_items items, Py_ssize_t i) {
    __builtin_prefetch(items[i]);
    __builtin_prefetch((const char *)items[i] + 63);
}
/// Whether `o` is a compact ASCII `str`: its UTF-8 is then its own data, read without a call.
static inline int swiftmod_is_compact_ascii(PyObject *o) { return PyUnicode_Check(o) && PyUnicode_IS_COMPACT_ASCII(o); }
static inline const void *swiftmod_ascii_data(PyObject *o) { return PyUnicode_DATA(o); }
static inline Py_ssize_t swiftmod_ascii_size(PyObject *o) { return PyUnicode_GET_LENGTH(o); }

#else
// MARK: - The limited API (abi3, docs/design/interpreters.md#abi3): the same operations through stable-ABI functions

static inline double swiftmod_float_value(PyObject *o) { return PyFloat_AsDouble(o); }
static inline const char *swiftmod_bytes_data(PyObject *o) { return PyBytes_AsString(o); }
static inline Py_ssize_t swiftmod_bytes_size(PyObject *o) { return PyBytes_Size(o); }
static inline Py_ssize_t swiftmod_list_size(PyObject *o) { return PyList_Size(o); }
static inline PyObject *swiftmod_list_item(PyObject *o, Py_ssize_t i) { return PyList_GetItem(o, i); }
static inline void swiftmod_list_set(PyObject *o, Py_ssize_t i, PyObject *v) { (void)PyList_SetItem(o, i, v); }
static inline Py_ssize_t swiftmod_tuple_size(PyObject *o) { return PyTuple_Size(o); }
static inline PyObject *swiftmod_tuple_item(PyObject *o, Py_ssize_t i) { return PyTuple_GetItem(o, i); }
static inline void swiftmod_tuple_set(PyObject *o, Py_ssize_t i, PyObject *v) { (void)PyTuple_SetItem(o, i, v); }
static inline Py_ssize_t swiftmod_sequence_size(PyObject *o) { return PyList_Check(o) ? PyList_Size(o) : PyTuple_Size(o); }
/// The limited API has no item array: items are read one call at a time from the object.
typedef PyObject *swiftmod_items;
static inline swiftmod_items swiftmod_sequence_items(PyObject *o) { return o; }
static inline PyObject *swiftmod_sequence_item(swiftmod_items items, PyObject *o, Py_ssize_t i) {
    (void)items;
    return PyList_Check(o) ? PyList_GetItem(o, i) : PyTuple_GetItem(o, i);
}
static inline void swiftmod_prefetch_item(swiftmod_items items, Py_ssize_t i) { (void)items; (void)i; }
/// The layout of `str` objects is not part of the limited API: every `str` takes the cached
/// UTF-8 path (`PyUnicode_AsUTF8AndSize`, in the limited API since 3.10).
static inline int swiftmod_is_compact_ascii(PyObject *o) { (void)o; return 0; }
static inline const void *swiftmod_ascii_data(PyObject *o) { (void)o; return NULL; }
static inline Py_ssize_t swiftmod_ascii_size(PyObject *o) { (void)o; return 0; }
#endif

// MARK: - The GIL (docs/design/gil.md): its own header, included here so that every file that
// includes this one has it.
#include "swiftmod_gil.h"

#endif

"""#,
        #"new/Library.swift.tmpl"#: #"""
// Plain Swift: swiftmod exports every public function here to Python as `{{module}}`.

/// Counts the words in `text`: runs of characters separated by whitespace.
///
/// Words shorter than `minLength` characters are not counted.
public func wordCount(_ text: String, minLength: Int = 1) -> Int {
    text.split(whereSeparator: \.isWhitespace).filter { $0.count >= minLength }.count
}

/// Returns a friendly greeting for `name`.
public func greet(_ name: String) -> String {
    "Hello, \(name)!"
}

/// Why a ratio could not be parsed.
public enum RatioError: Error, Equatable, CustomStringConvertible {
    /// The text has no `/` between numerator and denominator.
    case missingSlash(String)
    /// A part of the ratio is not a number.
    case notANumber(String)
    /// The denominator is zero.
    case zeroDenominator

    public var description: String {
        switch self {
        case .missingSlash(let text): "expected 'numerator/denominator', got '\(text)'"
        case .notANumber(let part): "'\(part)' is not a number"
        case .zeroDenominator: "the denominator is zero"
        }
    }
}

/// Parses a ratio such as `"3/4"` and returns its value.
public func parseRatio(_ text: String) throws(RatioError) -> Double {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { throw .missingSlash(text) }
    guard let numerator = Double(parts[0]) else { throw .notANumber(String(parts[0])) }
    guard let denominator = Double(parts[1]) else { throw .notANumber(String(parts[1])) }
    guard denominator != 0 else { throw .zeroDenominator }
    return numerator / denominator
}

"""#,
        #"new/LibraryTests.swift.tmpl"#: #"""
import Testing
import {{target}}

@Test func countsWords() {
    #expect(wordCount("the quick brown fox") == 4)
    #expect(wordCount("  spaced   out  ") == 2)
    #expect(wordCount("a bb ccc", minLength: 2) == 2)
    #expect(wordCount("") == 0)
}

@Test func greets() {
    #expect(greet("Swift") == "Hello, Swift!")
}

@Test func parsesRatios() throws {
    #expect(try parseRatio("3/4") == 0.75)
    #expect(try parseRatio("-1/8") == -0.125)
}

@Test func rejectsBadRatios() {
    #expect(throws: RatioError.missingSlash("3")) { try parseRatio("3") }
    #expect(throws: RatioError.notANumber("x")) { try parseRatio("x/2") }
    #expect(throws: RatioError.zeroDenominator) { try parseRatio("1/0") }
}

"""#,
        #"new/Package.swift.tmpl"#: #"""
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "{{target}}",
    products: [
        .library(name: "{{target}}", targets: ["{{target}}"])
    ],
    targets: [
        .target(name: "{{target}}"),
        .testTarget(name: "{{target}}Tests", dependencies: ["{{target}}"]),
    ]
)

"""#,
        #"new/README.md.tmpl"#: #"""
# {{name}}

A Python module written in Swift, built with [swiftmod](https://pypi.org/project/swiftmod/).

The Swift code lives in `Sources/{{target}}/` as a plain Swift package: `swift build` and
`swift test` work on it as on any other. swiftmod exports its public functions to Python as
the module `{{module}}` (`wordCount` becomes `word_count`).

## Use it from Python

```sh
python3 -m venv .venv && . .venv/bin/activate
swiftmod develop          # build and install into the virtualenv, for the edit-rebuild loop
python -c "import {{module}}; print({{module}}.greet('world'))"

swiftmod build            # a release wheel in dist/, installable where Swift is not
pip install .             # or let pip build it, through swiftmod's build backend
```

## Test it

```sh
swift test                # the Swift tests in Tests/{{target}}Tests
pip install pytest && pytest tests   # the Python tests, after swiftmod develop
```

"""#,
        #"new/gitignore.tmpl"#: #"""
.build/
.build-*/
.swiftpm/
Package.resolved
dist/
.venv/
__pycache__/
*.so

"""#,
        #"new/mixed/README.md.tmpl"#: #"""
# {{name}}

A Python package with a Swift core, built with [swiftmod](https://pypi.org/project/swiftmod/).

```
pyproject.toml            python-source = "python", module-name = "{{module}}"
Package.swift             a plain Swift package
Sources/{{target}}/        the Swift core: its public functions become {{module}}
python/{{package}}/       the Python package: __init__.py wraps the Swift core
tests/                    pytest tests of the Python package
```

## Use it from Python

```sh
python3 -m venv .venv && . .venv/bin/activate
swiftmod develop          # build the core into python/{{package}}/, link the package into the venv
python -c "import {{package}}; print({{package}}.shout('world'))"
```

After `swiftmod develop`, edits to `python/{{package}}/` are live: no reinstall. Edits to the
Swift code need `swiftmod develop` again.

```sh
swiftmod build            # a release wheel in dist/, installable where Swift is not
pip install .             # or let pip build it, through swiftmod's build backend
```

## Test it

```sh
swift test                # the Swift tests in Tests/{{target}}Tests
pip install pytest && pytest tests   # the Python tests, after swiftmod develop
```

"""#,
        #"new/mixed/__init__.py.tmpl"#: #"""
"""{{name}}: Python code around a Swift core.

The Swift functions in Sources/{{target}} are the extension module `{{module}}`; this package
re-exports them and adds Python of its own.
"""

from .{{extension}} import RatioError, greet, parse_ratio, word_count

__all__ = ["RatioError", "greet", "parse_ratio", "shout", "word_count"]


def shout(name: str) -> str:
    """The Swift greeting for `name`, in capitals."""
    return greet(name).upper()

"""#,
        #"new/mixed/gitignore.tmpl"#: #"""
.build/
.build-*/
.swiftpm/
dist/
.venv/
__pycache__/
# swiftmod develop builds the Swift core into the Python package:
*.so
python/{{package}}/{{extension}}.pyi

"""#,
        #"new/mixed/py.typed.tmpl"#: #""#,
        #"new/mixed/pyproject.toml.tmpl"#: #"""
[build-system]
requires = ["{{swiftmod_requirement}}"]
build-backend = "swiftmod"

[project]
name = "{{name}}"
version = "0.1.0"
description = "A Python package with a Swift core"
readme = "README.md"
requires-python = ">=3.10"
license = "MIT"
classifiers = [
    "Programming Language :: Python :: Implementation :: CPython",
    "Programming Language :: Swift",
]

[tool.swiftmod]
# The Python package is python/{{package}}/; the Swift core ships inside it as
# {{package}}/{{extension}}.<EXT_SUFFIX>, with its stubs in {{extension}}.pyi.
python-source = "python"
module-name = "{{module}}"
swift-target = "{{target}}"

"""#,
        #"new/mixed/test_package.py.tmpl"#: #"""
import pytest

import {{package}}


def test_the_swift_core():
    assert {{package}}.word_count("the quick brown fox") == 4
    assert {{package}}.word_count("a bb ccc", min_length=2) == 2
    assert {{package}}.parse_ratio("3/4") == 0.75


def test_the_python_wrapper():
    assert {{package}}.shout("Python") == "HELLO, PYTHON!"


def test_errors_come_from_swift():
    with pytest.raises({{package}}.RatioError, match="denominator is zero"):
        {{package}}.parse_ratio("1/0")

"""#,
        #"new/pyproject.toml.tmpl"#: #"""
[build-system]
requires = ["{{swiftmod_requirement}}"]
build-backend = "swiftmod"

[project]
name = "{{name}}"
version = "0.1.0"
description = "A Python module written in Swift"
readme = "README.md"
requires-python = ">=3.10"
license = "MIT"
classifiers = [
    "Programming Language :: Python :: Implementation :: CPython",
    "Programming Language :: Swift",
]

[tool.swiftmod]
module-name = "{{module}}"
swift-target = "{{target}}"

"""#,
        #"new/test_module.py.tmpl"#: #"""
import pytest

import {{module}}


def test_word_count():
    assert {{module}}.word_count("the quick brown fox") == 4
    assert {{module}}.word_count("a bb ccc", min_length=2) == 2


def test_greet():
    assert {{module}}.greet("Python") == "Hello, Python!"


def test_parse_ratio():
    assert {{module}}.parse_ratio("3/4") == 0.75


def test_parse_ratio_error():
    with pytest.raises({{module}}.RatioError, match="denominator is zero"):
        {{module}}.parse_ratio("1/0")

"""#,
        #"upload/upload.py.tmpl"#: #"""
"""Uploads wheels and sdists to a package index over the upload API twine uses (`swiftmod upload`).

Generated by swiftmod and run by a Python interpreter (the HTTP and TLS of Python's standard
library): swiftmod passes the settings in a JSON file only its user can read (argv[1]), and
this prints one JSON line per file
({"file", "status": "uploaded" | "skipped" | "failed", "message"}). Every field is read from the
file itself: the metadata from the wheel's METADATA or the sdist's PKG-INFO, the digests from
its bytes. Nothing is retried.
"""

import base64
import email.parser
import hashlib
import json
import os
import sys
import tarfile
import urllib.error
import urllib.request
import uuid
import zipfile

#: Core-metadata fields sent as form fields (lower-case names, as the upload API spells them).
MULTIPLE = {"classifier": "classifiers", "requires-dist": "requires_dist", "project-url": "project_urls",
            "provides-extra": "provides_extra", "license-file": "license_file", "dynamic": "dynamic",
            "platform": "platform", "supported-platform": "supported_platform", "obsoletes-dist": "obsoletes_dist",
            "provides-dist": "provides_dist", "requires-external": "requires_external"}
SINGLE = {"metadata-version": "metadata_version", "name": "name", "version": "version", "summary": "summary",
          "home-page": "home_page", "author": "author", "author-email": "author_email", "maintainer": "maintainer",
          "maintainer-email": "maintainer_email", "license": "license", "license-expression": "license_expression",
          "keywords": "keywords", "requires-python": "requires_python", "description-content-type": "description_content_type",
          "download-url": "download_url"}


def metadata(path):
    """The core metadata of a wheel (.dist-info/METADATA) or an sdist (PKG-INFO)."""
    name = os.path.basename(path)
    if name.endswith(".whl"):
        with zipfile.ZipFile(path) as archive:
            entries = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
            if len(entries) != 1:
                raise ValueError("it has no single .dist-info/METADATA")
            text = archive.read(entries[0]).decode("utf-8")
        return email.parser.Parser().parsestr(text), "bdist_wheel", name.split("-")[2]
    with tarfile.open(path, "r:gz") as archive:
        members = [m for m in archive.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO")]
        if len(members) != 1:
            raise ValueError("it has no PKG-INFO at its top level")
        text = archive.extractfile(members[0]).read().decode("utf-8")
    return email.parser.Parser().parsestr(text), "sdist", "source"


def form(path):
    """The upload form of one file: (field, value) pairs and the file's bytes."""
    meta, filetype, pyversion = metadata(path)
    with open(path, "rb") as file:
        content = file.read()
    fields = [(":action", "file_upload"), ("protocol_version", "1"), ("filetype", filetype), ("pyversion", pyversion),
              ("md5_digest", hashlib.md5(content).hexdigest()), ("sha256_digest", hashlib.sha256(content).hexdigest()),
              ("blake2_256_digest", hashlib.blake2b(content, digest_size=32).hexdigest())]
    for key, value in meta.items():
        lower = key.lower()
        if lower in SINGLE:
            fields.append((SINGLE[lower], value))
        elif lower in MULTIPLE:
            fields.append((MULTIPLE[lower], value))
    body = meta.get_payload()
    if body:
        fields.append(("description", body))
    return fields, content


def encode(fields, filename, content):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + str(value).encode("utf-8") + b"\r\n")
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="content"; filename="{filename}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(settings, path):
    filename = os.path.basename(path)
    try:
        fields, content = form(path)
    except (OSError, ValueError, zipfile.BadZipFile, tarfile.TarError) as error:
        return "failed", f"cannot read {filename}: {error}"
    body, content_type = encode(fields, filename, content)
    request = urllib.request.Request(settings["url"], data=body, method="POST")
    request.add_header("Content-Type", content_type)
    credentials = base64.b64encode(f"{settings['username']}:{settings['password']}".encode()).decode()
    request.add_header("Authorization", f"Basic {credentials}")
    request.add_header("User-Agent", "swiftmod-upload")
    try:
        with urllib.request.urlopen(request, timeout=settings["timeout"]) as response:
            return "uploaded", f"{response.status} {response.reason}"
    except urllib.error.HTTPError as error:
        text = error.read(2000).decode("utf-8", "replace")
        # An HTML error page says no more than its status line.
        reason = f"{error.code} {error.reason}" if text.lstrip().startswith("<") else " ".join(text.split())[:300] or f"{error.code} {error.reason}"
        exists = error.code == 409 or (error.code == 400 and ("already exist" in text.lower() or "file exists" in text.lower()))
        if exists:
            return ("skipped", "it is on the index already") if settings["skip_existing"] else ("exists", f"{error.code} {error.reason}")
        if error.code in (401, 403):
            return "denied", f"{error.code} {error.reason}"
        return "failed", f"the index answered {reason}"
    except (urllib.error.URLError, OSError) as error:
        return "unreachable", str(getattr(error, "reason", error))


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        settings = json.load(file)
    for path in settings["files"]:
        status, message = upload(settings, path)
        print(json.dumps({"file": path, "status": status, "message": message}), flush=True)
        if status not in ("uploaded", "skipped"):
            break  # the first failure stops the upload: nothing is retried


main()

"""#,
    ]
}
