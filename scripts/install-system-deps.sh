#!/usr/bin/env bash
# Debian packages Lộ trình needs beyond Python: Chromium (browser tests), Liberation
# fonts (documents with every Vietnamese diacritic), poppler-utils (PDF page checks),
# gettext (translations), HAProxy (the load balancer of the two-node test,
# scripts/multinode.py). Idempotent; installs only what is missing, and only as root.
set -u
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation2)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
for extra in ${LOTRINH_EXTRA_APT:-}; do need+=("$extra"); done
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null || {
    echo "!!! apt-get install ${need[*]} FAILED: browser tests and PDF checks may be skipped !!!" >&2
    exit 0
  }
else
  echo "" >&2
  echo "!!! MISSING SYSTEM PACKAGES: ${need[*]} (not root, cannot install)." >&2
  echo "!!! Browser tests will be SKIPPED; documents may lack fonts. Run: sudo apt-get install ${need[*]}" >&2
  echo "" >&2
fi
