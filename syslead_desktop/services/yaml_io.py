"""Safe YAML reading with line numbers and pydantic validation.

Nothing read may silently change a decision: a key given twice, a date that does not
exist, a number too long to read, a list used as a key, a control character, or a
missing ``schema_version`` is refused in one line naming the file, the line and the
field. Writing files lives in :mod:`.files` (re-exported here for older callers).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import FileFormatError
from .files import atomic_write_bytes, atomic_write_text, read_text

__all__ = [
    "LocatedYaml",
    "atomic_write_bytes",
    "atomic_write_text",
    "dump_yaml",
    "load_model",
    "parse_yaml",
    "read_text",
    "validate",
]

M = TypeVar("M", bound=BaseModel)
Path_ = tuple[str | int, ...]


class LocatedYaml:
    """YAML data together with the line of every key and list item in it."""

    def __init__(self, data: Any, lines: dict[Path_, int]):
        self.data = data
        self.lines = lines

    def line_of(self, path: Path_) -> int | None:
        """Line (1-based) of ``path`` or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None


#: How many nodes a file may expand to, aliases counted each time they are used. A real
#: rulebook has a few thousand; a file built to explode through nested aliases (the
#: "billion laughs") is refused instead of hanging the app.
MAX_NODES = 200_000

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


#: Characters no SysLead file holds: the C0 controls but tab, line feed and carriage
#: return, and DEL. YAML refuses them raw, but a quoted "\\0" or "\\a" would let them in.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL"}


def control_character_message(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    label = f"U+{code:04X} {name}" if name else f"U+{code:04X}"
    return f"contains a control character ({label}), which a SysLead file never holds"


class _Builder:
    """Python data and the line of every key and item, from the composed nodes, in one walk.

    Strings, lists and plain mappings (nearly every node of our files) are built here;
    any other scalar (numbers, booleans, null, dates) and any unusual collection (a merge
    key, a tagged set) goes to the safe loader's own constructor, so the data is exactly
    what ``yaml.safe_load`` gives. Along the way it refuses, with the line and field,
    what the safe loader would let through silently (a key given twice, a control
    character) or fail on with a bare exception (an impossible date, a list as a key).
    """

    def __init__(self, loader: Any, path: Path | str) -> None:
        self.loader = loader
        self.path = path
        self.lines: dict[Path_, int] = {}
        self.left = MAX_NODES

    def fail(self, node: yaml.Node, where: Path_, message: str) -> FileFormatError:
        return FileFormatError(self.path, format_field(where), message, node.start_mark.line + 1)

    def build(self, node: yaml.Node, where: Path_) -> Any:
        self._visit(node, where)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return node.value if node.tag == _STR else self._construct(node, where)
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        if kind is yaml.MappingNode and node.tag == _MAP:
            pairs = node.value
            if all(type(k) is yaml.ScalarNode and k.tag == _STR for k, _ in pairs):
                data = {}
                for key_node, value_node in pairs:
                    key = key_node.value
                    self.lines[(*where, key)] = key_node.start_mark.line + 1
                    data[key] = self.build(value_node, (*where, key))
                return data
        self._walk_inside(node, where)
        return self._construct(node, where, deep=True)

    def _construct(self, node: yaml.Node, where: Path_, deep: bool = False) -> Any:
        """The safe constructor's value, with its bare exceptions turned into one line."""
        try:
            return self.loader.construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, OverflowError, TypeError) as exc:
            if node.tag.endswith(":timestamp"):
                problem = f"not a real date ({exc})"
            elif node.tag.endswith(":int"):
                problem = "a number too long to be read"
            else:
                problem = f"cannot be read ({exc})"
            raise self.fail(node, where, problem) from None

    def _visit(self, node: yaml.Node, where: Path_) -> None:
        """Count the node against the limit, note its line and check what it holds."""
        self.left -= 1
        if self.left < 0:
            raise FileFormatError(self.path, "", "too many nodes (aliases nested too deep)")
        self.lines.setdefault(where, node.start_mark.line + 1)
        if type(node) is yaml.ScalarNode:
            found = _CONTROL.search(node.value)
            if found:
                raise self.fail(node, where, control_character_message(found.group()))
        elif type(node) is yaml.MappingNode:
            self._check_keys(node, where)

    def _check_keys(self, node: yaml.MappingNode, where: Path_) -> None:
        """Every key plain text or a number, none given twice, none with a control character."""
        seen: dict[tuple[str, str], int] = {}
        for key_node, _value in node.value:
            line = key_node.start_mark.line + 1
            if type(key_node) is not yaml.ScalarNode:
                what = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
                raise self.fail(key_node, where, f"a key must be plain text, not {what}")
            key = key_node.value
            found = _CONTROL.search(key)
            if found:
                raise self.fail(key_node, where, control_character_message(found.group()))
            if key_node.tag.endswith(":merge"):
                continue  # '<<' may merge several mappings; explicit keys then override
            first = seen.get((key_node.tag, key))
            if first is not None:
                raise FileFormatError(
                    self.path,
                    format_field((*where, key)),
                    f"given twice (first on line {first}); a key may appear only once, "
                    "so neither value is used",
                    line,
                )
            seen[(key_node.tag, key)] = line

    def _walk_inside(self, node: yaml.Node, where: Path_) -> None:
        """Lines only (and the same checks), below a node the constructor builds."""
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value
                self.lines[(*where, key)] = key_node.start_mark.line + 1
                self._visit(value_node, (*where, key))
                self._walk_inside(value_node, (*where, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._visit(item, (*where, index))
                self._walk_inside(item, (*where, index))


#: libyaml's C implementation of the *safe* loader when PyYAML was built with it (about
#: ten times faster on the rulebook); the pure-Python safe loader otherwise.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, path: Path | str) -> LocatedYaml:
    """Parse YAML text with the safe loader only; errors become :class:`FileFormatError`."""
    try:
        loader = _SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
            builder = _Builder(loader, path)
            data = builder.build(node, ()) if node is not None else None
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:  # a raw control character (or a bad code point)
        at = text.count("\n", 0, exc.position) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        message = (
            control_character_message(char)
            if _CONTROL.fullmatch(char)
            else f"contains a character YAML does not allow (U+{ord(char[:1] or '?'):04X})"
        )
        raise FileFormatError(path, "", message, at) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join((exc.problem or str(exc)).split())
        raise FileFormatError(path, "", f"not valid YAML ({problem})", line) from None
    except yaml.YAMLError as exc:
        raise FileFormatError(path, "", f"not valid YAML ({' '.join(str(exc).split())})") from None
    except RecursionError:
        raise FileFormatError(path, "", "nested too deeply") from None
    return LocatedYaml(data, builder.lines)


def data_path(data: Any, loc: tuple[str | int, ...]) -> Path_:
    """Turn a pydantic error location into a path through the data.

    Pydantic puts union tags and validator names into ``loc``; they are not keys in
    the data, so they are skipped.
    """
    path: list[str | int] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            path.append(part)
            current = current[part]
        elif isinstance(current, dict | list):
            if isinstance(current, dict) and isinstance(part, str) and part.isidentifier():
                # An unknown or missing key: name it, even though it has no line of its own.
                path.append(part)
                current = None
            continue
        else:
            break
    return tuple(path)


def format_field(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def validate(model: type[M], located: LocatedYaml, path: Path | str) -> M:
    """Validate located YAML against ``model``; the first error becomes one clear line."""
    if not isinstance(located.data, dict):
        raise FileFormatError(path, "", "expected a mapping of keys at the top level", 1)
    if "schema_version" in model.model_fields:
        _check_schema_version(located, path)
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = data_path(located.data, tuple(error["loc"]))
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown key (not part of the format)"
        elif error["type"] == "missing":
            message = "required but missing"
        extra = len(exc.errors()) - 1
        if extra:
            message += f" (and {extra} more problem{'s' if extra > 1 else ''})"
        raise FileFormatError(path, format_field(where), message, located.line_of(where)) from None


def _check_schema_version(located: LocatedYaml, path: Path | str) -> None:
    """A versioned format must say which version it is, as a whole number: a file without
    one is not read as version 1 by guesswork, and ``1.0`` or ``"1"`` are not 1."""
    if "schema_version" not in located.data:
        raise FileFormatError(
            path, "schema_version", "required but missing (the format's version, e.g. 1)", 1
        )
    value = located.data["schema_version"]
    if type(value) is not int:
        raise FileFormatError(
            path,
            "schema_version",
            f"must be a whole number such as 1, not {value!r:.40}",
            located.line_of(("schema_version",)),
        )


def load_model(model: type[M], path: Path | str) -> tuple[M, LocatedYaml]:
    located = parse_yaml(read_text(path), path)
    return validate(model, located, path), located


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
