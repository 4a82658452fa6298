#!/bin/sh
# Installs what building and testing Plinth needs on Debian 12: the
# compilers and C libraries, the real consumers of Plinth's artifacts
# (PostgreSQL, sqlite3, promtool, Chromium, Graphviz, gofmt) and the npm
# validators pinned in package-lock.json (among them the Pulumi providers'
# packages, whose types tsc checks the Pulumi programs against; no Pulumi
# CLI or provider plugin is needed for that).
# Safe to run again: packages already present are skipped.
set -eu
cd "$(dirname "$0")/.."
PKGS="make gcc clang libclang-rt-14-dev libcmocka-dev valgrind pkg-config
      libgraphviz-dev graphviz postgresql sqlite3 prometheus chromium
      libxml2-utils golang-go libmd4c-dev libmd4c-html0-dev
      libmicrohttpd-dev default-jre-headless groff-base wrk zsh fish curl python3"
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
  echo "installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# npm validators, exactly as locked; skipped when the lock is already installed.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.plinth-lock; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.plinth-lock
fi
