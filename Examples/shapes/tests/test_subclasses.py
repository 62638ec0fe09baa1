"""Python subclasses of exported non-final classes (docs/design/types.md#subclasses)."""

import gc
import pickle
import weakref

import pytest

from shapes import Animal, Circle, Dog, Point, Shape, describe, largest, total_area


class Blob(Shape):
    """A subclass whose __init__ takes other arguments than Shape's."""

    def __init__(self, name, extra):
        super().__init__(name)
        self.extra = extra


class Lazy(Shape):
    """A subclass whose __init__ forgets super().__init__."""

    def __init__(self, name):
        self.label = name


class Plain(Shape):
    """No __init__ of its own: Shape's runs with the subclass's arguments."""


def test_a_subclass_is_instantiated_and_super_init_runs_the_swift_initializer():
    blob = Blob("blob", extra=3)
    assert type(blob) is Blob and isinstance(blob, Shape)
    assert blob.name == "blob" and blob.extra == 3
    assert blob.area() == 0.0 and str(blob) == "blob"
    blob.name = "renamed"
    assert blob.name == "renamed" and repr(blob) == 'Shape(name: "renamed")'
    plain = Plain(name="plain")
    assert plain.name == "plain" and type(plain) is Plain


def test_subclass_objects_have_a_dict_and_weak_references():
    blob = Blob("blob", extra=[1, 2])
    blob.more = "x"
    assert blob.__dict__ == {"extra": [1, 2], "more": "x"}
    ref = weakref.ref(blob)
    assert ref() is blob
    del blob
    gc.collect()
    assert ref() is None


def test_a_cycle_through_the_dict_is_collected_and_the_swift_object_freed():
    before = Shape.live_count()
    blob = Blob("cyclic", extra=None)
    blob.extra = blob
    assert Shape.live_count() == before + 1
    del blob
    gc.collect()
    assert Shape.live_count() == before


def test_subclass_objects_pass_to_swift_parameters_of_the_base_type():
    blob = Blob("blob", extra=1)
    assert describe(blob) == describe(Shape("blob"))
    assert total_area([blob, Circle(radius=1.0)]) == pytest.approx(3.14159, rel=1e-5)
    # The Swift object comes back as the exported class: the Python subclass part stays behind.
    back = largest([blob])
    assert type(back) is Shape and back.name == "blob"


def test_an_init_that_never_calls_super_init_raises_runtime_error_from_every_entry_point():
    lazy = Lazy("lazy")
    assert lazy.label == "lazy"
    message = r"Lazy object has no Swift Shape: its __init__ must call super\(\)\.__init__"
    for touch in [
        lambda: lazy.area(),
        lambda: lazy.perimeter(),
        lambda: lazy.name,
        lambda: setattr(lazy, "name", "x"),
        lambda: repr(lazy),
        lambda: str(lazy),
        lambda: hash(lazy),
        lambda: lazy == Shape("s"),
        lambda: Shape("s") == lazy,
        lambda: lazy == lazy,
        lambda: describe(lazy),
        lambda: total_area([lazy]),
    ]:
        with pytest.raises(RuntimeError, match=message):
            touch()
    before = Shape.live_count()
    del lazy
    gc.collect()
    assert Shape.live_count() == before


def test_a_second_init_is_refused_and_the_exported_types_own_init_does_nothing():
    blob = Blob("blob", extra=1)
    with pytest.raises(RuntimeError, match=r"Shape\.__init__\(\) was already called for this Blob object"):
        Shape.__init__(blob, "again")
    assert blob.name == "blob"
    shape = Shape("own")
    shape.__init__("ignored")  # type.__call__ calls __init__ after the constructor: it must do nothing
    assert shape.name == "own"


def test_init_arguments_are_checked_like_the_constructors():
    with pytest.raises(TypeError):
        Blob(3, extra=1)
    with pytest.raises(TypeError):
        Plain()
    # An init that raised leaves the object empty, never half made.
    class Half(Shape):
        def __init__(self):
            try:
                super().__init__(42)
            except TypeError:
                pass

    with pytest.raises(RuntimeError, match="no Swift Shape"):
        Half().area()


def test_a_base_init_cannot_fill_the_object_of_a_subclass_of_another_exported_class():
    class Pet(Animal):
        def __init__(self, name):
            super().__init__(name=name)

    assert Pet("rex").name == "rex"
    with pytest.raises(TypeError, match="not an acceptable base type"):

        class Puppy(Dog):  # a final class
            pass


def test_final_classes_and_structs_refuse_subclassing():
    for final in (Circle, Dog, Point):
        with pytest.raises(TypeError, match="is not an acceptable base type"):
            type("Sub", (final,), {})


def test_slots_and_mixins():
    class Mixin:
        __slots__ = ()

        def hello(self):
            return f"hello {self.name}"

    class Slotted(Mixin, Shape):
        __slots__ = ("tag",)

        def __init__(self, name, tag):
            super().__init__(name)
            self.tag = tag

    slotted = Slotted("s", tag=1)
    assert slotted.hello() == "hello s" and slotted.tag == 1
    assert not hasattr(slotted, "__dict__")


def test_pickling_a_subclass_object_of_a_class_that_is_not_codable_is_refused():
    # Shape is not Codable: copyreg's __reduce_ex__ cannot rebuild its Swift part.
    with pytest.raises(TypeError, match="cannot pickle 'Blob' object"):
        pickle.dumps(Blob("blob", extra=2))


def test_new_alone_gives_an_empty_object_and_dealloc_is_safe():
    for _ in range(100):
        empty = Blob.__new__(Blob)
        del empty
    with pytest.raises(RuntimeError):
        Shape.area(Plain.__new__(Plain))


def test_every_exported_type_subclassed_and_left_empty_raises_never_crashes():
    """Subclass every exported type; for those that allow it, touch every member of an object
    whose __init__ skipped super().__init__ (and of an object made by __new__ alone)."""
    import operator

    import shapes

    values = [None, 0, 1.5, "s", [], (1, 2), Shape("x"), Point(1.0, 2.0)]
    subclassed = 0
    for name in dir(shapes):
        base = getattr(shapes, name)
        if not isinstance(base, type) or issubclass(base, BaseException):
            continue
        try:
            sub = type("Sub", (base,), {"__init__": lambda self, *args, **kwargs: None})
        except (TypeError, AttributeError):  # final, or an enum.Enum (its metaclass refuses)
            continue
        try:
            empty = sub()
        except TypeError:  # no constructor, or an enum with associated values
            continue
        subclassed += 1
        for member in dir(base):
            if member.startswith("__") or member == "_swiftmod_decode":
                continue
            try:
                attribute = getattr(empty, member)
            except RuntimeError:
                continue
            if callable(attribute):
                for args in [(), *[(v,) for v in values]]:
                    try:
                        attribute(*args)
                    except (RuntimeError, TypeError, ValueError):
                        pass
        for touch in [repr, str, hash, len, iter, bool, pickle.dumps, lambda o: o[0], lambda o: o == o,
                      lambda o: o < o, lambda o: operator.add(o, o), lambda o: -o, lambda o: shapes.describe(o)]:
            try:
                touch(empty)
            except (RuntimeError, TypeError, ValueError, AttributeError):
                pass
    assert subclassed >= 2  # Shape, Animal
