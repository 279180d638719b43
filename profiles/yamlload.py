"""Read one YAML file into plain Python values, keeping the line and column of every node.

PyYAML alone is not safe for editors' files: it follows YAML 1.1 (`0571` is octal, `no` is False, dates
become objects), expands aliases (a "billion laughs" file eats memory) and accepts duplicate keys silently.
So we only *compose* nodes (which carry marks), refuse aliases, tags and duplicates, and resolve plain
scalars ourselves with a small, predictable rule set. Every refusal is a `Problem` with file:line:col.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

Path_ = tuple  # a path into the document: ("goals", 2, "year")

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$|^0[oOxXbB][0-9a-fA-F_]+$")
# PyYAML (YAML 1.1) reads these as booleans; YAML 1.2 tools read them as text. Refuse rather than guess.
_AMBIGUOUS_BOOL = {"yes", "no", "on", "off", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}
_NULL = {"null", "Null", "NULL", "~", ""}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Tags an editor may legitimately write; anything else (`!!python/object`, custom `!tags`) is refused.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
MAX_BYTES = 2_000_000  # a profile is a few KB; anything this large is a mistake, not data
MAX_DEPTH = 40


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


@dataclass
class Document:
    """A loaded file: its values, and where each path starts (value) and where its key stands."""

    path: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    refused: set[Path_] = field(default_factory=set)  # values already reported by the loader

    def locate(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest existing node on `loc`; the key's when asked."""
        loc = tuple(loc)
        while True:
            if key and loc in self.key_marks:
                return self.key_marks[loc]
            if loc in self.marks:
                return self.marks[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]


def _problem(path: str, mark, field_: str, zh: str, hint: str, en: str = "") -> Problem:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem(path, line, col, field_, zh, hint, en)


class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases while composing, before anything can be expanded."""

    def compose_node(self, parent, index):  # PyYAML hook: runs before an alias could be expanded
        if self.check_event(AliasEvent):
            raise _Refused(
                _problem(self.name, self.peek_event().start_mark, "", "不支持 YAML 别名（*名字）",
                         "请把内容直接写出来", "aliases are not allowed")
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused(
                _problem(self.name, event.start_mark, "", f"不支持 YAML 锚点（&{event.anchor}）",
                         "请删除锚点，把内容直接写出来", "anchors are not allowed")
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in _PLAIN_TAGS:
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            raise _Refused(
                _problem(self.name, event.start_mark, "", f"不允许使用 YAML 标签 {shown}",
                         "请删除以 ! 开头的标签，直接写值", "YAML tags are not allowed")
            )
        return Composer.compose_node(self, parent, index)


def field_path(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _check_text(path: str, raw: bytes) -> tuple[str | None, Problem | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, Problem(
            path, 1, 1, "", "文件开头有 BOM（字节顺序标记）", "请在编辑器里另存为“UTF-8（无 BOM）”", "file starts with a BOM"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, Problem(
            path, line, col, "", "文件不是 UTF-8 编码", "请在编辑器里另存为 UTF-8 编码", "file is not valid UTF-8"
        )
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, Problem(path, 1, 1, "", "文件是空的", "请按字段说明填写内容，或删除这个文件", "file is empty")
    for n, ln in enumerate(text.splitlines(), 1):
        indent = ln[: len(ln) - len(ln.lstrip(" \t"))]
        if "\t" in indent:
            return None, Problem(
                path, n, indent.index("\t") + 1, "", "缩进里有制表符（Tab）", "YAML 只能用空格缩进，请把 Tab 换成两个空格",
                "tab used for indentation",
            )
    return text, None


def load(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Load `path`; `display` is the name shown in messages (relative to the project)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, 1, "", f"无法读取文件：{exc.strerror}", "请检查文件是否存在、是否有读取权限")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 1, 1, "", "文件太大（超过 2 MB）", "一个区的资料应只有几 KB，请检查是否粘贴了整篇文章")]
    text, problem = _check_text(display, raw)
    if problem:
        return None, [problem]
    try:
        loader = _Loader(text)  # the reader rejects control characters here, with a position
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        return None, [Problem(display, line, col, "", f"有不可见的控制字符（#x{exc.character:04X}）",
                              "请删除它（常见于从网页或 Word 复制的文字）", "control character")]
    loader.name = display
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        return None, [exc.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "语法错误").strip()
        return None, [_problem(display, mark, "", f"YAML 语法错误：{what}", _syntax_hint(what), "YAML syntax error")]
    except (yaml.YAMLError, RecursionError) as exc:  # anything else PyYAML refuses, still as a message
        return None, [Problem(display, 1, 1, "", f"YAML 无法读取：{type(exc).__name__}", "请检查文件格式")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(display, 1, 1, "", "文件是空的", "请按字段说明填写内容")]
    doc = Document(display, None)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems, 0)
    # Scalar refusals leave a None in place, so the file can still be validated for its other problems.
    return doc, problems


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "冒号后面的文字如果本身含“: ”，请给整段文字加引号"
    if "could not find expected ':'" in what:
        return "每个字段写成“名称: 值”，冒号后面要有一个空格"
    if "cannot start any token" in what:
        return "这一行以 YAML 的特殊字符开头（如 @、`、%），请给整个值加引号"
    if "expected <block end>" in what or "did not find expected" in what:
        return "检查这一行和上一行的缩进是否对齐（同一层级的字段缩进必须相同）"
    return "请检查这一行的缩进、冒号和引号"


def _build(node: Node, loc: Path_, doc: Document, problems: list[Problem], depth: int) -> Any:
    doc.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    here = f"{field_path(loc)}" if loc else ""
    if depth > MAX_DEPTH:
        problems.append(_problem(doc.path, node.start_mark, here, "嵌套层级太深", "请检查缩进"))
        return None
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(_problem(doc.path, key_node.start_mark, here, "字段名必须是简单文字", "请写成“名称: 值”"))
                continue
            key = key_node.value
            child = loc + (key,)
            if key in out:
                first = doc.key_marks[child]
                problems.append(
                    _problem(doc.path, key_node.start_mark, field_path(child), f"字段重复（第 {first[0]} 行已经写过）",
                             "同一层级每个字段只能出现一次，请合并或删除其中一个", "duplicate key")
                )
                continue
            doc.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _build(value_node, child, doc, problems, depth + 1)
        return out
    if isinstance(node, SequenceNode):
        return [_build(item, loc + (i,), doc, problems, depth + 1) for i, item in enumerate(node.value)]
    return _scalar(node, loc, doc, problems)


def _scalar(node: ScalarNode, loc: Path_, doc: Document, problems: list[Problem]) -> Any:
    value = node.value
    if node.style is not None:  # quoted or block scalar: always text
        return value
    here = field_path(loc)
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _AMBIGUOUS_BOOL:
        doc.refused.add(loc)
        problems.append(
            _problem(doc.path, node.start_mark, here, f"“{value}”含义不明确（旧版 YAML 会当成真/假）",
                     f"表示是/否请写 true 或 false；表示文字请加引号：\"{value}\"", "ambiguous boolean")
        )
        return None
    if _LEADING_ZERO.match(value):
        doc.refused.add(loc)
        problems.append(
            _problem(doc.path, node.start_mark, here, f"“{value}”以 0 开头，不同工具会读成不同的数",
                     f"代码、编号请加引号：\"{value}\"", "number with a leading zero")
        )
        return None
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value
