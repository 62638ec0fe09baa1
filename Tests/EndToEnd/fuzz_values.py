"""What both fuzzers (fuzz_pythonic.py, fuzz_shapes.py) pass besides their own objects."""

import gc
import reprlib


def deep_lists_frozen():
    """Lists nested 3, 2,000 and 200,000 levels deep (past every interpreter's recursion limit): a
    recursive conversion (a union, a pickle state) must raise RecursionError, never overflow the C
    stack. Made once, then every object alive so far is frozen out of the collector's way
    (`gc.freeze`): the fuzzers collect garbage often, and walking 200,000 lists each time made a
    batch half as slow again. Call it before making the objects the fuzz should see collected."""
    lists = []
    for depth in (3, 2000, 200_000):
        value = None
        for _ in range(depth):
            value = [value]
        lists.append(value)
    gc.freeze()
    return lists


# Log lines: deep lists have no plain repr (it raises RecursionError).
SHORT = reprlib.Repr()
SHORT.maxlevel, SHORT.maxlist, SHORT.maxstring = 4, 6, 40
