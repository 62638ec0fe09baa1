"""Swift async functions as asyncio awaitables (docs/design/async.md)."""

import asyncio
import inspect
import os
import subprocess
import sys
import textwrap

import pytest

import concurrency
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
    for _ in range(2000):
        if concurrency.cancellation_count() > before:
            return True
        await asyncio.sleep(0.001)
    return False


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

        async def main():
            keep = [asyncio.ensure_future(concurrency.stubborn_sleep(milliseconds=60_000))]
            keep += [asyncio.ensure_future(concurrency.stubborn_sleep(milliseconds=n)) for n in range(0, 600, 2)]
            keep += [asyncio.ensure_future(concurrency.sleep_for(milliseconds=n)) for n in range(0, 600, 2)]
            await asyncio.sleep(0.05)

        asyncio.run(main())
        print("exiting")
        """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "exiting\n"
