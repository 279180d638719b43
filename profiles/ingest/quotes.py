"""Quotes are proven: a fact's `quote:` must occur, word for word, in the archived text of a source it cites.

The rule (the same one the data editors check by hand):
- both texts are NFKC-normalised, so full-width and half-width punctuation, letters and digits are one
  (`，` = `,`, `５` = `5`), and every whitespace character is dropped (line breaks in the article, spaces
  an editor typed);
- `…` (or `...`) joins passages of one article: every passage must occur in the archive of ONE cited source.

Passages of different sources, or of different items of one page (an aggregator's short stories), are separate
`quotes:`, each naming its own source (and, optionally, `where`: the heading it sits under, verbatim): each is
looked up in the archive of the source it names, which the fact must cite.

The project keeps no copy of the articles. The archive folder is a setting (`[tool.profiles] archive_dir`,
`../shared/seeds` beside the clone, as CI has it) and each source names its file (`archive:`). What cannot be
checked — no folder on this machine, a source without `archive`, a file not in the folder — is said plainly as
a warning, never an error: the build does not depend on the archive being present.

A fact without a quote is a warning (every fact should carry one); a quote not found in any cited source whose
archive was read is an error at the quote's line.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..base.problems import Problem
from ..model import City, District, Source
from ..model.dataset import Dataset
from .yamlload import Document, field_path

ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")
# English tags of the problems below: tests and the real-data test pick them out by these.
NO_QUOTE = "fact without a quote"
NOT_FOUND = "quote not found in the cited sources"
NOT_FIRST = "quote found in a source that is not the first cited"
UNCHECKED = "quotes of this source cannot be checked"
NOT_CITED = "quote from a source the fact does not cite"
WHERE_NOT_FOUND = "heading of a quote not found in its source"


def normalise(text: str) -> str:
    """Width-folded (NFKC), without whitespace. NFKC turns `…` into `...`: turned back, so it stays one mark."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).replace("...", ELLIPSIS)


def passages(quote: str) -> list[str]:
    """The normalised passages a quote joins with `…`."""
    return [p for p in normalise(quote).split(ELLIPSIS) if p]


@dataclass(frozen=True)
class Archives:
    """The archived text of each source that can be checked, and why the others cannot."""

    folder: Path | None  # None: no archive folder configured, quotes are not proven at all
    shown: str = ""  # the folder as messages name it
    texts: dict[str, str] = field(default_factory=dict)  # source id -> normalised text
    unchecked: dict[str, str] = field(default_factory=dict)  # source id -> why (Chinese)
    folder_missing: bool = False

    @property
    def digest(self) -> str:
        """Everything the quote checks read besides the district file: keys their cache."""
        h = hashlib.sha256(repr((self.shown, sorted(self.unchecked.items()), self.folder_missing)).encode())
        for sid in sorted(self.texts):
            h.update(sid.encode() + b"\0" + self.texts[sid].encode() + b"\0")
        return h.hexdigest()

    def containing(self, parts: list[str], sids) -> list[str]:
        """Those of `sids` whose archive holds every passage."""
        return [s for s in sids if s in self.texts and all(p in self.texts[s] for p in parts)]


def read_archives(sources: dict[str, Source], folder: Path | None, base: Path | None = None) -> Archives:
    """Read the archive of every source that names one. `base` is what the folder is shown relative to."""
    if folder is None:
        return Archives(None)
    shown = os.path.relpath(folder, base).replace(os.sep, "/") if base is not None else folder.as_posix()
    if not folder.is_dir():
        reason = f"找不到来源存档目录 {shown}"
        return Archives(folder, shown, {}, {sid: reason for sid in sources}, folder_missing=True)
    texts, unchecked = {}, {}
    for sid, source in sources.items():
        if not source.archive:
            if not source.link:  # an online source is "not archived": information, not a warning
                unchecked[sid] = "没有写原文存档 archive"
            continue
        path = folder / source.archive
        try:
            texts[sid] = normalise(path.read_bytes().decode("utf-8", errors="replace"))
        except OSError:
            unchecked[sid] = f"存档目录 {shown} 里没有 {source.archive}"
    return Archives(folder, shown, texts, unchecked)


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def check_profile(profile: District | City, doc: Document, archives: Archives) -> list[Problem]:
    """Every fact of one profile: a quote is there, and (where the archives allow) found in a cited source."""
    out: list[Problem] = []
    for loc, item in profile.items():
        if item.quotes:
            out += _check_quotes(doc, loc, item, archives)
            continue
        if not item.quote:
            if item.sources:  # an unverified fact has nothing to quote
                out.append(_no_quote(doc, loc))
            continue
        if archives.folder is None or not item.sources:
            continue
        parts = passages(item.quote)
        found = archives.containing(parts, item.sources)
        if found:
            if found[0] != item.sources[0]:
                out.append(_not_first(doc, loc, item.sources, found[0]))
        elif all(s in archives.texts for s in item.sources):
            out.append(_not_found(doc, loc, item.quote, parts, item.sources, archives))
        # else: some cited source cannot be read here; the notices on sources.yaml name it.
    return out


def _check_quotes(doc: Document, loc: tuple, item, archives: Archives) -> list[Problem]:
    """A fact's `quotes:`: each names a source the fact cites, and is found in that source's archive (its
    `where` too). Unlike a lone `quote`, a passage is never looked for in the fact's other sources."""
    out: list[Problem] = []
    for j, q in enumerate(item.quotes):
        here = loc + ("quotes", j)
        if q.source not in item.sources:
            out.append(
                Problem(
                    *_at(doc, here + ("source",)),
                    f"引文注明出自“{q.source}”，但本条的 sources 里没有这个来源",
                    f"请把 {q.source} 加进 sources，或改成 sources 里的编号（{'、'.join(item.sources) or '暂无'}）",
                    NOT_CITED,
                )
            )
            continue
        text = archives.texts.get(q.source) if archives.folder is not None else None
        if text is None:  # no archive here: the notices on sources.yaml say so
            continue
        parts = passages(q.text)
        if not all(p in text for p in parts):
            out.append(_not_found(doc, here, q.text, parts, [q.source], archives, field_="text"))
        if q.where and normalise(q.where) not in text:
            out.append(
                Problem(
                    *_at(doc, here + ("where",)),
                    f"引文所在条目的标题在来源“{q.source}”的原文中找不到：“{_short(q.where)}”",
                    "where 写原文中这段引文所在条目或小节的标题，逐字照抄；不确定时删掉 where",
                    WHERE_NOT_FOUND,
                )
            )
    return out


def _at(doc: Document, loc: tuple) -> tuple[str, int, int, str]:
    line, col = doc.locate(loc)
    return doc.path, line, col, field_path(loc)


def _no_quote(doc: Document, loc: tuple) -> Problem:
    path, line, col, _ = _at(doc, loc)
    return Problem(
        path,
        line,
        col,
        field_path(loc + ("quote",)),
        "这条事实没有引文",
        "请加上来源中支持它的最短原文，逐字照抄（不超过80字；两段之间用 … 连接），例如 quote: 全年引育大模型企业超100个",
        NO_QUOTE,
        "warning",
    )


def _not_found(
    doc: Document, loc: tuple, quote: str, parts: list[str], sids: list[str], archives: Archives, field_: str = "quote"
):
    first = sids[0]
    missing = next((p for p in parts if p not in archives.texts[first]), parts[0])
    elsewhere = [s for s in archives.containing(parts, sorted(archives.texts)) if s not in sids]
    if elsewhere:
        why = (
            f"这段原文出自来源“{elsewhere[0]}”，但{'它注明' if field_ == 'text' else '本条引用'}的是 {'、'.join(sids)}"
        )
        hint = (
            f"请把 source 改成实际出处 {elsewhere[0]}（并加进 sources），或换成所注来源里的原文"
            if field_ == "text"
            else f"请把 sources 改成实际出处（例如 sources: [{elsewhere[0]}]），或换成所引来源里的原文"
        )
    else:
        where = "、".join(sids)
        shown = missing if len(parts) > 1 else quote
        why = f"引文在所引来源（{where}）的原文中找不到：“{_short(shown)}”"
        hint = "请从来源原文逐字复制（全角半角标点、空格和换行不影响核对）；两段原文之间用 … 连接"
    return Problem(*_at(doc, loc + (field_,)), why, hint, NOT_FOUND)


def _not_first(doc: Document, loc: tuple, sids: list[str], found: str) -> Problem:
    return Problem(
        *_at(doc, loc + ("sources",)),
        f"引文出自“{found}”，但它不是 sources 里的第一个来源；网页把引文显示在第一个出处上",
        f"请把 {found} 移到 sources 的第一位",
        NOT_FIRST,
        "warning",
    )


def source_notices(archives: Archives, sources_doc: Document | None, sources_file: str) -> list[Problem]:
    """Which sources' quotes this run could not check, and why: warnings on data/sources.yaml."""
    if archives.folder is None or not archives.unchecked:
        return []
    if archives.folder_missing:
        ids = "、".join(archives.unchecked)
        return [
            Problem(
                sources_file,
                1,
                1,
                "",
                f"找不到来源存档目录 {archives.shown}，引文都没有核对（{len(archives.unchecked)} 个来源：{ids}）",
                "存档目录在 pyproject.toml 的 [tool.profiles] archive_dir 设置（默认与项目并列的 shared/seeds）；"
                "本机没有存档时可以忽略，CI 会核对",
                UNCHECKED,
                "warning",
            )
        ]
    raw = sources_doc.data.get("sources") if sources_doc is not None and isinstance(sources_doc.data, dict) else None
    index = {s.get("id"): i for i, s in enumerate(raw or []) if isinstance(s, dict)}
    out = []
    for sid, why in archives.unchecked.items():
        loc = ("sources", index[sid], "archive") if sid in index else ()
        line, col = sources_doc.locate(loc) if sources_doc is not None else (1, 1)
        hint = (
            "请写上存档目录里的文件名，例如 archive: 000_0638385fcb057a50.txt"
            if "archive" in why
            else "请检查文件名是否写错，或把原文存档放进存档目录"
        )
        out.append(
            Problem(
                sources_file,
                line,
                col,
                field_path(loc),
                f"来源“{sid}”{why}，引用它的引文无法核对",
                hint,
                UNCHECKED,
                "warning",
            )
        )
    return out


def run(
    dataset: Dataset,
    docs: dict[str, Document],
    city_doc: Document | None,
    sources_doc: Document | None,
    sources_file: str,
    archives: Archives,
    memo=None,
) -> list[Problem]:
    """Quote problems of the whole dataset. `memo(slug, extra, compute)` caches a district's, as in checks.run."""
    out = source_notices(archives, sources_doc, sources_file)
    if dataset.city is not None and city_doc is not None:
        out += check_profile(dataset.city, city_doc, archives)
    extra = "quotes|" + archives.digest
    for slug, district in dataset.districts.items():
        compute = lambda d=district, doc=docs[slug]: check_profile(d, doc, archives)  # noqa: E731
        out += memo(slug, extra, compute) if memo else compute()
    return out
