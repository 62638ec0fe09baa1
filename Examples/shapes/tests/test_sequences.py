"""Lazy iterators (docs/design/results.md#iterators), checked against the built module: each Swift
sequence or iterator result is a Python iterator advanced one element per __next__; exported
Sequence types are iterable over a copy, exported IteratorProtocol types are their own iterators."""

import itertools
import sys
import threading
from collections.abc import Iterator

import pytest

import shapes as s


def test_some_sequence_is_a_lazy_iterator():
    it = s.evens(below=10)
    assert isinstance(it, Iterator)
    assert iter(it) is it
    assert next(it) == 0
    assert list(it) == [2, 4, 6, 8]
    # Ended iterators stay ended, as Python's do.
    assert list(it) == []
    with pytest.raises(StopIteration):
        next(it)


def test_nothing_is_computed_until_asked():
    # 2**62 elements: only a lazy iterator can return this.
    it = s.naturals(2**62)
    assert list(itertools.islice(it, 3)) == [0, 1, 2]
    assert next(it) == 3


def test_each_form_of_lazy_result():
    assert sum(s.naturals(1000)) == 499500
    assert list(s.collatz(6)) == [6, 3, 10, 5, 16, 8, 4, 2, 1]  # some IteratorProtocol<Int>
    assert list(s.words("a bb ccc")) == ["a", "bb", "ccc"]  # AnySequence<String>
    assert list(s.diagonal(2)) == [s.Point(0, 0), s.Point(1, 1)]  # any Sequence<Point>
    powers = list(s.powers_of_two())  # UnfoldFirstSequence<Int>
    assert powers[:4] == [1, 2, 4, 8] and powers[-1] == 2**61
    assert list(s.naturals(-5)) == []


def test_end_of_iteration_creates_no_stop_iteration():
    # A for loop ends on tp_iternext's NULL without an exception: nothing to catch, and
    # sys.exc_info() stays clear inside the loop's else.
    for _ in s.naturals(3):
        pass
    else:
        assert sys.exc_info() == (None, None, None)


def test_the_iterator_owns_its_sequence():
    its = [s.words("x y") for _ in range(3)]
    assert [list(it) for it in its] == [["x", "y"]] * 3


def test_abandoned_iterators_are_freed():
    for _ in range(10_000):
        it = s.naturals(100)
        next(it)
        del it


def test_iterator_type_cannot_be_created_or_subclassed_from_python():
    kind = type(s.evens(below=1))
    with pytest.raises(TypeError):
        kind()


def test_exported_sequence_iterates_over_a_copy():
    countdown = s.Countdown(start=3)
    assert list(countdown) == [3, 2, 1]
    assert list(countdown) == [3, 2, 1]  # a new iterator each time
    it = iter(countdown)
    countdown.start = 100  # value semantics: the iterator has its own copy
    assert list(it) == [3, 2, 1]
    assert list(s.Spelled("ab")) == ["0:a", "1:b"]  # makeIterator() -> AnyIterator<String>


def test_exported_iterator_is_its_own_iterator():
    it = s.CountdownIterator(current=3)
    assert iter(it) is it
    assert next(it) == 3
    assert it.current == 2  # __next__ changes the object
    assert list(it) == [2, 1]
    assert list(it) == []
    fib = s.FibonacciIterator(limit=20)  # a class
    assert iter(fib) is fib
    assert list(fib) == [0, 1, 1, 2, 3, 5, 8, 13]


def test_threads_share_one_iterator_without_losing_or_repeating_elements():
    it = s.naturals(200_000)
    seen: list[list[int]] = [[] for _ in range(4)]

    def drain(out):
        for value in it:
            out.append(value)

    threads = [threading.Thread(target=drain, args=(out,)) for out in seen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(itertools.chain(*seen)) == list(range(200_000))


def test_threads_advance_an_exported_iterator_while_another_sets_it():
    it = s.CountdownIterator(current=100_000)

    def setter():
        for _ in range(2000):  # finite: each set restarts the count
            try:
                it.current = 50
            except RuntimeError:
                pass

    thread = threading.Thread(target=setter)
    thread.start()
    for _ in it:
        pass
    thread.join()
    list(it)  # whatever the last set left
    assert it.current == 0

