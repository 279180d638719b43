#!/usr/bin/env bash
# The browser tests need Debian's Chromium (the only browser this network can install) and a CJK font
# so screenshots of Chinese pages are readable. Installs them when missing; needs root (CI runs as root).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ] || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Chromium missing: run as root or 'sudo apt-get install ${need[*]}'" >&2
  exit 1
fi
echo "Installing ${need[*]} from Debian …" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
