"""The file pipeline (Sources/Concurrency/Pipeline.swift): Swift reads files on its own threads,
a bounded number at a time, while the event loop goes on (docs/design/async.md)."""

import asyncio
import os

import pytest

import concurrency
from conftest import counter_passed
from concurrency import FileReport, LimitError, ScanError


def fnv1a(data: bytes) -> int:
    checksum = 0xCBF29CE484222325
    for byte in data:
        checksum = ((checksum ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return checksum


def expected(path: str) -> tuple[str, int, int, int, int]:
    with open(path, "rb") as file:
        data = file.read()
    return (path, len(data), data.count(b"\n"), len(data.split()), fnv1a(data))


def fields(report: FileReport) -> tuple[str, int, int, int, int]:
    return (report.path, report.bytes, report.lines, report.words, report.checksum)


CONTENTS = [
    b"",
    b"one line\n",
    b"no newline at the end",
    b"  leading and trailing  \n\n\t tabs\tand\x0bvertical\x0cfeeds\r\n",
    "unicode: naïve café, 日本語\n".encode(),
    bytes(range(256)) * 3,
    b"word " * 40_000 + b"\n" * 70_000,  # several 64 KB blocks, words across block boundaries
]


@pytest.fixture
def files(tmp_path):
    paths = []
    for index, content in enumerate(CONTENTS):
        path = tmp_path / f"file{index}.txt"
        path.write_bytes(content)
        paths.append(str(path))
    return paths


@pytest.fixture
def big_file(tmp_path):
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(1 << 20))
    return str(path)


def test_the_reports_match_python_s_own_counts_in_the_order_given(files):
    reports = asyncio.run(concurrency.scan_files(files, concurrency=3))
    assert [fields(report) for report in reports] == [expected(path) for path in files]
    assert reports == asyncio.run(concurrency.scan_files(files))
    assert repr(reports[1]) == f"FileReport(path={files[1]!r}, bytes=9, lines=1, words=2, checksum={fnv1a(CONTENTS[1])})"


def test_no_more_files_are_open_at_once_than_the_limit(files):
    concurrency.take_most_files_open()
    asyncio.run(concurrency.scan_files(files * 6, concurrency=2))
    assert 1 <= concurrency.take_most_files_open() <= 2
    asyncio.run(concurrency.scan_files(files, concurrency=1))
    assert concurrency.take_most_files_open() == 1


def test_an_unreadable_file_is_an_os_error_naming_it(files, tmp_path):
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(ScanError, match=f"cannot read {missing}: No such file or directory") as caught:
        asyncio.run(concurrency.scan_files(files + [missing]))
    assert isinstance(caught.value, OSError)
    with pytest.raises(OSError, match="Is a directory"):
        asyncio.run(concurrency.scan_files([str(tmp_path)]))


@pytest.mark.parametrize("limit", [0, -1, 257, 2**62])
def test_a_concurrency_limit_out_of_range_is_a_value_error(files, limit):
    with pytest.raises(LimitError, match=f"between 1 and 256, not {limit}") as caught:
        asyncio.run(concurrency.scan_files(files, concurrency=limit))
    assert isinstance(caught.value, ValueError)


def test_no_files_is_no_reports():
    assert asyncio.run(concurrency.scan_files([])) == []


def test_the_loop_goes_on_while_swift_reads(big_file):
    async def main():
        ticks = 0
        done = False

        async def ticker():
            nonlocal ticks
            while not done:
                ticks += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(ticker())
        reports = await concurrency.scan_files([big_file] * 20, concurrency=2)
        done = True
        await task
        return reports, ticks

    reports, ticks = asyncio.run(main())
    assert len(reports) == 20 and all(fields(report) == expected(big_file) for report in reports[:2])
    assert ticks > 1


async def scans_cancelled_since(before: int) -> bool:
    """Whether a Swift scan ended by cancellation (past `before`) within about two seconds."""
    return await counter_passed(concurrency.cancelled_scan_count, before)


def test_cancelling_the_awaiting_task_cancels_the_reads(big_file):
    async def main():
        before = concurrency.cancelled_scan_count()
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(concurrency.scan_files([big_file] * 2000), 0.005)
        return await scans_cancelled_since(before)

    assert asyncio.run(main())


def test_a_task_cancelled_before_it_starts_reads_nothing(big_file):
    async def main():
        before = concurrency.cancelled_scan_count()
        concurrency.take_most_files_open()
        task = asyncio.ensure_future(concurrency.scan_files([big_file] * 50))
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.05)
        return concurrency.cancelled_scan_count() - before, concurrency.take_most_files_open()

    assert asyncio.run(main()) == (0, 0)


def test_scans_gathered_with_python_work(files, big_file):
    async def python_work():
        await asyncio.sleep(0.01)
        return "python"

    async def main():
        return await asyncio.gather(concurrency.scan_files(files), python_work(), concurrency.scan_files([big_file] * 3))

    first, word, second = asyncio.run(main())
    assert [fields(report) for report in first] == [expected(path) for path in files]
    assert word == "python" and [report.path for report in second] == [big_file] * 3


def test_reports_as_they_complete_are_an_async_iterator(files):
    async def main():
        return [report async for report in concurrency.scan_as_completed(files, concurrency=2)]

    reports = asyncio.run(main())
    assert sorted(fields(report) for report in reports) == sorted(expected(path) for path in files)


def test_breaking_out_of_the_iteration_cancels_the_reads(big_file):
    async def main():
        before = concurrency.cancelled_scan_count()
        async for report in concurrency.scan_as_completed([big_file] * 2000, concurrency=2):
            assert report.bytes == 1 << 20
            break
        return await scans_cancelled_since(before)

    assert asyncio.run(main())


def test_an_unreadable_file_ends_the_iteration_with_its_error(files, tmp_path):
    async def main():
        seen = []
        with pytest.raises(ScanError, match="No such file"):
            async for report in concurrency.scan_as_completed([str(tmp_path / "missing")] + files, concurrency=1):
                seen.append(report)
        return seen

    assert asyncio.run(main()) == []
    with pytest.raises(LimitError):
        asyncio.run(anext(concurrency.scan_as_completed(files, concurrency=0)))
