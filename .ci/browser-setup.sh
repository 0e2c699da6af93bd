#!/usr/bin/env bash
# What the browser specs (npm run test:browser) need from the machine: Debian's chromium and a CJK
# font, so Chinese renders as characters and not as empty boxes. playwright-core comes with
# `npm ci` (a devDependency; it never downloads a browser). Quick when both are already there.
set -euo pipefail

have_chromium() { [ -x /usr/bin/chromium ]; }
have_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; }

if have_chromium && have_cjk_font; then
  echo "browser setup: chromium and a CJK font are installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei fontconfig >/dev/null
have_chromium || { echo "browser setup: chromium did not install" >&2; exit 1; }
have_cjk_font || { echo "browser setup: no CJK font after install" >&2; exit 1; }
echo "browser setup: installed chromium and fonts-wqy-microhei"
