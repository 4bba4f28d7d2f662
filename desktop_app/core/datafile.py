"""Reading the YAML data files users may edit (checklists, rule packs, calendars, grading schemes).

A person who mistypes a date in a holiday calendar must be told the file, the line and the field, so the loader
keeps the line of every mapping key and value, and every error carries all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desktop_app.core.limits import DATA_FILE_BYTES, YAML_ALIASES, Limit, quote, size_problem


class DataFileError(ValueError):
    """A data file that breaks its format; `str()` reads `FILE:LINE: FIELD: message`."""

    def __init__(self, file: str | Path, line: int | None, field: str, message: str) -> None:
        self.file = str(file)
        self.line = line
        self.field = field
        self.message = message
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


class BrokenInstallationError(RuntimeError):
    """A file the program ships is missing: nothing for the user to correct, the program must be reinstalled."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(f"程序安装不完整：缺少随程序提供的数据文件 {self.path}，请重新安装本程序。")


@dataclass(frozen=True)
class Located:
    """A parsed YAML document plus the line (1-based) of each node, keyed by its dotted path."""

    data: Any
    lines: dict[str, int]
    file: str

    def line(self, path: str) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.lines.get("", None)

    def error(self, path: str, message: str) -> DataFileError:
        return DataFileError(self.file, self.line(path), path, message)


#: libyaml's parser when it is installed (several times faster on the checklists), else the pure-Python one.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Walk:
    """The state of one conversion: the lines found so far, and the nodes already seen.

    A node met a second time is an alias (`*name`). Each is expanded into a copy, so a handful of nested aliases
    (the "billion laughs") would take gigabytes; the number of expansions is bounded instead.
    """

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.lines: dict[str, int] = {}
        self.seen: set[int] = set()
        self.aliases = 0
        self.max_aliases = YAML_ALIASES.value

    def visit(self, node: yaml.Node, path: str) -> None:
        if id(node) not in self.seen:
            self.seen.add(id(node))
            return
        self.aliases += 1
        if self.aliases > self.max_aliases:
            raise DataFileError(self.loader.name, node.start_mark.line + 1, path,
                                f"别名（*引用）过多：超过 {self.max_aliases} 处，文件被拒绝"
                                f"（可用环境变量 {YAML_ALIASES.env} 调整）")


def _plain(node: yaml.Node, path: str, walk: _Walk) -> Any:
    loader, lines = walk.loader, walk.lines
    walk.visit(node, path)
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a]` — a list or mapping as a key
                raise DataFileError(loader.name, key_node.start_mark.line + 1, path, "键必须是单个值，不能是列表或映射")
            key = _scalar(loader, key_node, path)
            child = f"{path}.{key}" if path else str(key)
            lines[child] = key_node.start_mark.line + 1
            result[key] = _plain(value_node, child, walk)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, f"{path}[{i}]", walk) for i, item in enumerate(node.value)]
    return _scalar(loader, node, path)


def _scalar(loader: yaml.SafeLoader, node: yaml.Node, path: str) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError) as exc:  # an impossible date such as 2026-02-30 written without quotes
        raise DataFileError(loader.name, node.start_mark.line + 1, path, f"无效的值 {quote(node.value)}") from exc


def load_yaml(path: str | Path, limit: Limit = DATA_FILE_BYTES) -> Located:
    """Parse one YAML file no larger than `limit`, turning syntax errors into a `DataFileError` with the line."""
    path = Path(path)
    too_large = size_problem(path, limit)
    if too_large:
        raise DataFileError(path, None, "", too_large)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        if path.resolve().is_relative_to(resources_dir().resolve()):
            raise BrokenInstallationError(path) from exc
        raise DataFileError(path, None, "", f"无法读取文件：{exc.strerror or exc}") from exc
    except OSError as exc:
        raise DataFileError(path, None, "", f"无法读取文件：{exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(path, None, "", "文件不是 UTF-8 编码") from exc
    return load_yaml_text(text, str(path))


def load_yaml_text(text: str, file: str) -> Located:
    loader = _Loader(text)
    loader.name = file
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataFileError(file, 1, "", "文件为空")
        walk = _Walk(loader)
        data = _plain(node, "", walk)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError(file, line, "", f"YAML 语法错误：{exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(file, None, "", f"YAML 语法错误：{exc}") from exc
    finally:
        loader.dispose()
    return Located(data=data, lines=walk.lines, file=file)


def resources_dir() -> Path:
    """The shipped data folder: inside the bundle when frozen, `desktop_app/resources` when installed from a wheel
    (setup.py maps the repository's top-level `resources/` there), or the top-level folder of a source tree."""
    import importlib.util
    import sys

    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    spec = importlib.util.find_spec("desktop_app.resources")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "resources"
