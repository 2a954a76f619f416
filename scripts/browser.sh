#!/bin/sh
# Installs the browser the console's tests drive: Debian's headless Chromium and its chromedriver. Idempotent.
# Installs with apt when missing and we are root; otherwise says what to do in one line. Nothing is downloaded
# from anywhere else.
set -eu

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "make browser: installing chromium and chromium-driver with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
else
    echo "make browser: the console's browser tests need Chromium: sudo apt-get install chromium chromium-driver" >&2
    exit 1
fi
