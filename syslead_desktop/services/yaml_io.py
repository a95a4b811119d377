"""Safe YAML reading with line numbers, pydantic validation and atomic writing."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import FileFormatError, SysLeadError

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


class _Builder:
    """Python data and the line of every key and item, from the composed nodes, in one walk.

    Strings, lists and plain mappings (nearly every node of our files) are built here;
    any other scalar (numbers, booleans, null, dates) and any unusual collection (a merge
    key, a tagged set) goes to the safe loader's own constructor, so the data is exactly
    what ``yaml.safe_load`` gives.
    """

    def __init__(self, loader: Any, path: Path | str) -> None:
        self.loader = loader
        self.path = path
        self.lines: dict[Path_, int] = {}
        self.left = MAX_NODES

    def build(self, node: yaml.Node, where: Path_) -> Any:
        self._visit(node, where)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return node.value if node.tag == _STR else self.loader.construct_object(node)
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
        return self.loader.construct_object(node, deep=True)

    def _visit(self, node: yaml.Node, where: Path_) -> None:
        """Count the node against the limit and note its line."""
        self.left -= 1
        if self.left < 0:
            raise FileFormatError(self.path, "", "too many nodes (aliases nested too deep)")
        self.lines.setdefault(where, node.start_mark.line + 1)

    def _walk_inside(self, node: yaml.Node, where: Path_) -> None:
        """Lines only, below a node the constructor builds."""
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
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = (exc.problem or str(exc)).strip()
        raise FileFormatError(path, "", f"not valid YAML ({problem})", line) from None
    except yaml.YAMLError as exc:
        raise FileFormatError(path, "", f"not valid YAML ({exc})") from None
    except RecursionError:
        raise FileFormatError(path, "", "nested too deeply") from None
    return LocatedYaml(data, builder.lines)


def read_text(path: Path | str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SysLeadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SysLeadError(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError:
        raise SysLeadError(f"{path}: not a UTF-8 text file") from None
    except OSError as exc:
        raise SysLeadError(f"{path}: cannot read ({exc.strerror or exc})") from None


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


def load_model(model: type[M], path: Path | str) -> tuple[M, LocatedYaml]:
    located = parse_yaml(read_text(path), path)
    return validate(model, located, path), located


def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


_RETRYABLE = {errno.EACCES, errno.EBUSY, errno.EPERM}


def _replace(source: str, target: Path, attempts: int = 10) -> None:
    """``os.replace``, retried briefly for the transient locks Windows tools take."""
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if os.name != "nt" or exc.errno not in _RETRYABLE or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


@contextlib.contextmanager
def _cleanup_on_error(tmp_name: str) -> Iterator[None]:
    try:
        yield
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` so that ``path`` holds either the old or the new content, never half.

    Temp file in the same folder, flush, fsync, replace, then fsync the folder.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SysLeadError(f"{target}: cannot save ({exc.strerror or exc})") from None
    with _cleanup_on_error(tmp_name):
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if target.exists():
                with contextlib.suppress(OSError):
                    os.chmod(tmp_name, target.stat().st_mode & 0o777)
            else:
                os.chmod(tmp_name, 0o644)
            _replace(tmp_name, target)
        except OSError as exc:
            raise SysLeadError(f"{target}: cannot save ({exc.strerror or exc})") from None
    if os.name == "posix":
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def atomic_write_text(path: Path | str, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
