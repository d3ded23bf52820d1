"""One registry pattern for every extension point: a typed name -> the object that implements it.

Extractors (by file kind), output formats, forwarders (by ``type``), sources (by target scheme), CLI
command groups, and the decoders, validators and filters that rules name, are each one ``Registry``: a
table of lines ``(name, "module:attribute")`` whose names are a ``Literal`` type, so mypy refuses a name
that is not a member. The table is checked when its module is
imported: a name listed twice, a member of the type with no line, or a line for a name outside the type is
a ``RegistryError`` at start-up, not a format that silently never runs. A line may say ``None`` where a
name deliberately has no implementation (a KeePass database has no extractor: detectors judge it by name
and head alone), so that choice is written down too.

The module named by a line is imported on first use only: a scan of text files never loads PDFium, and
``credscan --help`` loads no command's dependencies. What the attribute must be (a subclass of the
extension point's base class, or a function) is checked when it is loaded; every line is loaded once by
the tests (tests/test_registries.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=str)
T = TypeVar("T")


class RegistryError(Exception):
    """A registry table that does not match its name type, or a line that names the wrong kind of object:
    a programming error in credscan or a plug-in, raised at import time (never a user's mistake)."""


class Registry(Generic[K, T]):
    """``name -> T``, loaded lazily from "module:attribute" lines and checked complete at construction."""

    def __init__(
        self,
        what: str,
        names: Iterable[K],
        lines: Iterable[tuple[K, str | None]],
        accept: Callable[[object], T | None],
    ) -> None:
        """``what`` names the extension point in messages ("extractor"); ``names`` are every member of the
        name type (``typing.get_args`` of the Literal); ``accept`` returns the loaded attribute as a T, or
        None when it is not one (then the line is wrong)."""
        self.what = what
        self._accept = accept
        self._targets: dict[K, str | None] = {}
        for name, target in lines:
            if name in self._targets:
                raise RegistryError(f"{what} registry: {name!r} is registered twice")
            if target is not None and target.count(":") != 1:
                raise RegistryError(f"{what} registry: {name!r} -> {target!r} is not 'module:attribute'")
            self._targets[name] = target
        expected = list(names)
        missing = [name for name in expected if name not in self._targets]
        unknown = [name for name in self._targets if name not in expected]
        if missing:
            raise RegistryError(f"{what} registry: no line for {', '.join(map(repr, missing))}")
        if unknown:
            raise RegistryError(f"{what} registry: {', '.join(map(repr, unknown))} not among the names")
        self._names = tuple(expected)
        self._loaded: dict[K, T | None] = {}

    def names(self) -> tuple[K, ...]:
        """Every registered name, in the order of the name type."""
        return self._names

    def name_of(self, text: str) -> K | None:
        """``text`` as one of the registered names (a command-line or config value), or None."""
        return next((name for name in self._names if name == text), None)

    def implemented(self) -> tuple[K, ...]:
        """The names that have an implementation (a line that is not None)."""
        return tuple(name for name in self._names if self._targets[name] is not None)

    def override(self, name: K, target: str) -> None:
        """Point an existing line elsewhere (tests that plant a trap extractor in a worker); a name that is
        not registered stays an error: an override cannot add an extension point's member."""
        if name not in self._targets:
            raise RegistryError(f"{self.what} registry: cannot override {name!r}, it has no line")
        self._targets[name] = target
        self._loaded.pop(name, None)

    def get(self, name: K) -> T | None:
        """The implementation of ``name``, its module imported on first use; None when the line says so."""
        if name not in self._loaded:
            target = self._targets[name]
            self._loaded[name] = None if target is None else self._load(name, target)
        return self._loaded[name]

    def require(self, name: K) -> T:
        """Like get(), for a name whose line must name an implementation."""
        found = self.get(name)
        if found is None:
            raise RegistryError(f"{self.what} registry: {name!r} has no implementation")
        return found

    # Read like the mapping of names to implementations it is (the decoder, validator and filter tables
    # were dicts, and callers and tests read them so).

    def __getitem__(self, name: K) -> T:
        return self.require(name)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.name_of(text) is not None

    def items(self) -> Iterator[tuple[K, T]]:
        """(name, implementation) of every implemented name, in the order of the name type."""
        return ((name, self.require(name)) for name in self.implemented())

    def values(self) -> Iterator[T]:
        return (self.require(name) for name in self.implemented())

    def _load(self, name: K, target: str) -> T:
        module_name, attribute = target.split(":")
        found = getattr(importlib.import_module(module_name), attribute, None)
        accepted = self._accept(found)
        if accepted is None:
            raise RegistryError(f"{self.what} registry: {name!r} -> {target} is not a {self.what}")
        return accepted


def subclass_of(base: type) -> Callable[[object], type[Any] | None]:
    """An ``accept`` for registries of classes: the attribute must be a concrete subclass of ``base``.
    (``base`` is usually abstract, which mypy refuses for a ``type[B]`` parameter: the registry's variable
    is annotated with the class type instead.)"""

    def accept(found: object) -> type[Any] | None:
        concrete = not getattr(found, "__abstractmethods__", None)
        return found if isinstance(found, type) and issubclass(found, base) and concrete else None

    return accept


def a_function(found: object) -> Callable[..., Any] | None:
    """An ``accept`` for registries of functions (decoders, validators, filters): the attribute must be a
    function, not a class or a constant."""
    return found if callable(found) and not isinstance(found, type) else None
