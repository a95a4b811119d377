"""A rulebook read before is not parsed again: what its YAML gave is kept by its text."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from syslead_desktop.locations import default_rulebook_path
from syslead_desktop.services import rulebook_file
from syslead_desktop.services.rulebook_file import load_rulebook
from syslead_desktop.services.yaml_io import parse_yaml


@pytest.fixture
def rulebook(tmp_path: Path) -> Path:
    copy = tmp_path / "rulebook.yaml"
    shutil.copyfile(default_rulebook_path(), copy)
    return copy


def _again(path: Path) -> Any:
    """Load ``path`` as a new process would (nothing remembered in memory)."""
    rulebook_file._load_cached.cache_clear()
    return load_rulebook(path)


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []

    def parse(text: str, path: Any) -> Any:
        parsed.append(str(path))
        return parse_yaml(text, path)

    monkeypatch.setattr(rulebook_file, "parse_yaml", parse)
    return parsed


def _cache_files() -> list[Path]:
    from syslead_desktop.services.paths import user_data_dir

    return sorted((user_data_dir() / rulebook_file.CACHE_FOLDER).glob("*.json"))


def test_a_rulebook_read_before_is_not_parsed_again(
    rulebook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _again(rulebook)
    assert len(_cache_files()) == 1
    parsed = _no_parsing(monkeypatch)
    second = _again(rulebook)
    assert parsed == []
    assert second.rulebook == first.rulebook
    assert second.hash == first.hash


def test_its_lines_are_found_when_asked_for(rulebook: Path) -> None:
    parsed = _again(rulebook)
    cached = _again(rulebook)
    where = ("factors", 1, "questions", 0, "id")
    assert cached.line_of(*where) == parsed.line_of(*where)
    assert cached.line_of(*where) is not None


def test_an_edited_rulebook_is_parsed_again(
    rulebook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _again(rulebook)
    text = rulebook.read_text(encoding="utf-8")
    title = before.rulebook.title
    edited = text.replace(f"\ntitle: {title}\n", f"\ntitle: {title} (edited)\n", 1)
    assert edited != text
    rulebook.write_text(edited, encoding="utf-8")
    parsed = _no_parsing(monkeypatch)
    after = _again(rulebook)
    assert parsed == [str(rulebook.resolve())]
    assert after.rulebook.title == title + " (edited)"
    assert after.hash != before.hash
    assert len(_cache_files()) == 1  # one file a rulebook, whatever its edits


def test_another_version_of_syslead_parses_it_again(
    rulebook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _again(rulebook)
    monkeypatch.setattr(rulebook_file, "__version__", "99.0.0")
    parsed = _no_parsing(monkeypatch)
    _again(rulebook)
    assert parsed == [str(rulebook.resolve())]


@pytest.mark.parametrize("junk", ["", "{", '{"text": 1}', '{"text": "x", "data": {}}', "[]"])
def test_a_damaged_cache_is_passed_over_and_mended(
    rulebook: Path, monkeypatch: pytest.MonkeyPatch, junk: str
) -> None:
    good = _again(rulebook)
    (cache,) = _cache_files()
    cache.write_text(junk, encoding="utf-8")
    parsed = _no_parsing(monkeypatch)
    again = _again(rulebook)
    assert parsed == [str(rulebook.resolve())]
    assert again.rulebook == good.rulebook and again.hash == good.hash
    assert _again(rulebook).rulebook == good.rulebook
    assert len(parsed) == 1  # mended: the third read came from the cache


def test_cached_data_that_fails_validation_is_parsed_past(
    rulebook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _again(rulebook)
    (cache,) = _cache_files()
    cache.write_text(cache.read_text(encoding="utf-8").replace('"factors"', '"f"', 1))
    again = _again(rulebook)
    assert again.rulebook == good.rulebook


@pytest.mark.parametrize("data", [{"on": dt.date(2026, 12, 2)}, {1: "a number as a key"}])
def test_what_json_cannot_carry_is_never_cached(tmp_path: Path, data: dict[Any, Any]) -> None:
    cache = tmp_path / "kept.json"
    rulebook_file._write_cache(cache, "key", data, "sha256:x")
    assert not cache.exists()
