"""The source policy that `validate` enforces (CONTRIBUTING.md 「来源规则」): a source without archived text
records its URL, kind and retrieval date; a repost names where it was read; no answer or ranking page is ever
a source; every figure cites a source with a URL."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..base.problems import Problem
from ..model import City, District, Source
from ..model.dataset import Dataset
from ..model.enums import SourceKind
from .yamlload import Document, field_path

# Search-engine answer pages, Q&A sites and "各区GDP排名" tag farms: they mix correct levels with wrong growth
# rates. A host here (or any subdomain of it) is refused as a source's url or via.
BANNED_HOSTS = (
    "zhidao.baidu.com",
    "wenwen.sogou.com",
    "iask.sina.com.cn",
    "wenda.so.com",
    "zhihu.com",
    "fudaoke.com",
    "whchuanhui.com",
    "fengdujob.net",
    "zhetiaohe.com",
)
RANKING_WORDS = ("排名", "排行", "排位")


def _at(doc: Document, loc: tuple) -> tuple[str, int, int, str]:
    line, col = doc.locate(loc)
    return doc.path, line, col, field_path(loc)


def banned(url: str | None) -> bool:
    host = (urlsplit(url).hostname or "") if url else ""
    return any(host == h or host.endswith("." + h) for h in BANNED_HOSTS)


def check_sources(sources: list[Source], doc: Document, figure_sources: set[str] = frozenset()) -> list[Problem]:
    """`figure_sources`: ids cited by some figure — for them a missing url, kind or date is an error, for the
    rest a warning (sources recorded before the policy)."""
    out: list[Problem] = []
    for i, s in enumerate(sources):
        here = ("sources", i)
        for name in ("url", "via"):
            if banned(getattr(s, name)):
                out.append(
                    Problem(
                        *_at(doc, here + (name,)),
                        "搜索引擎问答页、问答网站和排名页不能作为来源（它们的增速常常是错的）",
                        "请找到原发布者（区政府、统计局或报纸）的原文，写它的网址",
                        "answer or ranking page",
                    )
                )
        if any(w in s.title for w in RANKING_WORDS):
            out.append(
                Problem(
                    *_at(doc, here + ("title",)),
                    "排名、排行类页面不能作为来源",
                    "请改用排名所依据的原始发布（政府工作报告、统计公报）",
                    "ranking page",
                )
            )
        if s.archive is None:
            missing = [n for n in ("url", "kind", "retrieved") if getattr(s, n) is None]
            if s.via is not None and "url" in missing:  # read on a repost whose original address is unknown
                missing.remove("url")
            if missing:
                out.append(
                    Problem(
                        *_at(doc, here + ("id",)),
                        f"没有存档原文的来源应写 {'、'.join(missing)}",
                        "例如 url: https://www.lw.gov.cn/…、kind: official、retrieved: 2026-12-06",
                        "source without url, kind or retrieval date",
                        "error" if s.id in figure_sources else "warning",
                    )
                )
        if s.kind is SourceKind.repost and s.via is None:
            out.append(
                Problem(
                    *_at(doc, here + ("kind",)),
                    "转载来源要写 via：实际读到它的网址",
                    "publisher 写原发布者，url 写原文网址（知道的话），via 写转载页网址",
                    "repost without via",
                )
            )
    return out


def check_figures(profile: District | City, doc: Document, sources: dict[str, Source]) -> list[Problem]:
    out: list[Problem] = []
    for i, f in enumerate(profile.figures):
        cited = [sources[s] for s in f.sources if s in sources]
        if cited and not any(s.link or s.archive for s in cited):  # an archived text proves it offline
            out.append(
                Problem(
                    *_at(doc, ("figures", i, "sources")),
                    "统计数字的来源既没有网址也没有存档原文",
                    "在 data/sources.yaml 里给这个来源补上 url（原发布者的网址）",
                    "figure without url",
                )
            )
    return out


def not_archived(dataset: Dataset) -> list[str]:
    """How many quotes cite online sources whose text is not archived here (so not proven offline)."""
    online = {sid for sid, s in dataset.sources.items() if s.archive is None and s.link}
    profiles = ([dataset.city] if dataset.city is not None else []) + list(dataset.districts.values())
    quotes = sum(1 for p in profiles for _, item in p.items() for q in item.cited_quotes() if q.source in online)
    if not online:
        return []
    return [
        f"{len(online)} 个网上来源没有离线存档，引用它们的 {quotes} 条引文无法离线核对（网页链接原文）"
        f" / {len(online)} online sources not archived: {quotes} quotes not proven offline"
    ]


def single_source(figure, sources: dict[str, Source]) -> bool:
    """A figure read only on reposts: fewer than two independent sources and none of them first-hand."""
    cited = [sources[s] for s in figure.sources if s in sources]
    return bool(cited) and all(s.kind is SourceKind.repost for s in cited) and len(cited) < 2


def run(dataset: Dataset, docs: dict[str, Document], city_doc: Document | None, sources_doc: Document | None):
    out: list[Problem] = []
    profiles = ([dataset.city] if dataset.city is not None else []) + list(dataset.districts.values())
    cited = {sid for p in profiles for f in p.figures for sid in f.sources}
    if sources_doc is not None:
        out += check_sources(list(dataset.sources.values()), sources_doc, cited)
    if dataset.city is not None and city_doc is not None:
        out += check_figures(dataset.city, city_doc, dataset.sources)
    for slug, district in dataset.districts.items():
        out += check_figures(district, docs[slug], dataset.sources)
    return out
