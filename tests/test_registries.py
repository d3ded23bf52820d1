"""Every extension point is one Registry (credscan/registry.py): complete, without duplicates, and each
line naming the right kind of object. Costs about 2 s (it imports every extractor, format and forwarder)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any, get_args

import pytest

from credscan.central.forward import FORWARDERS, Forwarder
from credscan.cli import COMMANDS
from credscan.config import ForwardType
from credscan.detect.decoders import DECODERS
from credscan.detect.filters import FILTERS, FilterInput, drop_verdict
from credscan.detect.rule import DecoderName, FilterName, ValidatorName
from credscan.detect.rules import RuleSet
from credscan.detect.validators import VALIDATORS
from credscan.errors import UserError
from credscan.extract.interface import Extractor
from credscan.extract.registry import EXTRACTORS
from credscan.model import FileKind
from credscan.output.interface import FORMATS, OutputFormat
from credscan.registry import Registry, RegistryError, a_function, subclass_of
from credscan.sources import SOURCES, scheme_of
from credscan.sources.interface import Source

REGISTRIES: list[tuple[Registry[Any, Any], tuple[str, ...], type | None]] = [
    (EXTRACTORS, get_args(FileKind), Extractor),
    (FORMATS, ("table", "json", "jsonl", "sarif", "csv", "html"), OutputFormat),
    (FORWARDERS, get_args(ForwardType), Forwarder),
    (SOURCES, ("local", "smb"), Source),
    (DECODERS, get_args(DecoderName), None),
    (VALIDATORS, get_args(ValidatorName), None),
    (FILTERS, get_args(FilterName), None),
    (
        COMMANDS,
        ("scan", "agent", "config", "rules", "report", "baseline", "findings", "shares", "secrets", "server"),
        None,
    ),
]


@pytest.mark.parametrize(("registry", "names", "base"), REGISTRIES, ids=lambda v: getattr(v, "what", ""))
def test_every_line_loads_the_right_kind_of_object(
    registry: Registry[Any, Any], names: tuple[str, ...], base: type | None
) -> None:
    assert registry.names() == names
    for name in registry.implemented():
        found = registry.get(name)
        if base is None:
            assert callable(found)
        else:
            assert isinstance(found, type) and issubclass(found, base), (registry.what, name)


@pytest.mark.parametrize("registry", [DECODERS, VALIDATORS, FILTERS], ids=lambda r: r.what)
def test_a_check_rules_name_is_the_function_of_that_name(registry: Registry[Any, Any]) -> None:
    """A rule's ``decoder = "x"``, ``validators``, ``skip_filters`` and the name ``-v`` and ``rules explain``
    give a drop: one name for one function (a decoder may keep its older rule-facing name)."""
    for name in registry.names():
        function = registry.require(name)
        assert callable(function) and not isinstance(function, type)
        if registry is not DECODERS:
            assert function.__name__ == name, (registry.what, name)


def test_a_rule_naming_an_unknown_check_is_refused(tmp_path: Any) -> None:
    pack = (
        '[[rules]]\nid = "t.x"\nname = "x"\ncategory = "plaintext-password"\nseverity = "high"\n'
        "confidence = 0.5\nkeywords = [\"pw\"]\npattern = 'pw=(?P<secret>\\S+)'\n"
    )
    for line, message in (
        ('decoder = "rot13"', "unknown decoder 'rot13'"),
        ('validators = ["is_strong"]', "unknown validator 'is_strong'"),
        ('skip_filters = ["no_such"]', "unknown filter 'no_such' in skip_filters"),
    ):
        (tmp_path / "x.toml").write_text(pack + line + "\n")
        with pytest.raises(UserError, match=message):
            RuleSet.load([tmp_path])


def test_the_first_filter_that_drops_names_itself() -> None:
    """``-v`` and ``rules explain`` say which filter dropped a match: the Verdict carries its name."""
    line = "PASS: ld-elf/eh5"
    item = FilterInput(secret="ld-elf/eh5", line=line, prefix="", label="PASS:", before="PASS: ld-elf/eh4",
                       after="PASS: ld-elf/eh6", file_name="check.log")  # fmt: skip
    verdict = drop_verdict(item)
    assert verdict is not None and verdict.name == "test_result_line" and verdict.reason
    skipped = drop_verdict(item, skip=("test_result_line",))
    assert skipped is None or skipped.name != "test_result_line"


def test_a_function_registry_refuses_a_class_or_a_constant() -> None:
    assert a_function(len) is len and a_function(Base) is None and a_function(LINES) is None


def test_the_kinds_without_an_extractor_are_the_ones_judged_by_name_and_head() -> None:
    assert set(EXTRACTORS.names()) - set(EXTRACTORS.implemented()) == {
        "kdbx",
        "sqlite",
        "pkcs12-weak",
        "binary",
    }


def test_a_module_is_imported_only_when_its_name_is_used() -> None:
    """The registries are what keeps a scan of text files from loading PDFium and the agent from loading
    every forwarder: importing them imports no implementation."""
    code = (
        "import sys; import credscan.extract.registry, credscan.output.interface, credscan.central.forward; "
        "print(' '.join(m for m in ('credscan.extract.pdf', 'credscan.output.sarif', "
        "'credscan.central.forward.syslog', 'pypdfium2') if m in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == ""


class Base:
    pass


class Good(Base):
    pass


LINES: list[tuple[str, str | None]] = [("a", f"{__name__}:Good"), ("b", None)]


def build(
    lines: list[tuple[str, str | None]], names: tuple[str, ...] = ("a", "b")
) -> Registry[str, type[Base]]:
    return Registry("widget", names, lines, subclass_of(Base))


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([*LINES, ("a", f"{__name__}:Good")], "'a' is registered twice"),
        (LINES[:1], "no line for 'b'"),
        ([*LINES, ("c", f"{__name__}:Good")], "'c' not among the names"),
        ([("a", "no colon"), ("b", None)], "is not 'module:attribute'"),
    ],
)
def test_a_wrong_table_fails_when_it_is_built(lines: list[tuple[str, str | None]], message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        build(lines)


def test_a_line_naming_the_wrong_object_fails_when_loaded() -> None:
    registry = build([("a", f"{__name__}:Base"), ("b", f"{__name__}:LINES")])
    assert registry.get("a") is Base  # Base is a subclass of itself and concrete
    with pytest.raises(RegistryError, match=r"'b' -> .*:LINES is not a widget"):
        registry.get("b")


def test_get_require_and_override() -> None:
    registry = build(LINES)
    assert registry.get("a") is Good and registry.get("b") is None and registry.implemented() == ("a",)
    with pytest.raises(RegistryError, match="no implementation"):
        registry.require("b")
    assert registry.name_of("a") == "a" and registry.name_of("z") is None
    assert "a" in registry and "z" not in registry and registry["a"] is Good  # reads like a mapping
    assert dict(registry.items()) == {"a": Good} and list(registry.values()) == [Good]
    registry.override("b", f"{__name__}:Good")
    assert registry.require("b") is Good
    with pytest.raises(RegistryError, match="cannot override 'z'"):
        registry.override("z", f"{__name__}:Good")


@pytest.mark.parametrize(
    ("target", "scheme"),
    [("smb://nas/share", "smb"), ("SMB://NAS/share", "smb"), ("/srv/share", "local"), ("local://x", "local"),
     ("http://example/x", "local"), ("C:\\Users", "local")],
)  # fmt: skip
def test_targets_go_to_the_source_of_their_scheme(target: str, scheme: str) -> None:
    assert scheme_of(target) == scheme
