"""Helpers shared by the example's suites."""

import asyncio
from collections.abc import Callable


async def counter_passed(count: Callable[[], int], before: int) -> bool:
    """Whether a Swift counter (`cancellation_count`, ...) went past `before` within about two
    seconds: Swift's side of a cancellation runs on its own threads, after Python's."""
    for _ in range(2000):
        if count() > before:
            return True
        await asyncio.sleep(0.001)
    return False
