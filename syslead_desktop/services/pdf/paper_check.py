"""``syslead verify``: are these pages, and this record, what SysLead produced?

Checking the attached record against its fingerprints (``archive.check_record``) says
nothing about the pages a board read: a cover rewritten, pages swapped or a new
fingerprint hidden in white 1-pt text all leave the record alone. Rendering is
deterministic, so the check can be exact:

1. **Structure.** Refuse what a SysLead paper never contains: bytes before ``%PDF``,
   an incremental update or anything after the end of the file, JavaScript or other
   actions, forms, attachments other than the record and its fingerprint (a second
   ``decision.syslead.yaml`` above all, which other tools may hand out instead).
2. **Record.** The attached record must match its fingerprint everywhere it is stored.
3. **Pages.** Render the paper again from the attached record, with the rulebook it
   names (found by content hash), and compare: the file's bytes, else every page's
   objects (content streams, fonts, resources) and the document's, exactly. A paper
   from another SysLead version cannot be compared exactly (its layout code differs):
   then the page count and each page's text are compared, and the verdict says the
   pages could not be re-checked.

What verify cannot prove: anyone with SysLead can render a new paper from a record of
their own, and that paper is "exactly what SysLead produced" too. Authenticity (that
this is the paper the board had) needs the register's filing ledger or a signature.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ... import APP_NAME, __version__
from ...errors import SysLeadError
from ..files import read_bytes
from .record import FINGERPRINT_NAME, KIND_KEY, RECORD_NAME, REVIEW_KIND

if TYPE_CHECKING:
    from pypdf import PdfReader

    from ...engine.loader import LoadedRulebook

Verdict = Literal["intact", "pages-not-checked", "altered"]
Pages = Literal["exact", "text-matches", "text-differs", "not-checked", "differ"]

EXACT = "the pages and the record are exactly what SysLead produced from this record"
#: Keys whose presence anywhere means the PDF can act (run code, open things, submit).
_ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/OpenAction": "an action run on opening",
    "/AA": "actions run on events",
    "/AcroForm": "a form",
    "/XFA": "a form",
    "/RichMedia": "embedded media",
    "/Launch": "an action that opens other programs",
}
_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/Rendition"}
_EOF = re.compile(rb"(?m)^%%EOF")


@dataclass(frozen=True)
class PaperCheck:
    """The verdict on a board paper."""

    verdict: Verdict
    reason: str  # one plain sentence: what was checked, or what differs
    record_intact: bool
    pages: Pages
    sha256: str | None = None  # fingerprint of the attached record as it is now
    expected: str | None = None  # fingerprint the paper was issued with
    made_by: str | None = None  # the PDF's Creator, e.g. "SysLead Desktop 0.1.0"
    rulebook: dict[str, str | None] | None = None  # id, version, hash the record names
    differences: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.verdict == "intact"

    @property
    def label(self) -> str:
        return {
            "intact": "INTACT",
            "pages-not-checked": "RECORD INTACT, PAGES NOT RE-CHECKED",
            "altered": "NOT INTACT",
        }[self.verdict]

    def to_json(self) -> dict[str, object]:
        from .archive import verdict_json

        return {
            **verdict_json(self),
            "verdict": self.verdict,
            "record_intact": self.record_intact,
            "pages": self.pages,
            "made_by": self.made_by,
            "rulebook": self.rulebook,
            "differences": self.differences,
        }


# ---- 1. structure -------------------------------------------------------------------------
def _walk(root: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of every dictionary reachable from ``root``, each object once."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # streams are dictionaries too
            for key, value in obj.items():
                yield str(key), value
                if key not in ("/Parent", "/P"):
                    stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _named_files(catalog: Any) -> list[tuple[str, set[str]]]:
    """The embedded-files name tree: each entry's key and the names its spec gives."""
    from pypdf.generic import DictionaryObject

    names = catalog.get("/Names")
    tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
    entries: list[tuple[str, set[str]]] = []
    stack = [tree] if tree is not None else []
    while stack and len(entries) < 1000:
        node = stack.pop().get_object()
        if not isinstance(node, DictionaryObject):
            continue
        stack.extend(node.get("/Kids", []))
        pairs = list(node.get("/Names", []))
        for key, spec in zip(pairs[::2], pairs[1::2], strict=False):
            spec = spec.get_object()
            given = {str(key)}
            if isinstance(spec, DictionaryObject):
                given |= {str(spec[k]) for k in ("/F", "/UF") if k in spec}
            entries.append((str(key), given))
    return entries


def structure_problems(data: bytes, reader: PdfReader) -> list[str]:
    """What this file holds that a SysLead paper never does, one sentence each."""
    found: list[str] = []
    start = data.find(b"%PDF-")
    if start != 0:
        found.append(f"{start} bytes were added before the start of the PDF")
    eofs = list(_EOF.finditer(data))
    if "/Prev" in reader.trailer or len(eofs) > 1:
        found.append("the file was changed after it was written (an incremental update)")
    elif eofs and data[eofs[-1].end() :].strip():
        found.append("data was added after the end of the PDF")
    catalog = reader.trailer["/Root"].get_object()
    entries = _named_files(catalog)
    records = [key for key, given in entries if RECORD_NAME in given]
    if len(records) > 1:
        found.append(
            f"{len(records)} files named {RECORD_NAME} are attached, and other tools may "
            "hand out a different one from the one checked"
        )
    expected = {RECORD_NAME, FINGERPRINT_NAME}
    extra = sorted({key for key, given in entries if not given <= expected})
    if extra:
        found.append(f"files a paper never carries are attached ({', '.join(extra)})")
    kinds: list[str] = []
    for key, value in _walk(catalog):
        kind = _ACTIVE_KEYS.get(key)
        if key == "/S" and str(value) in _ACTIONS:
            kind = "an action" if str(value) != "/JavaScript" else "JavaScript"
        elif key == "/Subtype" and str(value) == "/FileAttachment":
            kind = "a file attached to a page"
        if kind and kind not in kinds:
            kinds.append(kind)
    if kinds:
        found.append(f"the PDF contains {', '.join(kinds)}, which a board paper never has")
    return found


# ---- 3. pages -----------------------------------------------------------------------------
class _Canonical:
    """A digest of a PDF object as a reader sees it: object numbers, the order of
    dictionary keys and the way streams are compressed do not count; their content
    does. Back-references (``/Parent``, ``/P``) are left out, so a page is a tree."""

    def __init__(self) -> None:
        self.memo: dict[int, str] = {}

    def digest(self, obj: Any) -> str:
        from pypdf.generic import (
            ArrayObject,
            DictionaryObject,
            IndirectObject,
            StreamObject,
        )

        if isinstance(obj, IndirectObject):
            key = obj.idnum
            if key in self.memo:
                return self.memo[key]
            self.memo[key] = "<cycle>"
            self.memo[key] = self.digest(obj.get_object())
            return self.memo[key]
        hasher = hashlib.sha256()
        if isinstance(obj, StreamObject):
            hasher.update(b"stream")
            items = {
                k: v for k, v in obj.items() if k not in ("/Length", "/Filter", "/DecodeParms")
            }
            hasher.update(self.digest(DictionaryObject(items)).encode())
            hasher.update(hashlib.sha256(obj.get_data()).digest())
        elif isinstance(obj, DictionaryObject):
            hasher.update(b"dict")
            for key in sorted(k for k in obj if k not in ("/Parent", "/P")):
                hasher.update(f"{key}=".encode())
                hasher.update(self.digest(obj.raw_get(key)).encode())  # unresolved: memo sees refs
        elif isinstance(obj, ArrayObject):
            hasher.update(b"array")
            for item in obj:
                hasher.update(self.digest(item).encode())
        else:
            hasher.update(f"{type(obj).__name__}:{obj!r}".encode())
        return hasher.hexdigest()


def _page_digests(reader: PdfReader) -> tuple[list[str], str]:
    """A digest per page, and one of the document around them (catalogue and info)."""
    from pypdf.generic import DictionaryObject

    canon = _Canonical()
    pages = [canon.digest(page.indirect_reference or page) for page in reader.pages]
    catalog: Any = reader.trailer["/Root"].get_object()
    around = DictionaryObject({k: v for k, v in catalog.items() if k != "/Pages"})
    info = reader.trailer.get("/Info")
    document = canon.digest(around) + (canon.digest(info) if info is not None else "")
    return pages, document


def _texts(reader: PdfReader) -> list[str]:
    texts = []
    for page in reader.pages:
        try:
            texts.append(" ".join(page.extract_text().split()))
        except Exception:  # a page pypdf cannot read as text
            texts.append("")
    return texts


def _first_change(fresh: str, found: str) -> str:
    """A short quotation of where two page texts part."""
    fresh_words, found_words = fresh.split(), found.split()
    for i, (a, b) in enumerate(zip(fresh_words, found_words, strict=False)):
        if a != b:
            start = max(0, i - 3)
            return (
                f"it reads “…{' '.join(found_words[start : i + 5])}…” where SysLead writes "
                f"“…{' '.join(fresh_words[start : i + 5])}…”"
            )
    if len(found_words) > len(fresh_words):
        extra = " ".join(found_words[len(fresh_words) : len(fresh_words) + 8])
        return f"it has text SysLead does not write: “{extra}…”"
    if len(found_words) < len(fresh_words):
        return "text SysLead writes there is missing"
    return "its drawing differs (the same text, drawn differently or with hidden content)"


def page_differences(
    fresh: list[str], found: list[str], fresh_text: list[str], found_text: list[str]
) -> list[str]:
    """What differs between the pages SysLead makes and those in the file, in words."""
    out: list[str] = []
    if len(found) != len(fresh):
        out.append(
            f"the file has {len(found)} pages where the paper from this record has {len(fresh)}"
        )
    if sorted(found) == sorted(fresh) and found != fresh:
        if found == fresh[::-1]:
            out.append("its pages are in reverse order")
        else:
            moved = [
                str(i + 1) for i, (a, b) in enumerate(zip(found, fresh, strict=True)) if a != b
            ]
            out.append(f"its pages are in a different order (pages {', '.join(moved)})")
        return out
    where = {digest: i for i, digest in enumerate(fresh)}
    for i, digest in enumerate(found):
        if i < len(fresh) and digest == fresh[i]:
            continue
        if digest in where:
            out.append(f"page {i + 1} is page {where[digest] + 1} of the paper from this record")
            continue
        if i >= len(fresh):
            out.append(
                f"page {i + 1} was added: the paper from this record ends at page {len(fresh)}"
            )
            continue
        detail = _first_change(fresh_text[i], found_text[i])
        out.append(f"page {i + 1} differs from what SysLead produces from this record: {detail}")
    missing = [str(i + 1) for i, digest in enumerate(fresh) if digest not in found]
    if len(found) < len(fresh) and missing:
        out.append(f"page(s) {', '.join(missing)} of the paper from this record are missing")
    return out


# ---- the verdict ----------------------------------------------------------------------------
def _rulebook_ref(record_text: str) -> tuple[Any, dict[str, str | None] | None]:
    from ..decision_file import decision_from_text

    decision = decision_from_text(record_text, "the attached record")
    ref = decision.rulebook
    return decision, {"id": ref.id, "version": ref.version, "hash": ref.hash}


def _find_rulebook(ref: dict[str, str | None], rulebook: Path | None) -> LoadedRulebook | None:
    """The rulebook the record was assessed with, found by its content hash."""
    from ..rulebook_file import load_rulebook

    loaded = load_rulebook(rulebook)
    if ref.get("hash") and loaded.hash == ref["hash"]:
        return loaded
    if not ref.get("hash") and (loaded.rulebook.id, loaded.rulebook.version) == (
        ref["id"],
        ref["version"],
    ):
        return loaded
    return None


def verify_paper(path: Path, rulebook: Path | None = None) -> PaperCheck:
    """The verdict on the board paper at ``path``; ``rulebook``: the rulebook file its
    record was assessed with, when it is not the shipped one.

    Raises ``SysLeadError`` (one line) when the file cannot be read as a PDF at all
    (missing, not a PDF, encrypted, a device...)."""
    from .archive import check_record_of, open_pdf, record_text

    path = Path(path)
    data = read_bytes(path)
    if b"%PDF-" not in data[:4096]:
        raise SysLeadError(f"{path}: not a PDF file")
    reader = open_pdf(path, data)
    try:
        problems = structure_problems(data, reader)
        record = check_record_of(reader, path)
        metadata: dict[str, Any] = dict(reader.metadata or {})
        made_by = str(metadata.get("/Creator", "")) or None
    except SysLeadError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise SysLeadError(f"{path}: the PDF is damaged ({type(exc).__name__})") from None
    base: dict[str, Any] = {
        "sha256": record.sha256,
        "expected": record.expected,
        "made_by": made_by,
    }
    if not record.intact:
        reasons = [record.reason, *problems]
        return PaperCheck(
            "altered", record.reason, False, "not-checked", differences=reasons, **base
        )
    try:
        decision, ref = _rulebook_ref(record_text(record, path))
    except SysLeadError as exc:
        reason = f"the attached record is not a valid decision file ({exc})"
        return PaperCheck("altered", reason, False, "not-checked", differences=[reason], **base)
    base["rulebook"] = ref
    if problems:
        return PaperCheck("altered", problems[0], True, "not-checked", differences=problems, **base)
    loaded = _find_rulebook(ref or {}, rulebook)
    if loaded is None:
        named = f"{ref['id']} {ref['version']}" if ref else "?"
        reason = (
            f"the record is intact but the pages could not be re-checked (made with rulebook "
            f"{named}, {str((ref or {}).get('hash'))[:19]}…, which is not the one here: give "
            "it with --rulebook)"
        )
        return PaperCheck("pages-not-checked", reason, True, "not-checked", **base)
    kind = str(metadata.get(f"/{KIND_KEY}", ""))
    try:
        fresh_bytes = _render(decision, loaded, record.record or b"", kind)
    except SysLeadError as exc:  # e.g. a review paper whose record is not a complete review
        reason = f"the attached record does not make this paper again ({exc})"
        return PaperCheck("altered", reason, True, "not-checked", differences=[reason], **base)
    this_version = f"{APP_NAME} {__version__}"
    if made_by == this_version:
        return _exact(data, reader, fresh_bytes, base)
    return _by_text(reader, fresh_bytes, made_by, base)


def _render(decision: Any, loaded: LoadedRulebook, record: bytes, kind: str = "") -> bytes:
    """The paper the record makes: the board paper, or (``kind`` review) the review paper."""
    if kind == REVIEW_KIND:
        from ..review import prepare_review, render_review

        return render_review(prepare_review(decision, loaded), record=record)
    from ..workflow import assess_decision
    from .render import render_pdf

    assessed = assess_decision(decision, loaded)
    return render_pdf(assessed.decision, loaded.rulebook, assessed.assessment, record=record)


def _exact(data: bytes, reader: PdfReader, fresh_bytes: bytes, base: dict[str, Any]) -> PaperCheck:
    from .archive import open_pdf

    if data == fresh_bytes:
        return PaperCheck("intact", EXACT, True, "exact", **base)
    fresh = open_pdf(Path("the paper from this record"), fresh_bytes)
    fresh_pages, fresh_doc = _page_digests(fresh)
    found_pages, found_doc = _page_digests(reader)
    differences = page_differences(fresh_pages, found_pages, _texts(fresh), _texts(reader))
    if fresh_doc != found_doc:
        differences.append(
            "the document's details (its metadata, outline or other parts) differ from the "
            "paper from this record"
        )
    if not differences:
        reason = f"{EXACT} (the file was saved again by another program, with the same content)"
        return PaperCheck("intact", reason, True, "exact", **base)
    return PaperCheck("altered", differences[0], True, "differ", differences=differences, **base)


def _by_text(
    reader: PdfReader, fresh_bytes: bytes, made_by: str | None, base: dict[str, Any]
) -> PaperCheck:
    from .archive import open_pdf

    fresh = open_pdf(Path("the paper from this record"), fresh_bytes)
    fresh_text, found_text = _texts(fresh), _texts(reader)
    maker = made_by or "an unknown program"
    here = f"{APP_NAME} {__version__}"
    if fresh_text == found_text:
        reason = (
            f"the record is intact but the pages could not be re-checked (made by {maker}, "
            f"not {here}): their text is what {here} produces from this record"
        )
        return PaperCheck("pages-not-checked", reason, True, "text-matches", **base)
    differences = page_differences(fresh_text, found_text, fresh_text, found_text)
    reason = (
        f"the record is intact but the pages could not be re-checked (made by {maker}, not "
        f"{here}): {differences[0] if differences else 'their text differs'}"
    )
    return PaperCheck(
        "pages-not-checked", reason, True, "text-differs", differences=differences, **base
    )
