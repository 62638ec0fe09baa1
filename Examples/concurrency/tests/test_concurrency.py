"""Swift async functions as asyncio awaitables (docs/design/async.md)."""

import asyncio
import collections.abc
import inspect
import os
import subprocess
import sys
import textwrap

import pytest

import concurrency
from conftest import counter_passed
from concurrency import Greeter, WorkError


def run(coroutine):
    return asyncio.run(coroutine)


def test_an_async_function_returns_a_coroutine_that_asyncio_runs():
    awaitable = concurrency.sleep_for(milliseconds=5)
    assert asyncio.iscoroutine(awaitable) and inspect.isawaitable(awaitable)
    assert asyncio.run(awaitable) == 5
    # A built-in function: not a coroutine function, but what it returns is a coroutine.
    assert not inspect.iscoroutinefunction(concurrency.sleep_for)

    async def main():
        task = asyncio.create_task(concurrency.sleep_for(milliseconds=1))
        return await task, await concurrency.sleep_for(milliseconds=2)

    assert run(main()) == (1, 2)


def test_results_errors_and_none():
    async def main():
        return await concurrency.sum(up_to=1000), await concurrency.square_root(16.0), await concurrency.nothing()

    assert run(main()) == (499500, 4.0, None)


def test_a_swift_error_raises_its_exception_class():
    async def main():
        await concurrency.square_root(-1.0)

    with pytest.raises(WorkError, match="the value is negative") as caught:
        run(main())
    assert caught.value.case == "negative"


def test_typed_throws_and_swift_default_expressions():
    async def main():
        with pytest.raises(WorkError, match="too large") as caught:
            await concurrency.half(1 << 41)
        assert caught.value.case == "tooLarge"
        return await concurrency.half(10), await concurrency.tick(), await concurrency.tick(after=1)

    assert run(main()) == (5, 2, 1)


def test_bad_arguments_raise_at_the_call():
    async def main():
        concurrency.sleep_for(milliseconds="ten")

    with pytest.raises(TypeError, match="argument 'milliseconds'"):
        run(main())


def test_running_the_coroutine_outside_an_event_loop_is_a_runtime_error():
    coroutine = concurrency.sleep_for(milliseconds=1)
    with pytest.raises(RuntimeError, match="sleep_for\\(\\) is async: .*no running event loop"):
        coroutine.send(None)
    coroutine.close()


def test_the_loop_keeps_running_while_swift_works():
    async def main():
        swift = asyncio.ensure_future(concurrency.sleep_for(milliseconds=2000))
        python = asyncio.ensure_future(asyncio.sleep(0.001, "python"))
        done, _ = await asyncio.wait({swift, python}, return_when=asyncio.FIRST_COMPLETED)
        assert done == {python}
        swift.cancel()
        with pytest.raises(asyncio.CancelledError):
            await swift

    run(main())


def test_gathered_calls_run_concurrently_and_keep_their_order():
    async def main():
        return await asyncio.gather(*(concurrency.sleep_for(milliseconds=n % 7) for n in range(200)))

    assert run(main()) == [n % 7 for n in range(200)]


async def swift_saw_cancellation(before: int) -> bool:
    """Whether a Swift task counted its cancellation (past `before`) within about two seconds."""
    return await counter_passed(concurrency.cancellation_count, before)


def test_cancelling_the_awaiting_task_cancels_the_swift_task():
    async def main():
        before = concurrency.cancellation_count()
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(concurrency.wait_for_cancellation(seconds=30.0), 0.05)
        return await swift_saw_cancellation(before)

    assert run(main())


def test_closing_a_started_coroutine_cancels_the_swift_task():
    async def main():
        before = concurrency.cancellation_count()
        coroutine = concurrency.wait_for_cancellation(seconds=30.0)
        assert isinstance(coroutine.send(None), asyncio.Future)  # started: it waits on the future
        coroutine.close()
        return await swift_saw_cancellation(before)

    assert run(main())


def test_a_swift_cancellation_error_is_asyncio_cancelled_error():
    async def main():
        with pytest.raises(asyncio.CancelledError):
            await concurrency.give_up()
        return "still running"

    assert run(main()) == "still running"


def test_awaiting_the_same_coroutine_twice_is_python_s_error():
    async def main():
        awaitable = concurrency.sum(up_to=10)
        first = await awaitable
        with pytest.raises(RuntimeError, match="cannot reuse already awaited coroutine"):
            await awaitable
        return first

    assert run(main()) == 45


def test_async_methods_and_static_methods():
    async def main():
        greeter = await Greeter.make("Ada")
        assert isinstance(greeter, Greeter)
        return await greeter.greet(after=1), await Greeter(name="Bob").greet()

    assert run(main()) == ("Hello, Ada!", "Hello, Bob!")


def test_many_event_loops_one_after_another():
    for n in range(20):
        assert run(_sum(n)) == n * (n - 1) // 2


async def _sum(n):
    return await concurrency.sum(up_to=n)


def test_a_loop_in_another_thread():
    import threading

    results = []
    thread = threading.Thread(target=lambda: results.append(run(_sum(100))))
    thread.start()
    thread.join()
    assert results == [4950]


def test_exiting_while_swift_tasks_run_does_not_crash(tmp_path):
    # Swift tasks still sleeping at exit (cancelling their Python tasks does not reach the
    # sleeps), tasks that finish after their loop closed, and tasks that finish while the
    # interpreter exits (an atexit handler keeps it busy meanwhile): the process exits normally.
    script = textwrap.dedent("""
        import asyncio, atexit, time
        import concurrency
        atexit.register(time.sleep, 0.3)
        streams = []

        async def main():
            keep = [asyncio.ensure_future(concurrency.stubborn_sleep(milliseconds=60_000))]
            keep += [asyncio.ensure_future(concurrency.stubborn_sleep(milliseconds=n)) for n in range(0, 600, 2)]
            keep += [asyncio.ensure_future(concurrency.sleep_for(milliseconds=n)) for n in range(0, 600, 2)]
            # Async iterators still producing at exit: one waiting in __anext__, one buffering.
            streams.append(concurrency.ticks(count=100_000, milliseconds=1))
            keep.append(asyncio.ensure_future(anext(streams[-1])))
            streams.append(concurrency.count_up(1_000_000_000))
            await anext(streams[-1])
            await asyncio.sleep(0.05)

        asyncio.run(main())
        print("exiting")
        """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "exiting\n"


# MARK: - Async sequences: async iterators (docs/design/async.md#async-iterators)


async def collect(iterator):
    return [item async for item in iterator]


async def streams_cancelled_since(before: int) -> bool:
    """Whether a Swift stream's onTermination saw a cancellation (past `before`) within about two seconds."""
    return await counter_passed(concurrency.cancelled_stream_count, before)


def test_an_async_stream_is_an_async_iterator_with_its_elements_in_order():
    iterator = concurrency.count_to(1000)
    assert isinstance(iterator, collections.abc.AsyncIterator) and iterator.__aiter__() is iterator
    assert run(collect(iterator)) == list(range(1000))
    assert run(collect(concurrency.count_to(0))) == []
    # some AsyncSequence<String, Never> (a mapped stream), a static method's stream of an
    # exported type, a method's stream.
    assert run(collect(concurrency.words("swift async sequences"))) == ["SWIFT", "ASYNC", "SEQUENCES"]
    assert [g.name for g in run(collect(Greeter.crowd(["Ada", "Grace"])))] == ["Ada", "Grace"]
    assert run(collect(Greeter(name="Zoé").letters())) == ["Z", "o", "é"]
    # A sequence of the module's own, opaque and existential.
    assert run(collect(concurrency.count_up(5))) == run(collect(concurrency.any_count_up(5))) == [0, 1, 2, 3, 4]


def test_anext_and_the_end_of_the_sequence():
    async def main():
        iterator = concurrency.count_to(2)
        step = iterator.__anext__()
        assert inspect.isawaitable(step)
        got = [await step, await anext(iterator)]
        for _ in range(2):  # ended, and stays ended
            with pytest.raises(StopAsyncIteration):
                await anext(iterator)
        assert await anext(iterator, "default") == "default"
        with pytest.raises(RuntimeError, match="cannot reuse"):
            await step
        # A step is a coroutine to asyncio: create_task takes it.
        another = concurrency.count_to(1)
        assert asyncio.iscoroutine(another.__anext__())
        assert await asyncio.create_task(another.__anext__()) == 0
        return got

    assert run(main()) == [0, 1]


def test_a_throwing_stream_raises_the_swift_error_after_its_elements():
    async def main():
        got = []
        with pytest.raises(WorkError, match="negative") as caught:
            async for value in concurrency.fail_after(3):
                got.append(value)
        assert caught.value.case == "negative"
        return got

    assert run(main()) == [0, 1, 2]


def test_a_swift_cancellation_error_in_a_sequence_is_asyncio_cancelled_error():
    async def main():
        iterator = concurrency.give_up_after_one()
        assert await anext(iterator) == 1
        with pytest.raises(asyncio.CancelledError):
            await anext(iterator)
        with pytest.raises(StopAsyncIteration):
            await anext(iterator)
        return "still running"

    assert run(main()) == "still running"


def test_elements_from_a_swift_task_with_delays_do_not_block_the_loop():
    async def main():
        python = asyncio.ensure_future(asyncio.sleep(0.001, "python"))
        values = await collect(concurrency.ticks(count=5, milliseconds=20))
        assert python.done()
        return values

    assert run(main()) == [0, 1, 2, 3, 4]


def test_two_iterators_concurrently():
    async def main():
        return await asyncio.gather(
            collect(concurrency.ticks(count=10, milliseconds=2)), collect(concurrency.count_to(5000)), collect(concurrency.ticks(count=3, milliseconds=5))
        )

    slow, fast, short = run(main())
    assert slow == list(range(10)) and fast == list(range(5000)) and short == [0, 1, 2]


def test_breaking_out_of_async_for_cancels_the_swift_side():
    async def main():
        before = concurrency.cancelled_stream_count()
        async for value in concurrency.ticks(count=100_000, milliseconds=1):
            if value == 3:
                break
        # The iterator is gone with the loop's reference: its Swift task is cancelled, and the
        # stream's onTermination sees .cancelled.
        return await streams_cancelled_since(before)

    assert run(main())


def test_aclose_cancels_the_swift_side_and_ends_the_iterator():
    async def main():
        before = concurrency.cancelled_stream_count()
        iterator = concurrency.ticks(count=100_000, milliseconds=1)
        assert await anext(iterator) == 0
        assert await iterator.aclose() is None
        assert await streams_cancelled_since(before)
        with pytest.raises(StopAsyncIteration):
            await anext(iterator)
        # Closing one never iterated starts nothing, and is fine.
        await concurrency.ticks(count=1, milliseconds=1).aclose()

    run(main())


def test_cancelling_a_pending_anext_cancels_the_swift_iteration():
    async def main():
        before = concurrency.cancelled_stream_count()
        iterator = concurrency.ticks(count=10, milliseconds=30_000)
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(anext(iterator), 0.05)
        assert await streams_cancelled_since(before)
        with pytest.raises(StopAsyncIteration):
            await anext(iterator)

        before = concurrency.cancelled_stream_count()
        task = asyncio.ensure_future(anext(concurrency.ticks(count=10, milliseconds=30_000)))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return await streams_cancelled_since(before)

    assert run(main())


def test_a_second_anext_while_one_waits_is_a_runtime_error():
    async def main():
        iterator = concurrency.ticks(count=2, milliseconds=50)
        first = asyncio.ensure_future(anext(iterator))
        await asyncio.sleep(0.005)
        with pytest.raises(RuntimeError, match="already running"):
            await anext(iterator)
        with pytest.raises(RuntimeError, match="already running"):
            await iterator.aclose()
        return await first, await anext(iterator)

    assert run(main()) == (0, 1)


def test_an_async_iterator_outside_an_event_loop():
    iterator = concurrency.ticks(count=1, milliseconds=1)
    step = iterator.__anext__()
    with pytest.raises(RuntimeError, match="no running event loop"):
        step.send(None)
    # Elements that are already there need no loop, as a Python async generator's do not.
    assert asyncio.run(collect(iterator)) == [0]


def test_the_awaitable_of_a_step_refuses_misuse_with_python_exceptions():
    iterator = concurrency.count_to(3)
    with pytest.raises(TypeError):
        type(iterator)()
    step = iterator.__anext__()
    with pytest.raises(TypeError):
        type(step)()
    with pytest.raises(TypeError, match="non-None"):
        step.send(1)
    with pytest.raises(TypeError):
        step.throw()
    with pytest.raises(TypeError, match="exceptions must be"):
        step.throw(1)
    with pytest.raises(ValueError, match="thrown"):
        iterator.__anext__().throw(ValueError, "thrown")
    with pytest.raises(KeyError):
        iterator.__anext__().throw(KeyError("k"))
    assert iterator.__anext__().close() is None
    # None of that advanced the iterator.
    assert run(collect(iterator)) == [0, 1, 2]


def test_a_waiting_step_thrown_into_or_closed_cancels_the_swift_iteration():
    async def main():
        results = []
        for finish in ("throw", "close", "drop"):
            before = concurrency.cancelled_stream_count()
            iterator = concurrency.ticks(count=10, milliseconds=30_000)
            step = iterator.__anext__()
            assert isinstance(step.send(None), asyncio.Future)  # waiting on the future
            if finish == "throw":
                with pytest.raises(ZeroDivisionError):
                    step.throw(ZeroDivisionError())
            elif finish == "close":
                step.close()
            else:
                del step
            results.append(await streams_cancelled_since(before))
            with pytest.raises(StopAsyncIteration):
                await anext(iterator)
        return results

    assert run(main()) == [True, True, True]


def test_one_iterator_stepped_from_two_threads_loops_gives_each_element_once():
    import threading

    iterator = concurrency.ticks(count=40, milliseconds=1)
    got = {0: [], 1: []}
    refused = []

    async def consume(index):
        while True:
            try:
                got[index].append(await anext(iterator))
            except StopAsyncIteration:
                return
            except RuntimeError as error:  # the other thread's step is waiting
                assert "already running" in str(error)
                refused.append(index)
                await asyncio.sleep(0.001)

    threads = [threading.Thread(target=asyncio.run, args=(consume(index),)) for index in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads)
    assert sorted(got[0] + got[1]) == list(range(40))
    assert got[0] == sorted(got[0]) and got[1] == sorted(got[1])


# MARK: - properties of async iterators (hypothesis, where installed)

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    OPERATIONS = st.lists(st.sampled_from(["next", "next", "next", "cancel", "aclose", "second"]), max_size=12)

    @settings(max_examples=40, deadline=None)
    @given(count=st.integers(0, 6), milliseconds=st.sampled_from([None, 0, 1]), operations=OPERATIONS)
    def test_property_elements_stay_in_order_whatever_is_cancelled(count, milliseconds, operations):
        """Random steps, cancelled steps, aclose and second steps: every element Python gets is
        the next one in order, and a cancelled or closed iterator ends; never a crash or a hang."""

        async def main():
            iterator = concurrency.count_to(count) if milliseconds is None else concurrency.ticks(count=count, milliseconds=milliseconds)
            expected, closed = 0, False
            for operation in operations:
                if operation == "next":
                    try:
                        value = await asyncio.wait_for(anext(iterator), 5)
                    except StopAsyncIteration:
                        assert closed or expected == count
                    else:
                        assert not closed and value == expected
                        expected += 1
                elif operation == "cancel":
                    task = asyncio.ensure_future(anext(iterator))
                    await asyncio.sleep(0)
                    task.cancel()
                    try:
                        value = await task
                    except asyncio.CancelledError:
                        closed = True  # it was waiting: the Swift iteration is cancelled
                    except StopAsyncIteration:
                        assert closed or expected == count
                    else:
                        assert not closed and value == expected
                        expected += 1
                elif operation == "aclose":
                    await iterator.aclose()
                    closed = True
                else:
                    first = asyncio.ensure_future(anext(iterator))
                    await asyncio.sleep(0)
                    if not first.done():
                        with pytest.raises(RuntimeError, match="already running"):
                            await anext(iterator)
                    try:
                        value = await asyncio.wait_for(first, 5)
                    except StopAsyncIteration:
                        assert closed or expected == count
                    else:
                        assert not closed and value == expected
                        expected += 1
            rest = await asyncio.wait_for(collect(iterator), 5)
            assert rest == ([] if closed else list(range(expected, count)))

        run(main())
