"""Borrowed parameters (docs/design/borrowed.md), checked against the built module: every row of the table,
wrong formats, non-contiguous and read-only buffers, errors, and that nothing is copied."""

import array
import inspect
import threading

import pytest

import buffers as b

numpy = pytest.importorskip("numpy", reason="NumPy is in the end-to-end venv (Tests/EndToEnd/requirements.txt)")


# MARK: - UTF8Span from str


@pytest.mark.parametrize("text", ["", "ascii", "héllo", "a\x00b", "😀 emoji", "\x00", "中文" * 1000])
def test_utf8_span_sees_the_exact_utf8_including_nul_and_non_ascii(text):
    assert b.utf8_length(text) == len(text.encode())
    assert b.scalar_count(text) == len(text)
    assert b.contains_nul(text) == ("\x00" in text)


def test_utf8_span_refuses_bytes_and_lone_surrogates_naming_the_argument():
    with pytest.raises(TypeError, match="argument 'text': expected str, got bytes"):
        b.utf8_length(b"abc")
    with pytest.raises(UnicodeEncodeError, match="argument 'text'"):
        b.utf8_length("a\ud800")


def test_a_str_subclass_is_a_str():
    class Name(str):
        pass

    assert b.utf8_length(Name("héllo")) == 6


# MARK: - RawSpan and Span<UInt8> from any C-contiguous buffer


def fnv(data: bytes) -> int:
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) % 2**64
    return value


@pytest.mark.parametrize("make", [
    bytes, bytearray, memoryview, lambda d: array.array("B", d), lambda d: numpy.frombuffer(d, dtype=numpy.uint8),
    lambda d: memoryview(bytearray(d)).cast("c"),
])
def test_raw_and_byte_spans_read_any_buffer(make):
    data = b"swiftmod\x00\xff"
    assert b.checksum(make(data)) == fnv(data)
    assert b.count_byte(make(data), ord("f")) == 1


def test_raw_span_sees_the_bytes_of_wider_items_too():
    values = array.array("d", [1.5, -2.0])
    assert b.checksum(values) == fnv(values.tobytes())
    assert b.checksum(numpy.arange(4, dtype=numpy.int32)) == fnv(numpy.arange(4, dtype=numpy.int32).tobytes())


def test_byte_spans_refuse_what_is_not_a_buffer_and_non_contiguous_buffers():
    with pytest.raises(TypeError, match="argument 'data': expected a bytes-like object, got list"):
        b.checksum([1, 2])
    with pytest.raises(TypeError, match="argument 'data': expected a bytes-like object, got str"):
        b.checksum("abc")
    with pytest.raises(BufferError, match="argument 'data': the buffer is not C-contiguous"):
        b.checksum(memoryview(b"abcdef")[::2])


# MARK: - Span<T> from buffers of a matching format


@pytest.mark.parametrize("make", [
    lambda v: array.array("d", v), lambda v: numpy.array(v, dtype=numpy.float64),
    lambda v: memoryview(array.array("d", v).tobytes()).cast("d"), lambda v: numpy.array(v, dtype=numpy.float64)[1:],
])
def test_span_of_double_reads_array_numpy_and_cast_memoryviews(make):
    values = [0.5, 1.5, 2.25, -4.0]
    expected = sum(make(values).tolist())
    assert b.total(make(values)) == expected


def test_spans_of_other_element_types():
    assert b.total_float(array.array("f", [1.5, 2.5])) == 4.0
    assert b.total_float(numpy.array([1, 2], dtype=numpy.float32)) == 3.0
    assert b.max_int64(array.array("q", [3, -9, 12])) == 12
    assert b.max_int64(numpy.array([3, 40, 2], dtype=numpy.int64)) == 40  # NumPy says format 'l'
    assert b.max_int64(array.array("q")) is None
    assert b.max_int64(numpy.array([], dtype=numpy.int64)) is None
    assert b.total_uint16(array.array("H", [65535, 1])) == 65536


@pytest.mark.parametrize(("value", "got"), [
    (array.array("q", [1]), "q"), (array.array("f", [1.0]), "f"), (numpy.zeros(2, dtype=numpy.int32), "i"),
    (b"abcdefgh", "B"), (bytearray(8), "B"),
])
def test_a_wrong_item_format_is_a_type_error_naming_the_expected_format(value, got):
    with pytest.raises(TypeError, match=rf"argument 'values': expected a buffer of Double \(format 'd'\), got format '{got}'"):
        b.total(value)


def test_non_contiguous_typed_buffers_are_a_buffer_error():
    with pytest.raises(BufferError, match="argument 'values': the buffer is not C-contiguous"):
        b.total(numpy.arange(10, dtype=numpy.float64)[::2])
    with pytest.raises(BufferError, match="not C-contiguous"):
        b.total(numpy.zeros((3, 3))[:, 0])
    with pytest.raises(BufferError, match="not C-contiguous"):
        b.total(numpy.asfortranarray(numpy.zeros((3, 3))))


def test_a_two_dimensional_c_contiguous_array_is_its_items_in_order():
    assert b.total(numpy.arange(6, dtype=numpy.float64).reshape(2, 3)) == 15.0


def test_a_misaligned_buffer_is_refused_not_read():
    raw = numpy.zeros(17, dtype=numpy.uint8)
    misaligned = raw[1:].view(numpy.float64)
    with pytest.raises(BufferError, match="not aligned for Double"):
        b.total(misaligned)


def test_byte_order_prefixes():
    assert b.total(numpy.array([1.0, 2.0], dtype="<f8")) == 3.0
    with pytest.raises(TypeError, match="got format '>d'"):
        b.total(numpy.array([1.0, 2.0], dtype=">f8"))


# MARK: - inout MutableSpan<T>: written in place


def test_mutable_spans_change_the_callers_memory():
    values = array.array("d", [1.0, 3.0])
    assert b.normalize(values) is None
    assert values.tolist() == [0.25, 0.75]
    matrix = numpy.array([2.0, 2.0, 4.0])
    b.normalize(matrix)
    assert matrix.tolist() == [0.25, 0.25, 0.5]
    data = bytearray(b"abc")
    b.fill_bytes(data, 65)
    assert data == b"AAA"
    ints = numpy.array([1, 2], dtype=numpy.int32)
    b.add_in_place(ints, 40)
    assert ints.tolist() == [41, 42]


def test_a_read_only_buffer_into_a_mutable_span_is_refused():
    with pytest.raises(BufferError, match="argument 'data': the buffer is read-only; a MutableSpan parameter needs a writable buffer"):
        b.fill_bytes(b"abc", 1)
    frozen = numpy.zeros(3)
    frozen.flags.writeable = False
    with pytest.raises(BufferError, match="argument 'values': the buffer is read-only"):
        b.normalize(frozen)
    assert frozen.tolist() == [0.0, 0.0, 0.0]


def test_a_throwing_call_releases_the_buffer_so_a_bytearray_can_be_resized_again():
    for _ in range(3):
        values = array.array("d", [0.0, 0.0])
        with pytest.raises(b.NormalizeError, match="the values sum to zero"):
            b.normalize(values)
        values.append(1.0)  # BufferError here if the export were still held
        assert values.tolist() == [0.0, 0.0, 1.0]
    data = bytearray()
    with pytest.raises(OverflowError, match="argument 'with_'"):
        b.fill_bytes(data, 300)  # fails after the buffer was taken
    data.extend(b"more")
    assert data == b"more"


# MARK: - some Collection<T> / some Sequence<T>: a list or tuple read in place


def test_collections_read_lists_and_tuples_in_place():
    assert b.sum_all([1.0, 2.5, 3.0]) == 6.5
    assert b.sum_all(()) == 0.0
    assert b.describe_words(("ab", "cde", "é")) == "ab:6"
    assert b.count_above([1, 5, 9], limit=4) == 2


def test_elements_that_are_not_exact_still_convert_with_their_usual_rules():
    class Half(float):
        pass

    assert b.sum_all([1.0, 2, True, Half(0.5)]) == 4.5
    assert b.count_above([1, True, 10], limit=0) == 3


def test_conversion_errors_name_the_argument_and_the_index():
    with pytest.raises(TypeError, match=r"argument 'values': item 2: must be real number, not str"):
        b.sum_all([1.0, 2.0, "x"])
    with pytest.raises(TypeError, match="argument 'values': expected list or tuple, got set"):
        b.sum_all({1.0})
    with pytest.raises(OverflowError, match="argument 'values': item 1"):
        b.count_above([1, 2**70], limit=0)


def test_collections_of_collections_read_every_inner_list_in_place():
    assert b.row_sums([[1.0, 2.0], (3.0,), []]) == [3.0, 3.0, 0.0]
    assert b.row_sums(()) == []
    assert b.row_sums([[1, True], [0.5]]) == [2.0, 0.5]  # items converted up front, same answers
    assert b.document_lengths([["ab", "c"], ("déf",), []]) == [3, 3, 0]
    # some Sequence takes any iterable, outside and inside.
    assert b.document_lengths(iter([iter(["xyz"]), {"ab"}, ("a", "b")])) == [3, 2, 2]
    assert b.document_lengths([["ab"], (w for w in ["a", "bc"])]) == [2, 3]


def test_collections_of_collections_name_both_indices_in_errors():
    with pytest.raises(TypeError, match=r"argument 'rows': item 1: expected list or tuple, got set"):
        b.row_sums([[1.0], {2.0}])
    with pytest.raises(TypeError, match=r"argument 'rows': item 1: item 1: must be real number, not str"):
        b.row_sums([[1.0], [2.0, "x"]])
    with pytest.raises(TypeError, match=r"argument 'documents': item 0: item 1: expected str, got int"):
        b.document_lengths([["a", 1]])
    with pytest.raises(TypeError, match=r"argument 'documents': item 1: 'int' object is not iterable"):
        b.document_lengths([["a"], 5])


def fnv1a(data: bytes) -> int:
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) % 2**64
    return value


class _Str(str):
    pass


class _Bytes(bytes):
    pass


def test_raw_bytes_items_are_each_str_or_bytes_item_read_in_place():
    items = ["", "abc", "é€😀", b"\x00\xff", _Str("sub"), _Bytes(b"sub"), "x" * 100]
    expected = [fnv1a(i.encode() if isinstance(i, str) else bytes(i)) for i in items]
    assert b.item_hashes(items) == expected
    assert b.item_hashes(tuple(items)) == expected
    assert b.item_hashes(["abc"]) == b.item_hashes([b"abc"])  # a str and its UTF-8 are the same bytes
    # Items that exist only while the generator runs stay alive for the whole call.
    made = [fnv1a(f"{i}-{'é' * (i % 3)}".encode()) for i in range(2000)]
    assert b.item_hashes(f"{i}-{'é' * (i % 3)}" for i in range(2000)) == made
    assert b.document_sizes([["ab", b"c"], (), ("é",)]) == [3, 0, 2]
    assert b.document_sizes(iter([[b"xyz"]])) == [3]


def test_raw_bytes_items_also_read_byte_buffers_in_place_and_release_them():
    data = bytearray(b"grow")
    buffers = [data, memoryview(b"mv"), array.array("B", b"arr"), memoryview(b"c").cast("c"),
               numpy.frombuffer(b"np", dtype=numpy.uint8), numpy.frombuffer(b"abcd", dtype=numpy.uint8).reshape(2, 2)]
    expected = [fnv1a(bytes(x)) for x in buffers]
    assert b.item_hashes(["s", *buffers]) == [fnv1a(b"s"), *expected]
    assert b.document_sizes([buffers, ["x", data]]) == [4 + 2 + 3 + 1 + 2 + 4, 5]
    data.extend(b"n")  # every view was released when the call returned: the bytearray can grow
    assert data == b"grown"


def test_raw_bytes_items_reject_other_objects_naming_the_item():
    with pytest.raises(TypeError, match=r"argument 'items': item 1: expected str or a bytes-like object, got int"):
        b.item_hashes(["a", 1])
    with pytest.raises(TypeError, match=r"argument 'items': item 1: expected str or a bytes-like object of 1-byte items, not 8-byte items \(format 'q'\), got array"):
        b.item_hashes(["a", array.array("q", [1])])
    with pytest.raises(TypeError, match=r"argument 'items': item 1: expected str or a bytes-like object of unsigned bytes \(format 'B'\), not format 'b', got array"):
        b.item_hashes(["a", array.array("b", b"x")])
    with pytest.raises(TypeError, match=r"argument 'items': item 0: expected str or a bytes-like object that is C-contiguous, got memoryview"):
        b.item_hashes([memoryview(b"abcd")[::2]])
    with pytest.raises(UnicodeEncodeError, match=r"argument 'items': item 1"):
        b.item_hashes(["a", "\ud800"])
    with pytest.raises(TypeError, match=r"argument 'documents': item 0: expected list or tuple, got generator"):
        b.document_sizes([(x for x in ["a"])])
    with pytest.raises(TypeError, match=r"argument 'items': 'int' object is not iterable"):
        b.item_hashes(5)


# MARK: - signatures, stubs, threads


def test_signatures_show_borrowed_parameters_like_any_other():
    assert str(inspect.signature(b.total)) == "(values, /)"
    assert str(inspect.signature(b.fill_bytes)) == "(data, /, with_)"
    assert b.total.__doc__.startswith("The sum of a buffer of doubles")


def test_buffers_stay_valid_while_other_threads_run():
    values = numpy.arange(200_000, dtype=numpy.float64)
    expected = float(values.sum())
    results = []

    def work():
        for _ in range(50):
            results.append(b.total(values))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 200


def rss() -> int:
    import resource

    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def test_nothing_is_copied_100_mb_pass_through_with_flat_rss():
    data = bytes(100 * 2**20)
    floats = numpy.zeros(100 * 2**20 // 8)
    b.checksum(data[:10])
    before = rss()
    assert b.count_byte(data, 1) == 0
    assert b.checksum(data) != 0
    assert b.total(floats) == 0.0
    b.normalize(floats[:1] + 1.0)
    assert rss() - before < 10 * 2**20, f"RSS grew by {rss() - before} bytes"
