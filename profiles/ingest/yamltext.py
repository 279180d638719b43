"""A data file's bytes, checked before any YAML is parsed: size, encoding, emptiness, tab indentation and
invisible control characters, each refused as one `Problem` at its line and column (yamlload.py then
parses the text)."""

from __future__ import annotations

import re

from ..base.problems import Problem

MAX_BYTES = 2_000_000  # a profile is a few KB; anything this large is a mistake, not data
# What YAML forbids in a stream (and what often rides along from web pages and Word).
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]"
)  # +NEL, U+2028/9: line breaks to YAML only


def _line_col(buffer: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in a text or its bytes."""
    newline = b"\n" if isinstance(buffer, bytes) else "\n"
    before = buffer[:offset]
    return before.count(newline) + 1, offset - (before.rfind(newline) + 1) + 1


def _check_text(path: str, raw: bytes) -> tuple[str | None, Problem | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, Problem(
            path,
            1,
            1,
            "",
            "文件开头有 BOM（字节顺序标记）",
            "请在编辑器里另存为“UTF-8（无 BOM）”",
            "file starts with a BOM",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        return None, Problem(
            path, line, col, "", "文件不是 UTF-8 编码", "请在编辑器里另存为 UTF-8 编码", "file is not valid UTF-8"
        )
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, Problem(path, 1, 1, "", "文件是空的", "请按字段说明填写内容，或删除这个文件", "file is empty")
    lines = re.split(r"\r\n|\r|\n", text) if "\t" in text else []  # no tab at all: no line to look at
    for n, ln in enumerate(lines, 1):  # not splitlines(): U+2028 is no line to an editor
        indent = ln[: len(ln) - len(ln.lstrip(" \t"))]
        if "\t" in indent:
            return None, Problem(
                path,
                n,
                indent.index("\t") + 1,
                "",
                "缩进里有制表符（Tab）",
                "YAML 只能用空格缩进，请把 Tab 换成两个空格",
                "tab used for indentation",
            )
    return text, None


def checked_text(display: str, raw: bytes) -> tuple[str | None, Problem | None]:
    """The file's text, or the first reason it cannot be YAML (`display`: its name in messages)."""
    if len(raw) > MAX_BYTES:
        return None, Problem(
            display, 1, 1, "", "文件太大（超过 2 MB）", "一个区的资料应只有几 KB，请检查是否粘贴了整篇文章"
        )
    text, problem = _check_text(display, raw)
    if problem:
        return None, problem
    bad = _CONTROL.search(text)
    if bad:  # checked here so the message is the same whichever YAML parser is installed
        line, col = _line_col(text, bad.start())
        return None, Problem(
            display,
            line,
            col,
            "",
            f"有不可见的控制字符（#x{ord(bad.group()):04X}）",
            "请删除它（常见于从网页或 Word 复制的文字）",
            "control character",
        )
    return text, None
