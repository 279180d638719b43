#!/usr/bin/env bash
# The HTML check (tests/test_html_valid.py) runs the Nu HTML Checker, vnu.jar: it needs Java to run, and npm to
# fetch the jar, pinned, from the npm registry (package.json, package-lock.json; make vnu). When both are on
# PATH, nothing is installed and no root is needed. When one is missing, root (CI) installs Debian's
# (default-jre-headless, npm); anyone else is told plainly what to install. Nothing is downloaded from elsewhere:
# .npmrc stops vnu-jar's postinstall, which would fetch a Java runtime from GitHub.
set -euo pipefail
need=()
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  cat >&2 <<MSG
The HTML check needs Java (to run the Nu HTML Checker) and npm (to fetch it); missing: ${need[*]}.
Install it, then run make test again:
    sudo apt-get install ${need[*]}          # Debian/Ubuntu
MSG
  exit 1
fi
echo "Installing ${need[*]} from Debian …" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
