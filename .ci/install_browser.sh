#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/browser/) and for kaleido's
# static PNG/SVG export, and poppler-utils (pdftoppm), which keeps the workshop debrief
# PDFs' pages as PNG test artefacts. Why apt and not `playwright install`: the machines
# reach only the package registries, so a browser download by Playwright fails; Debian's
# package works. Idempotent: does nothing when /usr/bin/chromium and pdftoppm exist.
set -euo pipefail

if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null 2>&1; then
    echo "install_browser: /usr/bin/chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown')), pdftoppm present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install_browser: not root and no sudo; browser tests will be skipped" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install_browser: installing Debian chromium and poppler-utils (apt-get, ~40 s)"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core poppler-utils >/dev/null
/usr/bin/chromium --version || true
