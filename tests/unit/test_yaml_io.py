"""Reading YAML: the same data as yaml.safe_load, a line for every key, no alias bombs."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from syslead_desktop.errors import FileFormatError
from syslead_desktop.services.decision_file import decision_from_text
from syslead_desktop.services.yaml_io import parse_yaml

ROOT = Path(__file__).resolve().parents[2]

#: Text as a user could type it: control characters are refused (tests/unit/test_strict_input.py).
texts = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n"), max_size=20
)
scalars = st.one_of(
    texts,
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(texts | st.integers(), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_the_data_is_what_safe_load_gives(document: object, flow: bool) -> None:
    text = yaml.safe_dump({"top": document}, allow_unicode=True, default_flow_style=flow)
    assert parse_yaml(text, "x.yaml").data == yaml.safe_load(text)


@pytest.mark.parametrize(
    "path", sorted([*ROOT.glob("rules/*.yaml"), *ROOT.glob("examples/*.yaml")])
)
def test_shipped_files_read_as_safe_load_reads_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse_yaml(text, path).data == yaml.safe_load(text)


def test_anchors_merge_keys_and_tags_read_as_safe_load_reads_them() -> None:
    text = (
        "base: &b {a: 1, b: [x, y]}\n"
        "merged: {<<: *b, c: 2}\n"
        "again: *b\n"
        "set: !!set {p, q}\n"
        "when: 2026-11-01\n"
        "n: ~\n"
        "yes_no: [yes, no, true]\n"
        "numbers: [0x1F, 1_000, 1.5e3, .inf]\n"
        "1: numeric key\n"
        "text: !!str 42\n"
    )
    located = parse_yaml(text, "x.yaml")
    assert located.data == yaml.safe_load(text)
    assert located.line_of(("merged", "c")) == 2
    assert located.line_of(("again", "b", 1)) == 1  # an alias: the anchored node's line
    assert located.line_of(("when",)) == 5


def test_every_key_and_item_has_its_line() -> None:
    text = "a:\n  b:\n    - x\n    - {c: 1}\n  d: 'e'\n"
    located = parse_yaml(text, "x.yaml")
    assert located.line_of(("a",)) == 1
    assert located.line_of(("a", "b")) == 2
    assert located.line_of(("a", "b", 0)) == 3
    assert located.line_of(("a", "b", 1, "c")) == 4
    assert located.line_of(("a", "d")) == 5
    assert located.line_of(("a", "missing", 3)) == 1  # the nearest ancestor's line


def test_an_alias_bomb_is_refused_at_once_in_one_line() -> None:
    """Nine levels of ten aliases would be a billion strings once expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    text = "schema_version: 1\nrulebook: {id: syslead-core, version: '1'}\n"
    text += "\n".join(lines) + "\nframing:\n  partners: *a9\n"
    started = time.monotonic()
    with pytest.raises(FileFormatError) as raised:
        decision_from_text(text, "bomb.syslead.yaml")
    assert time.monotonic() - started < 30  # refused, not expanded
    message = str(raised.value)
    assert "\n" not in message and "bomb.syslead.yaml" in message and "aliases" in message
