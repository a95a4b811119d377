"""The trust profile: a small validated file, shared, stamped into decisions, on the paper."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from syslead_desktop.domain.trust import Board, Logo, TrustProfile
from syslead_desktop.errors import FileFormatError, SysLeadError
from syslead_desktop.services.decision_file import load_decision, new_decision
from syslead_desktop.services.trust_profile import (
    export_profile,
    import_profile,
    load_profile,
    logo_from_file,
    profile_path,
    profile_to_text,
    read_profile,
    save_profile,
    stamped,
)
from tests.cli_runner import syslead

from .test_pdf_support import flat, page_texts, render

NAME = "Wyvern Valley Hospitals NHS Foundation Trust"


def png(width: int = 300, height: int = 120) -> bytes:
    image = Image.new("RGB", (width, height), (0, 94, 184))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def profile(**changes: object) -> TrustProfile:
    fields: dict[str, object] = {
        "name": NAME,
        "short_name": "Wyvern Valley",
        "logo": Logo(media_type="image/png", data=base64.b64encode(png()).decode()),
        "boards": [
            Board(name="Board of Directors", code="PUB"),
            Board(name="Quality Committee", code="QC"),
        ],
        "agenda_item_pattern": "{code}{yy}/{mm}/{item}",
    }
    return TrustProfile(**{**fields, **changes})  # type: ignore[arg-type]


def test_agenda_item_pattern() -> None:
    p = profile()
    assert (
        p.agenda_item("Board of Directors (Public)", dt.date(2026, 3, 12), "4.2") == "PUB26/03/4.2"
    )
    assert p.agenda_item("Quality Committee", dt.date(2026, 11, 1), "7") == "QC26/11/7"
    assert p.agenda_item_fits("PUB26/12/4.2") and not p.agenda_item_fits("Item 4")
    with pytest.raises(ValueError, match=r"unknown placeholder \{day\}"):
        profile(agenda_item_pattern="{code}/{day}")


def test_logos_are_checked(tmp_path: Path) -> None:
    not_png = base64.b64encode(b"GIF89a....").decode()
    with pytest.raises(ValueError, match="not one"):
        Logo(media_type="image/png", data=not_png)
    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"/>').decode()
    with pytest.raises(ValueError, match="needs its PNG rendering"):
        Logo(media_type="image/svg+xml", data=svg)
    with_png = Logo(media_type="image/svg+xml", data=svg, png=base64.b64encode(png()).decode())
    assert with_png.printable() == png()
    big = tmp_path / "big.png"
    big.write_bytes(png() + b"\0" * (1100 * 1024))
    with pytest.raises(SysLeadError, match=r"big.png: the logo is \d+ KB; at most 1024 KB"):
        logo_from_file(big)
    good = tmp_path / "logo.png"
    good.write_bytes(png())
    assert logo_from_file(good).printable() == png()


def test_file_round_trip_import_and_export(tmp_path: Path) -> None:
    assert load_profile() is None
    shared = tmp_path / "shared.yaml"
    save_profile(profile(), shared)
    assert profile_to_text(profile()).startswith("# SysLead Desktop trust profile")
    assert import_profile(shared) == profile()
    assert load_profile() == profile() and profile_path().is_file()
    out = tmp_path / "out.yaml"
    export_profile(out)
    assert read_profile(out) == profile()


def test_a_bad_profile_is_one_line_naming_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nname: X\nbords: []\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"bad.yaml:3: bords: unknown key"):
        import_profile(bad)
    assert load_profile() is None, "a bad file never replaces the profile"


def test_new_decisions_are_stamped_and_the_stamp_stands_alone(example_path: Path) -> None:
    from syslead_desktop.services.rulebook_file import load_rulebook

    loaded = load_rulebook()
    made = new_decision(loaded.rulebook, loaded.hash, trust=profile().stamp())
    assert made.trust is not None and made.trust.name == NAME and made.trust.logo is not None
    assert len(made.id or "") == 32
    old = load_decision(example_path)
    assert stamped(old, profile()).trust == profile().stamp()
    assert stamped(made, profile(name="Another Trust")).trust == made.trust, "kept as made"


def test_the_paper_carries_the_name_logo_and_running_header(
    example_path: Path, tmp_path: Path
) -> None:
    decision = stamped(load_decision(example_path), profile())
    pdf = render(decision, tmp_path / "paper.pdf")
    pages = page_texts(pdf)
    assert NAME in pages[0]
    assert all(f"Wyvern Valley · {decision.framing.title}" in page for page in pages[1:])
    from pypdf import PdfReader

    images = PdfReader(pdf).pages[0].images
    assert len(images) == 1, "the logo is on the cover"
    assert "Wyvern Valley ·" not in flat(
        page_texts(render(load_decision(example_path), tmp_path / "plain.pdf"))[1]
    )


def test_profile_commands(tmp_path: Path) -> None:
    shared = tmp_path / "shared.yaml"
    save_profile(profile(), shared)
    assert syslead("profile", "show").stdout.startswith("No trust profile")
    result = syslead("profile", "import", str(shared), "--json")
    assert result.returncode == 0, result.stderr
    shown = syslead("profile", "show", "--json")
    import json

    data = json.loads(shown.stdout)["profile"]
    assert data["name"] == NAME and data["boards"][0] == {
        "name": "Board of Directors",
        "code": "PUB",
    }
    assert data["logo"]["media_type"] == "image/png" and data["logo"]["bytes"] == len(png())
    out = tmp_path / "exported.yaml"
    assert syslead("profile", "export", str(out)).returncode == 0
    assert read_profile(out) == profile()
    missing = syslead("profile", "import", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1


def test_profile_set_changes_only_what_it_is_given(tmp_path: Path) -> None:
    import json

    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    first = syslead("profile", "set", "--short-name", "Wyvern Valley")
    assert first.returncode == 2 and "give --name" in first.stderr
    made = syslead(
        "profile",
        "set",
        "--name",
        NAME,
        "--short-name",
        "Wyvern Valley",
        "--logo",
        str(logo),
        "--board",
        "Board of Directors=PUB",
        "--board",
        "Quality Committee=QC",
        "--agenda-pattern",
        "{code}{yy}/{mm}/{item}",
        "--json",
    )
    assert made.returncode == 0, made.stderr
    out = json.loads(made.stdout)
    assert out["path"] == str(profile_path()) and out["profile"]["name"] == NAME
    assert load_profile() == profile(), "the same profile as Preferences would save"

    renamed = syslead("profile", "set", "--short-name", "WVH", "--json")
    assert json.loads(renamed.stdout)["profile"]["short_name"] == "WVH"
    assert load_profile() == profile(short_name="WVH"), "everything else stays"
    assert syslead("profile", "set", "--no-logo", "--no-boards").returncode == 0
    assert load_profile() == profile(short_name="WVH", logo=None, boards=[])

    before = profile_path().read_bytes()
    for args, said in (
        (["--agenda-pattern", "{code}/{day}"], "agenda_item_pattern: unknown placeholder {day}"),
        (["--name", "  "], "trust profile: name:"),
        (["--logo", str(tmp_path / "logo.svg")], "give --logo-png FILE"),
    ):
        refused = syslead("profile", "set", *args)
        assert refused.returncode == 2 and said in refused.stderr, (args, refused.stderr)
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert profile_path().read_bytes() == before, "a refused change changes nothing"

    svg, rendering = tmp_path / "logo.svg", tmp_path / "logo-rendering.png"
    svg.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"/>')
    rendering.write_bytes(png(200, 80))
    with_svg = syslead("profile", "set", "--logo", str(svg), "--logo-png", str(rendering))
    assert with_svg.returncode == 0, with_svg.stderr
    logo = load_profile().logo  # type: ignore[union-attr]
    assert logo is not None and logo.media_type == "image/svg+xml"
    assert logo.printable() == png(200, 80), "the paper prints the PNG rendering"


def test_an_item_number_is_completed_from_the_pattern() -> None:
    p = profile()
    day = dt.date(2026, 12, 10)
    assert p.complete_agenda_item("4.2", "Board of Directors", day) == "PUB26/12/4.2"
    assert p.complete_agenda_item(" 7a ", "Quality Committee", day) == "QC26/12/7a"
    for text in ("PUB26/12/4.2", "Item 4", ""):
        assert p.complete_agenda_item(text, "Board of Directors", day) == text
    assert p.complete_agenda_item("4.2", "Board of Directors", None) == "4.2", "no date yet"
    assert profile(agenda_item_pattern="").complete_agenda_item("4.2", "Board", day) == "4.2"
