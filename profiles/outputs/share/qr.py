"""The QR code a share image carries back to its page: segno's matrix, drawn here as whole pixels.

Only absolute URLs are encoded (`absolute`): an image that leaves the site must open the page it came
from; a build without the site's public URL draws no code at all (profiles/outputs/share/frame.py says so in
the image). A URL is encoded as a browser would send it (non-ASCII characters percent-encoded), as a
full QR code (never a Micro QR code, which many phone scanners do not read), error level M or better.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlsplit

QUIET = 4  # modules of white around the code, as the standard asks
SAFE = ":/?#[]@!$&'()*+,;=%~"  # what stays as it is in a URL (reserved characters, escapes)


def absolute(url: str | None) -> str | None:
    """The URL to encode: `url` as ASCII when it is an absolute http(s) URL, else None (a relative link
    means the build did not know the site's public address)."""
    if not url or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        return None
    return quote(url, safe=SAFE)


@lru_cache(maxsize=1024)  # an image drawn again (an edit elsewhere on it) keeps its code: segno's mask search is slow
def matrix(url: str) -> tuple[bytearray, ...]:
    """The code's modules, row by row (1 dark, 0 light), without the quiet zone."""
    import segno  # deferred: segno, only when a share image is drawn

    return segno.make(url, error="m", micro=False).matrix


def image(url: str, size: int):
    """The code as a 1-bit Pillow image at most `size` pixels square (quiet zone included), each module a
    whole number of pixels, so a scanner sees sharp edges whatever the image is scaled to."""
    from PIL import Image  # deferred: Pillow, only when a share image is drawn

    rows = matrix(url)
    n = len(rows) + 2 * QUIET
    module = max(2, size // n)
    small = Image.frombytes("1", (len(rows), len(rows)), b"".join(_packed(r) for r in rows))
    code = Image.new("1", (n, n), 1)
    code.paste(small, (QUIET, QUIET))
    return code.resize((n * module, n * module), Image.Resampling.NEAREST)


def _packed(row: bytearray) -> bytes:
    """One row as mode "1" bytes: a set bit is white, so a dark module is a 0 bit; rows padded to bytes."""
    bits = "".join("0" if m else "1" for m in row)
    bits += "1" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")
