"""Content-Security-Policy for the MkDocs pages, written into each built page after MkDocs has run.

Why after MkDocs: Material inlines a few bootstrap scripts whose text depends on the page (the
`__md_scope` one embeds the page's relative base, ".", "..", "../.."). A policy without
'unsafe-inline' must list each one's sha256, and only the built page has their final bytes.
The hashes are computed from those bytes, so a Material upgrade needs no edit here — unless it adds a
new kind of inline script, which is refused (below) rather than blessed.

Why not hash every inline script: that would also bless a script smuggled in by an escaping bug,
which is exactly what the policy is for. So an inline script must look like one of Material's known
bootstraps; anything else fails the build with a plain message, and site/ stays as it was.

Map embeds carry their own, stricter policy (profiles/outputs/maps/pages.py); pages that already declare a
policy are left alone, which also makes `apply_csp` idempotent.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from ..base.problems import BuildError

# Scripts and styles only from our own files; images from our files and data: URIs (Material's icons
# are data: SVGs in its CSS). Map tiles load inside the embed iframe, under the embed's own policy.
# No 'unsafe-inline' anywhere: an event-handler attribute or javascript: URL never runs.
POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-src 'self'; worker-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'"
)
# How Material 9.x's inline scripts begin (base.html, partials/javascripts/*.html). Matched on the
# start only, so minified bodies may change between releases without an edit here.
MATERIAL_INLINE = (
    # Relative on pages; the 404 page uses site_url's path ("/", "/repo/") since it is served anywhere.
    re.compile(r'__md_scope=new URL\("(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~-]+/)*)",location\),'),
    re.compile(r'var palette=__md_get\("__palette"\);'),
    re.compile(r"var target=document\.getElementById\(location\.hash\.slice\(1\)\);"),
    # Features not enabled today, listed so that enabling one does not fail the build:
    re.compile(r'var tabs=__md_get\("__tabs"\);'),  # content.tabs.link
    re.compile(r'var el=document\.querySelector\("\[data-md-component=announce\]"\);'),  # announce.dismiss
    re.compile(r'var consent=__md_get\("__consent"\);'),  # extra.consent
)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_SRC = re.compile(r"\bsrc\s*=", re.I)
_CSP_META = re.compile(r"""<meta\s+http-equiv\s*=\s*["']?Content-Security-Policy""", re.I)
_CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?utf-8[\"']?\s*/?>", re.I)


class UnknownInlineScript(ValueError):
    """An inline script that is not one of Material's bootstraps."""


def has_policy(html: str) -> bool:
    head = html.split("</head>", 1)[0]
    return bool(_CSP_META.search(head))


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (not src=, not JSON data blocks)."""
    return [body for attrs, body in _SCRIPT.findall(html) if not _SRC.search(attrs) and _runs(attrs)]


def _runs(attrs: str) -> bool:
    """A script element without a JavaScript type (e.g. application/json data) is never executed."""
    found = _TYPE.search(attrs)
    return found is None or "".join(g or "" for g in found.groups()).strip().lower() in _JS_TYPES


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_for(html: str, where: str = "page") -> str:
    hashes: list[str] = []
    for body in inline_scripts(html):
        if not any(p.match(body) for p in MATERIAL_INLINE):
            snippet = " ".join(body.split())[:80]
            raise UnknownInlineScript(
                f"{where}: 有一段不认识的内联脚本（不是 Material 的启动脚本）：{snippet} — "
                "如果是升级 Material 带来的，请在 profiles/outputs/csp.py 的 MATERIAL_INLINE 里登记；否则可能是转义漏洞"
            )
        source = sha256_source(body)
        if source not in hashes:
            hashes.append(source)
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def with_policy(html: str, where: str = "page") -> str:
    """The page with its policy declared first thing in <head>, before any script or stylesheet."""
    if has_policy(html):
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, where)}">'
    charset = _CHARSET.search(html)
    if charset is None:
        raise UnknownInlineScript(f'{where}: 找不到 <meta charset="utf-8">，无法在它后面声明内容安全策略')
    return html[: charset.end()] + "\n" + meta + html[charset.end() :]


def apply_csp(site_dir: Path) -> list[Path]:
    """Declare a policy in every HTML page under `site_dir` that has none; return the pages changed.

    All or nothing: every page is checked before any is written. Raises BuildError (a plain message,
    no traceback) on an unknown inline script.
    """
    changes = []
    for path in sorted(Path(site_dir).rglob("*.html")):
        html = path.read_bytes().decode("utf-8")  # bytes, not read_text: keep \r\n exactly as MkDocs wrote
        try:
            new = with_policy(html, path.relative_to(site_dir).as_posix())
        except UnknownInlineScript as exc:
            raise BuildError(str(exc)) from None
        if new != html:
            changes.append((path, new))
    for path, new in changes:
        path.write_bytes(new.encode("utf-8"))
    return [path for path, _ in changes]
