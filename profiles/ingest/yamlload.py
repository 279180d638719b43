"""Read one YAML file into plain Python values, keeping the line and column of every node.

PyYAML alone is not safe for editors' files: it follows YAML 1.1 (`0571` is octal, `no` is False, dates
become objects), expands aliases (a "billion laughs" file eats memory) and accepts duplicate keys silently.
So we only *compose* nodes (which carry marks), refuse aliases, tags and duplicates, and resolve plain
scalars ourselves with a small, predictable rule set. Every refusal is a `Problem` with file:line:col.
The file's bytes are checked first (size, encoding, tabs, control characters: yamltext.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..base.problems import Problem
from .yamltext import checked_text

Path_ = tuple  # a path into the document: ("goals", 2, "year")

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$|^0[oOxXbB][0-9a-fA-F_]+$")
# PyYAML (YAML 1.1) reads these as booleans; YAML 1.2 tools read them as text. Refuse rather than guess.
_NUMBER_START = frozenset("+-.0123456789")  # how anything _LEADING_ZERO, _INT or _FLOAT match begins
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
_UNTAGGED = frozenset({None, "!", *_PLAIN_TAGS})  # no tag, the non-specific "!" or a plain one
# In a value written as an escape inside quotes, line and paragraph separators are just text (and a
# classic JavaScript-breaking test string); C0/C1 control characters are not.
_CONTROL_IN_VALUE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
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


class LazyDocument:
    """The positions of a file whose parsed value came from the cache: parsed again only if a later
    check has something to report about it (which is rare), so warm builds skip YAML entirely."""

    def __init__(self, file: Path, display: str):
        self.path, self._file, self._doc = display, file, None

    def locate(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        if self._doc is None:
            self._doc = load(self._file, self.path)[0] or Document(self.path, None)
        return self._doc.locate(loc, key=key)


def _problem(path: str, mark, field_: str, zh: str, hint: str, en: str = "") -> Problem:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem(path, line, col, field_, zh, hint, en)


try:  # libyaml's parser: events come from C, composition is ours (below)
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml.loader import SafeLoader as _Parser


def _refusal(event, path: str) -> Problem | None:
    """Aliases, anchors and tags are refused as they arrive, before anything could be expanded."""
    if isinstance(event, AliasEvent):
        return _problem(
            path, event.start_mark, "", "不支持 YAML 别名（*名字）", "请把内容直接写出来", "aliases are not allowed"
        )
    if getattr(event, "anchor", None):
        return _problem(
            path,
            event.start_mark,
            "",
            f"不支持 YAML 锚点（&{event.anchor}）",
            "请删除锚点，把内容直接写出来",
            "anchors are not allowed",
        )
    tag = getattr(event, "tag", None)
    if tag not in _UNTAGGED:
        shown = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
        return _problem(
            path,
            event.start_mark,
            "",
            f"不允许使用 YAML 标签 {shown}",
            "请删除以 ! 开头的标签，直接写值",
            "YAML tags are not allowed",
        )
    return None


class _Frame:
    __slots__ = ("value", "loc", "key", "skip")

    def __init__(self, value, loc):
        self.value, self.loc, self.key, self.skip = value, loc, None, False


def _compose(parser, doc: Document, problems: list[Problem]) -> Any:
    """Turn the parser's event stream into plain values (None for an empty file), refusing a second document."""
    get = parser.get_event
    get()  # StreamStart
    if isinstance(get(), StreamEndEvent):
        return None
    root = _compose_document(get, doc, problems)  # from after DocumentStart up to DocumentEnd
    event = get()
    if isinstance(event, DocumentStartEvent):
        raise _Refused(
            _problem(
                doc.path,
                event.start_mark,
                "",
                "一个文件里只能有一份内容（发现了第二个 ---）",
                "删除多余的 --- 分隔线及其后的内容",
                "more than one document",
            )
        )
    return root


def _compose_document(get, doc: Document, problems: list[Problem]) -> Any:
    """One document's events as plain dicts, lists and scalars, recording every position.

    One loop with an explicit stack: no node objects, no resolver, no recursion — it is the hot path
    when validating a thousand files (what is rare, refusals and duplicates, is worded elsewhere).
    """
    marks, key_marks, path = doc.marks, doc.key_marks, doc.path
    stack: list[_Frame] = []
    root: Any = None
    while True:
        event = get()
        kind = type(event)  # the parsers make these classes themselves: no subclasses to allow for
        if kind is DocumentEndEvent:
            return root
        if kind is MappingEndEvent or kind is SequenceEndEvent:  # no anchor, no tag: never refused
            value = stack.pop().value
        else:
            # _refusal's tests, inline for the three kinds a file is made of (most of a thousand files' events)
            if (
                (kind is not ScalarEvent and kind is not MappingStartEvent and kind is not SequenceStartEvent)
                or event.anchor
                or (event.tag is not None and event.tag != "!" and event.tag not in _PLAIN_TAGS)
            ):
                refused = _refusal(event, path)
                if refused:
                    raise _Refused(refused)
            top = stack[-1] if stack else None
            if top is not None and type(top.value) is dict and top.key is None:  # a key
                if kind is not ScalarEvent:
                    raise _Refused(_complex_key(path, event, top.loc))
                top.key = event.value
                child = top.loc + (top.key,)
                if top.key in top.value or child in key_marks:
                    problems.append(_duplicate_key(path, event, child, key_marks[child]))
                    top.skip = True
                else:
                    key_marks[child] = (event.start_mark.line + 1, event.start_mark.column + 1)
                continue
            loc = () if top is None else top.loc + (len(top.value) if top.key is None else top.key,)
            if top is None or not top.skip:
                mark = event.start_mark
                marks[loc] = (mark.line + 1, mark.column + 1)
            if kind is ScalarEvent:
                value = _scalar(event, loc, doc, problems)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(_problem(path, event.start_mark, field_path(loc), "嵌套层级太深", "请检查缩进"))
                stack.append(_Frame({} if kind is MappingStartEvent else [], loc))
                continue
        if not stack:
            root = value
            continue
        parent = stack[-1]
        if type(parent.value) is dict:
            if not parent.skip:
                parent.value[parent.key] = value
            parent.key, parent.skip = None, False
        else:
            parent.value.append(value)


def _complex_key(path: str, event, loc: Path_) -> Problem:
    return _problem(path, event.start_mark, field_path(loc), "字段名必须是简单文字", "请写成“名称: 值”")


def _duplicate_key(path: str, event, loc: Path_, first: tuple[int, int]) -> Problem:
    return _problem(
        path,
        event.start_mark,
        field_path(loc),
        f"字段重复（第 {first[0]} 行已经写过）",
        "同一层级每个字段只能出现一次，请合并或删除其中一个",
        "duplicate key",
    )


def field_path(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load(path: Path, display: str, raw: bytes | None = None) -> tuple[Document | None, list[Problem]]:
    """Load `path`; `display` is the name shown in messages (relative to the project). `raw`: its
    bytes when the caller has already read them (the cache key), so the file is not read twice."""
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as exc:
        return None, [Problem(display, 1, 1, "", f"无法读取文件：{exc.strerror}", "请检查文件是否存在、是否有读取权限")]
    text, problem = checked_text(display, raw)
    if problem:
        return None, [problem]
    parser = _Parser(text)
    doc = Document(display, None)
    problems: list[Problem] = []
    try:
        doc.data = _compose(parser, doc, problems)
    except _Refused as exc:
        return None, [exc.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "语法错误").strip()
        return None, [_problem(display, mark, "", f"YAML 语法错误：{what}", _syntax_hint(what), "YAML syntax error")]
    except (yaml.YAMLError, RecursionError) as exc:  # anything else PyYAML refuses, still as a message
        return None, [Problem(display, 1, 1, "", f"YAML 无法读取：{type(exc).__name__}", "请检查文件格式")]
    finally:
        parser.dispose()
    if doc.data is None and not problems:
        return None, [Problem(display, 1, 1, "", "文件是空的", "请按字段说明填写内容")]
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


def _refuse(node: ScalarEvent, loc: Path_, doc: Document, problems: list[Problem], zh: str, hint: str, en: str) -> None:
    """A scalar refused: reported at its position, left as None so the file's other problems are still found."""
    doc.refused.add(loc)
    problems.append(_problem(doc.path, node.start_mark, field_path(loc), zh, hint, en))


def _scalar(node: ScalarEvent, loc: Path_, doc: Document, problems: list[Problem]) -> Any:
    value = node.value
    # A control character written as an escape ("\x07", "\P") inside quotes: as invisible as the raw byte.
    if _CONTROL_IN_VALUE.search(value):
        zh, hint = "文字里有不可见的控制字符", "请删除引号里的 \\x.. 之类的转义"
        return _refuse(node, loc, doc, problems, zh, hint, "control character in a value")
    if node.style:  # quoted or block scalar: always text (libyaml marks plain as "", PyYAML as None)
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _AMBIGUOUS_BOOL:
        zh = f"“{value}”含义不明确（旧版 YAML 会当成真/假）"
        hint = f'表示是/否请写 true 或 false；表示文字请加引号："{value}"'
        return _refuse(node, loc, doc, problems, zh, hint, "ambiguous boolean")
    if value[0] not in _NUMBER_START:  # text (most values): none of the patterns below can match
        return value
    if _LEADING_ZERO.match(value):
        zh, hint = f"“{value}”以 0 开头，不同工具会读成不同的数", f'代码、编号请加引号："{value}"'
        return _refuse(node, loc, doc, problems, zh, hint, "number with a leading zero")
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value
