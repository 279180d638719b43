"""The one Jinja environment factory, and the filters every template may use.

Pages, maps and views each keep their templates beside their code (so each passes its own folder as
the loader), but autoescape, undefined-variable handling, whitespace rules and the filter set are
decided here, once:

    from ..templating import environment
    template = environment(Path(__file__).parent / "templates").get_template("page.md.j2")

Templates receive build-wide facts (site URL, edit base, embed names …) in the `ctx` they are
rendered with (`profiles.engine.context.BuildContext`), never through environment globals: an environment
is shared by every build in a process and is never written to after it is made. The one global is a
function, `t` (profiles.facts.texts): the words Python and templates share come from one catalogue.

The formatting filters (`num`, `target`, `qty`, `label`, `figure_amount`, `map_caption`, `city_map_caption`) follow
the page's language as `_()` and `t()` do (`edition`): on an English page numbers carry English units and labels
read in English (profiles.facts.present, .labels, .units); a unit without English stays Chinese, in
lang="zh-CN". `figure_number` (the digits as the source writes them) and `filesize` (B, KB, MB) read the same in
both editions.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..facts import texts, units
from ..facts.labels import label_text
from ..facts.present import city_figure_caption, figure_caption, num, quantity_text, target_text  # one home (present)
from ..facts.texts.phrases import SOURCE, translate
from ..model import Quantity, Target
from ..model.indicators import number_text
from ..model.localized import Localized

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")
# Money units we can put on one scale for sorting; anything else sorts as text.
TO_YI_YUAN = {"亿元": 1.0, "万元": 1e-4, "元": 1e-8}


def md(text: object) -> Markup:
    """Escape text for a Markdown paragraph or heading: HTML first, then Markdown punctuation."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(str(text)))))


def yaml_str(text: object) -> Markup:
    """A front-matter string, HTML-escaped: MkDocs renders its theme without autoescape, and Material
    prints `title` and `description` into <title>, <meta content="…">, the header and the search index
    as HTML (as it does a title taken from a heading). JSON is valid YAML, and json.dumps quotes the rest."""
    return Markup(json.dumps(" ".join(str(escape(str(text))).split()), ensure_ascii=False))


def label(value, lang: str = SOURCE) -> str:
    """An enum value's label (profiles.facts.labels.label_text): "已达成" / "achieved"; "—" for None."""
    return label_text(value, lang)


def sort_key(q: Quantity | None) -> str:
    """The value a table cell sorts by: investment in 亿元, or "" (sorted last) when not comparable."""
    if q is None or q.unit not in TO_YI_YUAN:
        return ""
    return f"{q.value * TO_YI_YUAN[q.unit]:g}"


def human_size(n: int) -> str:
    """Sizes as a Chinese reader sees them in a file manager: KB/MB, 1 KB = 1024 bytes."""
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def codespans(text: str) -> Markup:
    """Field descriptions use Markdown `code`; inside an HTML block we render it ourselves, after escaping."""
    return Markup(re.sub(r"`([^`<>]+)`", r"<code>\1</code>", str(escape(text))))


def edition(context: Context) -> str:
    """The language a template renders in: its `lang` variable, else its build context's (`ctx.lang`), else
    Chinese (a template rendered without either: an embed's static part, a test)."""
    lang = context.get("lang")
    if isinstance(lang, str):
        return lang
    return getattr(context.get("ctx"), "lang", SOURCE)


def _unit_marked(text: str, unit: str, lang: str) -> Markup | str:
    """`text` with `unit` wrapped in lang="zh-CN" when an English page shows it in Chinese (a unit the table of
    profiles.facts.units lacks); the text as it is otherwise."""
    if lang == SOURCE or units.known(unit) or not unit or unit not in text:
        return text
    before, found, after = text.rpartition(unit)
    return Markup('{}<span lang="zh-CN">{}</span>{}').format(before, found, after)


@pass_context
def num_filter(context: Context, value: float) -> str:
    """`{{ n|num }}`: a number as the page's language groups it (profiles.facts.present.num)."""
    return num(value, edition(context))


@pass_context
def target_filter(context: Context, target: Target | None) -> Markup | str:
    """`{{ g.target|target }}`: "力争 ≥ 6%（增速）" / "strive to: ≥ 6% (growth)"."""
    lang = edition(context)
    text = target_text(target, lang)
    return text if target is None else _unit_marked(text, target.unit, lang)


@pass_context
def quantity_filter(context: Context, q: Quantity | None, comparator=None) -> Markup | str:
    """`{{ p.investment|qty }}`: "> 200 亿元" / "> 20 billion yuan" ("" without a quantity)."""
    lang = edition(context)
    text = quantity_text(q, comparator, lang)
    return text if q is None else _unit_marked(text, q.unit, lang)


@pass_context
def label_filter(context: Context, value) -> str:
    """`{{ p.status|label }}`: an enum value's label in the page's language."""
    return label_text(value, edition(context))


@pass_context
def figure_amount(context: Context, value: float, unit: str) -> Markup | str:
    """`{{ f.value|figure_amount(f.unit) }}`: a figure's number as the source writes it and its unit ("1316.36
    亿元", "5.5%"); in English moved into English units, never rounded ("131.636 billion yuan")."""
    lang = edition(context)
    if lang == SOURCE:
        return number_text(value) + (" " + unit if unit != "%" else "%")
    return _unit_marked(units.amount_text(value, unit), unit, lang)


@pass_context
def map_caption(context: Context, name: str) -> str:
    """`{{ name|map_caption }}`: a profile's map figure's caption (the caller passes the name in the page's
    language)."""
    return figure_caption(name, edition(context))


@pass_context
def city_map_caption(context: Context, count: int) -> str:
    """`{{ n|city_map_caption }}`: the home page's city map's caption."""
    return city_figure_caption(count, edition(context))


def phrases_of(stages: tuple[Path, ...] = ()):
    """`_("各区")` for templates of `stages` (the folders holding their en.po): a fixed word of the template in the
    page's language (profiles.facts.texts.phrases), read from those stages' catalogues first. The catalogue is
    ours and trusted as markup, like the template it stands in; placeholders are escaped."""

    @pass_context
    def phrase(context: Context, text: str, **args: object) -> Markup | str:
        message = translate(text, edition(context), args.get("n"), stages)
        if context.eval_ctx.autoescape:
            return Markup(message).format(**args) if args else Markup(message)
        return message.format(**args) if args else message

    return phrase


@pass_context
def message(context: Context, key: str, /, **args: object) -> str:
    """`t("map.title", name=…)` in a template: the id catalogue's message in the page's language."""
    return texts.t(key, lang=args.pop("lang", None) or edition(context), **args)


@pass_context
def data_text(context: Context, text: object, markdown: bool = False) -> Markup:
    """`{{ goal.statement|tx }}`: a text of the data as this edition shows it. On an English page a text still in
    Chinese (no translation yet) is wrapped in `lang="zh-CN"` and marked "not yet translated", and a translation
    of an older Chinese text is marked "translation may be out of date"; a Chinese page shows the text as it is.
    `markdown=True` escapes Markdown punctuation too (a Markdown paragraph, as `md`). Not for attributes: there
    write `{{ text }}`."""
    body = md(text) if markdown else escape(str(text))
    if edition(context) == SOURCE or not isinstance(text, Localized):
        return Markup(body)
    if text.state == "missing":
        note = translate("尚未翻译", edition(context))
        return Markup('<span lang="zh-CN">{}</span> <small class="gz-tr">{}</small>').format(body, note)
    if text.state == "stale":
        note = translate("译文可能已过时", edition(context))
        return Markup('{} <small class="gz-tr">{}</small>').format(body, note)
    return Markup(body)


@pass_context
def chinese(context: Context, text: object) -> Markup:
    """`{{ source.title|zh }}`: a text that stays Chinese in every edition (a source's title, a quote, a name in
    Chinese script): on an English page wrapped in `lang="zh-CN"`, so screen readers switch voice."""
    body = escape(str(text))
    if edition(context) == SOURCE or not str(text):
        return Markup(body)
    return Markup('<span lang="zh-CN">{}</span>').format(body)


@pass_context
def local_name(context: Context, name) -> str:
    """`{{ d.name|name }}`: a Name (zh, en) in this edition's language."""
    return name.zh if edition(context) == SOURCE else name.en


FILTERS = {
    "md": md,
    "yaml_str": yaml_str,
    "num": num_filter,
    "target": target_filter,
    "qty": quantity_filter,
    "label": label_filter,
    "sortkey": sort_key,
    "filesize": human_size,
    "codespans": codespans,
    "figure_number": number_text,
    "figure_amount": figure_amount,
    "map_caption": map_caption,
    "city_map_caption": city_map_caption,
    "tx": data_text,
    "zh": chinese,
    "name": local_name,
    "t": message,  # "map.title"|t(name=…): a message of the catalogue (profiles.facts.texts)
}
GLOBALS = {"t": message}  # t("map.title", name=…), the same; _("各区"): a fixed word (phrases)


@lru_cache(maxsize=None)
def environment(templates: Path | tuple[Path, ...]) -> Environment:
    """The environment for one template folder, or several searched in order (a stage that shows another's
    partials: /changes/ shows entries as the district pages do); made once per folder; read-only afterwards.
    Templates are read once per process, like their digest that keys the cache (rendering.Output.version):
    not checked for changes on every use (six partials a page)."""
    folders = templates if isinstance(templates, tuple) else (templates,)
    env = Environment(
        loader=FileSystemLoader([str(folder) for folder in folders]),
        auto_reload=False,
        autoescape=True,  # every {{ }} is HTML-escaped unless explicitly Markup
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    # _(…): the stages whose templates these are read their own phrase catalogues first (templates/ sits in its stage)
    env.globals["_"] = phrases_of(tuple(Path(folder).resolve().parent for folder in folders))
    return env
