"""ContiguousArray<T> results (docs/design/results.md#arrays), checked against the built module: an
object that owns the Swift array and shares its memory through the buffer protocol."""

import gc
import sys

import pytest

import buffers as b

numpy = pytest.importorskip("numpy", reason="NumPy is in the end-to-end venv (Tests/EndToEnd/requirements.txt)")


def test_an_array_result_is_a_sequence_of_its_values():
    r = b.halves(5)
    assert type(r) is b.DoubleArray
    assert len(r) == 5
    assert r[0] == 0.0 and r[4] == 2.0 and r[-1] == 2.0 and r[-5] == 0.0
    assert list(r) == [0.0, 0.5, 1.0, 1.5, 2.0]
    assert r.tolist() == [0.0, 0.5, 1.0, 1.5, 2.0]
    with pytest.raises(IndexError):
        r[5]
    with pytest.raises(IndexError):
        r[-6]
    with pytest.raises(TypeError):
        r["x"]


def test_repr_shows_the_values_abridged_when_long():
    assert repr(b.halves(3)) == "DoubleArray([0.0, 0.5, 1.0])"
    assert repr(b.halves(0)) == "DoubleArray([])"
    assert repr(b.halves(1000)) == "DoubleArray([0.0, 0.5, 1.0, ..., 498.5, 499.0, 499.5])"


def test_memoryview_shares_the_memory():
    r = b.halves(4)
    m = memoryview(r)
    assert m.obj is r
    assert (m.format, m.itemsize, m.ndim, m.shape, m.strides) == ("d", 8, 1, (4,), (8,))
    assert m.c_contiguous and not m.readonly
    m[1] = 7.0
    assert r[1] == 7.0


def test_numpy_asarray_shares_the_memory():
    r = b.halves(1000)
    a = numpy.asarray(r)
    assert a.dtype == numpy.float64 and a.shape == (1000,)
    assert numpy.shares_memory(a, numpy.asarray(r))
    a[:] = 1.0
    assert r[999] == 1.0 and sum(r) == 1000.0


@pytest.mark.parametrize(
    "make, dtype, values",
    [
        (lambda: b.squares([1.5, 2.0]), numpy.float32, [2.25, 4.0]),
        (lambda: b.byte_ramp(300), numpy.uint8, None),
        (lambda: b.integers(3, 7), numpy.int64, [3, 4, 5, 6]),
        (lambda: b.extremes()[0], numpy.int16, [-32768, -1, 0, 32767]),
        (lambda: b.extremes()[1], numpy.uint64, [0, 1, 2**64 - 1]),
    ],
)
def test_each_element_type_has_its_format(make, dtype, values):
    r = make()
    a = numpy.asarray(r)
    assert a.dtype == dtype
    assert a.tolist() == r.tolist()
    if values is not None:
        assert r.tolist() == values
    assert type(r).__name__ == {numpy.float32: "FloatArray", numpy.uint8: "UInt8Array", numpy.int64: "IntArray",
                                numpy.int16: "Int16Array", numpy.uint64: "UInt64Array"}[dtype]


def test_byte_items_wrap():
    assert b.byte_ramp(300)[-1] == 299 % 256


def test_views_keep_the_array_alive():
    r = b.halves(10)
    a = numpy.asarray(r)
    m = memoryview(r)
    del r
    gc.collect()
    assert a[9] == 4.5 and m[9] == 4.5
    owner = m.obj
    assert sys.getrefcount(owner) >= 3  # m.obj, numpy's base chain, the argument
    del a, owner
    m.release()


def test_writes_do_not_reach_an_array_swift_still_holds():
    k = b.kept_array()
    numpy.asarray(k)[:] = 0.0
    assert k.tolist() == [0.0, 0.0, 0.0]
    assert b.kept_sum() == 6.0


def test_an_array_goes_back_into_swift():
    assert b.array_sum(b.halves(4)) == 3.0
    assert b.array_sum([1.0, 2.0]) == 3.0
    with pytest.raises(TypeError, match="argument 'values'"):
        b.array_sum(b.squares([1.0]))  # a FloatArray is not a list of Double


def test_optional_array():
    assert b.maybe_halves(-1) is None
    assert b.maybe_halves(2).tolist() == [0.0, 0.5]


def test_cannot_be_created_from_python():
    with pytest.raises(TypeError):
        b.DoubleArray()


def test_empty_array_exports_an_empty_buffer():
    m = memoryview(b.halves(0))
    assert m.tobytes() == b"" and m.shape == (0,)
    assert numpy.asarray(b.halves(0)).shape == (0,)


def test_no_leak_over_many_arrays():
    import resource

    for _ in range(200):
        numpy.asarray(b.halves(10_000)).sum()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(2000):
        numpy.asarray(b.halves(10_000)).sum()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert after - before < 50_000  # KiB: 2000 leaked arrays would be 160 MB
