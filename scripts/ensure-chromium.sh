#!/usr/bin/env bash
# The browser tests need a Chromium and, for readable screenshots of Chinese pages, a CJK font.
# A Chromium is found as tests/browser.py finds it: $CHROMIUM, else `chromium` or `chromium-browser` on
# PATH, else /usr/bin/chromium. When one is there, nothing is installed and no root is needed. When
# none is, root (CI) installs Debian's; anyone else is told plainly what to install.
set -euo pipefail
if [ -n "${CHROMIUM:-}" ]; then
  if [ ! -x "$CHROMIUM" ]; then
    echo "CHROMIUM=$CHROMIUM is not an executable file: point it at a Chromium binary, or unset it." >&2
    exit 1
  fi
  found="$CHROMIUM"
else
  found="$(command -v chromium || command -v chromium-browser || true)"
  [ -z "$found" ] && [ -x /usr/bin/chromium ] && found=/usr/bin/chromium
fi
font="$(fc-list :lang=zh 2>/dev/null | head -1 || true)"
if [ -n "$found" ]; then
  [ -n "$font" ] || echo "Note: no CJK font found (fonts-noto-cjk): Chinese text in screenshots will show as boxes." >&2
  exit 0
fi
need=(chromium)
[ -n "$font" ] || need+=(fonts-noto-cjk)
if [ "$(id -u)" != 0 ]; then
  cat >&2 <<MSG
The browser tests need Chromium, and none was found (looked at \$CHROMIUM, chromium and chromium-browser
on PATH, /usr/bin/chromium). Install it, then run make test again:
    sudo apt-get install ${need[*]}          # Debian/Ubuntu
or, if you have a Chromium elsewhere:
    make test CHROMIUM=/path/to/chromium
MSG
  exit 1
fi
echo "Installing ${need[*]} from Debian …" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
