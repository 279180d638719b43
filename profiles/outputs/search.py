"""Search entries for the generated district pages: made here, not by Material's indexer.

Why: at 1,000 districts Material's search plugin (one `html.parser` pass and a jieba pass over every
page) cost ~4 s of a 12 s MkDocs build. We write these pages, so we know where their sections start:
each page is cut at its own headings (`## 发展目标 { #goals }`, attr_list's spelling that is not a Jinja comment), and each section's HTML becomes text in
the format Material's index uses — the tags it keeps (p, li, ul, ol, code, pre, sub, sup) without
attributes, every other tag dropped, text HTML-escaped, Chinese runs cut by jieba and joined with
zero-width spaces (material/plugins/search/plugin.py, `Parser` and `_segment_chinese`). The pages say
`search: exclude: true`, so Material skips them, and `merge_into` appends our entries to
search_index.json after MkDocs has run. Entries are cached by page text and dictionary.

The dictionary is an output too (`DICTIONARY`, before the pages are indexed): a jieba user dictionary of
our names and terms, which the entries are cut with and which the build writes where mkdocs.yml gives
it to Material's search (build/jieba_user.dict) for the pages Material indexes itself.

The search UI shows `title` and `text` as HTML: everything here is escaped text plus bare kept tags.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..base.cache import Cache
from ..engine.rendering import Inputs, Output
from . import pages
from .rawblocks import TAG, VOID

KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
SKIP = frozenset({"script", "style", "object"})
# A heading the page templates wrote: level, text, explicit id (attr_list). Data never starts a line
# with "#" unescaped: the h1 goes through the `md` filter and everything else sits inside HTML blocks.
_HEADING = re.compile(r"^(#{1,2}) (.+?)(?: \{ #([A-Za-z][\w-]*) \})?[ \t]*$", re.M)
_MD_ESCAPE = re.compile(r"\\(.)")


def _han():
    # Material's own pattern (backrefs ships with Material): the same runs are cut the same way.
    from backrefs import bre  # deferred: only when a page is segmented

    return bre.compile(r"(\p{script: Han}+)", bre.UNICODE)


def section_text(fragment: str) -> str:
    """One section's HTML → the text Material's `Parser` would index for it."""
    out: list[str] = []
    stack: list[tuple[str, bool, int]] = []  # (tag, skipped, index in out of its kept opening tag)
    skipping = 0
    pos = 0
    for m in TAG.finditer(fragment):
        start = m.start()
        if not skipping and start > pos:
            _data(out, fragment[pos:start])
        pos = m.end()
        closing, tag, attrs = m.group(1, 2, 3)
        if not tag:  # a comment
            continue
        tag = tag.lower()
        if not closing:
            if tag in VOID:
                continue
            skip = tag in SKIP or (attrs is not None and "data-search-exclude" in attrs)
            skipping += skip
            if not skipping and tag in KEEP:
                stack.append((tag, skip, len(out)))
                out.append(f"<{tag}>")
            else:
                stack.append((tag, skip, -1))
        else:
            if not stack or stack[-1][0] != tag:
                continue  # stray end tag: ignored, as Material's parser does
            _, skip, index = stack.pop()
            if index >= 0:
                # Every piece in out is non-empty: whitespace pieces only (or none) join to whitespace (or "").
                inner = "".join(out[index + 1 :])
                if not inner or inner.isspace():
                    del out[index:]  # an empty kept element leaves nothing, as in Material
                else:
                    out.append(f"</{tag}>")
            skipping -= skip
    if not skipping:
        _data(out, fragment[pos:])
    return "".join(out).strip()


def _data(out: list[str], raw: str) -> None:
    if not raw:
        return
    text = html.unescape(raw) if "&" in raw else raw
    if text.isspace():
        if out and out[-1].isspace():
            return
        out.append(" ")
        return
    out.append(html.escape(text.replace("\n", " "), quote=False))


def page_sections(markdown: str) -> list[tuple[str, str | None, str]]:
    """(title as escaped HTML, heading id or None for the page's top, section HTML) per section."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    sections: list[tuple[str, str | None, str]] = []
    marks = list(_HEADING.finditer(body))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        title = _MD_ESCAPE.sub(r"\1", m.group(2))  # the `md` filter's backslashes; HTML escaping stays
        anchor = None if m.group(1) == "#" else m.group(3)
        sections.append((title, anchor, body[m.end() : end]))
    return sections


def pristine_jieba():
    """The global jieba tokenizer as its own dictionary made it, every word a user dictionary added (ours, or
    Material's search plugin loading the same file) taken out again and its total restored. jieba keeps one
    global tokenizer, and loading a dictionary adds to it: without this, a process that built before (a test
    session, a resident `serve` after an edit) would cut the text differently from a fresh one."""
    import jieba  # deferred: jieba's import (~1 s with its dictionary), only when text is cut

    jieba.setLogLevel(logging.WARNING)
    dt = jieba.dt
    dt.check_initialized()
    saved = getattr(dt, "_gz_pristine", None)
    if saved is None:  # the first use in this process: nothing has been added yet
        dt._gz_pristine = (dict(dt.FREQ), dt.total)
    else:
        dt.FREQ, dt.total = dict(saved[0]), saved[1]
        dt.user_word_tag_tab = {}
    return jieba


class Segmenter:
    """jieba with our user dictionary, loaded once, the way Material's plugin loads it.

    Each run of Han characters is cut once: jieba cuts a run the same way wherever it stands (the
    regular expression hands it over whole), and pages repeat most of theirs (headings, labels, the
    sentences of a page an edit left alone). A resident process keeps one per dictionary text."""

    RUNS = 500_000  # distinct runs remembered at most

    def __init__(self, dictionary: str):
        self.dictionary = dictionary  # the user dictionary's text
        self._cut = None
        self._runs: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        if self._cut is None:
            jieba = pristine_jieba()
            if self.dictionary:
                jieba.load_userdict(io.BytesIO(self.dictionary.encode("utf-8")))
            han = _han()
            runs = self._runs

            def one(m) -> str:
                run = m.group(0)
                done = runs.get(run)
                if done is None:
                    if len(runs) >= self.RUNS:
                        runs.clear()
                    done = runs[run] = "\u200b" + "\u200b".join(jieba.cut(run.encode("utf-8"))) + "\u200b"
                return done

            def cut(value: str) -> str:
                return han.sub(one, value).strip("\u200b")

            self._cut = cut
        return self._cut(text)


def page_entries(location: str, markdown: str, segment: Segmenter) -> list[dict]:
    """Material-style entries for one generated page at `location` (e.g. "districts/haizhu/")."""
    entries = []
    for title, anchor, fragment in page_sections(markdown):
        entries.append(
            {
                "location": location + (f"#{anchor}" if anchor else ""),
                "title": segment(title.strip()),
                "text": segment(section_text(fragment)),
            }
        )
    return entries


@dataclass(frozen=True)
class PageText:
    """What a page's search entries are made of: its Markdown, and the dictionary jieba cuts it with."""

    location: str  # e.g. "districts/haizhu/"
    page: str  # the page's path under docs/ (its Markdown is read from the build's outputs)
    markdown: str  # SHA-256 of the page's Markdown
    dictionary: str  # SHA-256 of the user dictionary's text


def search_views(pages: Mapping[str, str], dictionary_text: str, prefix: str = ""):
    """(path, view) of every generated page that opted out of Material's indexer; `prefix`: the edition's
    folder (en/), which the pages' locations start with."""
    salt = hashlib.sha256(dictionary_text.encode("utf-8")).hexdigest()
    for rel, markdown in pages.items():
        if "\nsearch:\n  exclude: true\n" in markdown.split("\n---\n", 1)[0] + "\n":
            digest = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
            yield rel, PageText(prefix + rel[: -len(".md")] + "/", rel, digest, salt)


def dictionary_text(words) -> str:
    """A jieba user dictionary: our names and terms, high frequency so they are cut out of compounds."""
    return "".join(f"{w} 2000 n\n" for w in words)


def _words(inputs: Inputs) -> tuple[str, ...]:
    """The dictionary's words (pages.search_words), each profile's terms kept by a resident process:
    an edit changes one profile's."""
    size = 4 * (len(inputs.dataset.districts) + 1)
    keep = lambda p: inputs.cache.keep("search-terms", lambda: pages.terms_and_names(p), p, size=size)  # noqa: E731
    return tuple(pages.search_words(inputs.dataset, keep))


DICTIONARY_FILE = "jieba_user.dict"  # under the project's build/ (mkdocs.yml: search `jieba_dict_user`)
DICTIONARY = Output(
    "search-dictionary",
    collect=lambda inputs: [(DICTIONARY_FILE, _words(inputs))],
    render=lambda words, inputs: dictionary_text(words),
    files=False,  # not a page of the site: the build writes it under build/ (build.write_dictionary)
    shared=True,  # one file for every language edition
)


def _dictionary(inputs: Inputs) -> str:
    return inputs.results.get("search-dictionary", {}).get(DICTIONARY_FILE, "")


def _collect(inputs: Inputs):
    pages_ = {rel: inputs.out[rel].decode("utf-8") for name in PAGE_OUTPUTS for rel in inputs.results.get(name, {})}
    return search_views(pages_, _dictionary(inputs), inputs.ctx.prefix)


def _render(view: PageText, inputs: Inputs) -> list[dict]:
    segment = inputs.resource("segmenter", lambda: _segmenter(_dictionary(inputs), inputs.cache))
    return page_entries(view.location, inputs.out[view.page].decode("utf-8"), segment)


def _segmenter(dictionary: str, cache: Cache) -> Segmenter:
    """One per dictionary text (a resident process keeps it, with the runs it has cut)."""
    return cache.keep("segmenter", lambda: Segmenter(dictionary), dictionary)


PAGE_OUTPUTS = ("home", "district-index", "page")  # the outputs whose Markdown pages are indexed here
SEARCH = Output("search", _collect, _render, files=False)


def dictionary_beside_config(config):
    """mkdocs.yml gives Material's search our dictionary by a path relative to mkdocs.yml
    (build/jieba_user.dict), which the plugin opens relative to the working directory: made absolute
    here (an MkDocs `on_config` event, profiles/site/build.py and profiles/mkdocs_hooks.py), so a build from
    any directory reads the project's own."""
    base = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    for plugin in config.plugins.values():
        options = getattr(plugin, "config", None)
        path = options.get("jieba_dict_user") if isinstance(options, Mapping) else None
        if isinstance(path, str) and path and not os.path.isabs(path):
            options["jieba_dict_user"] = os.path.join(base, path)
    return config


def merge_into(site: Path, entries: list[dict]) -> None:
    """Append our entries to the index MkDocs wrote, and write it back as compact UTF-8 JSON: Material
    writes every Chinese character as a six-byte \\uXXXX escape, and every page fetches this file, so UTF-8
    makes it about half the bytes to parse and a fifth less to download (62 → 49 KB compressed here)."""
    path = site / INDEX
    if not path.exists():
        return
    index = json.loads(path.read_text("utf-8"))
    index["docs"].extend(entries)
    _write_index(path, index)


INDEX = "search/search_index.json"  # under the site, and under each other language's folder (en/search/…)


def _write_index(path: Path, index: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":"), default=str), "utf-8")


def split_by_language(site: Path, languages: tuple[str, ...]) -> dict[str, int]:
    """One index per language, after `merge_into`: the entries of the pages under <lang>/ (the English
    edition's, mkdocs.yml `i18n`) move from the site's index to <lang>/search/search_index.json, so an English
    page searches English pages only (profiles/site/selfhost.py points Material's script at it). Locations stay
    relative to the site's root, where Material resolves them from either page. The index's `config` (the
    separator and pipeline mkdocs.yml gives the search) is the same for every language. Returns the entries
    each index holds ("" for the site's own); nothing changes without `languages`."""
    path = site / INDEX
    if not languages or not path.exists():
        return {}
    index = json.loads(path.read_text("utf-8"))
    counts = {}
    for lang in languages:
        mine = [e for e in index["docs"] if e["location"].startswith(f"{lang}/")]
        index["docs"] = [e for e in index["docs"] if not e["location"].startswith(f"{lang}/")]
        _write_index(site / lang / INDEX, {"config": index["config"], "docs": mine})
        counts[lang] = len(mine)
    _write_index(path, index)
    counts[""] = len(index["docs"])
    return counts
