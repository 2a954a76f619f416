#!/bin/sh
# Installs what the test suite drives besides PostgreSQL (scripts/db.sh): Debian's headless Chromium and its
# chromedriver (the console's browser tests) and Prometheus's promtool (the alert rules' tests). Idempotent.
# Installs with apt when missing and we are root; otherwise says what to do in one line. Nothing is downloaded
# from anywhere else.
set -eu

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
command -v promtool >/dev/null 2>&1 || missing="$missing prometheus"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "make tools: installing$missing with apt-get"
    # policy-rc.d: install the prometheus package for its promtool without starting a Prometheus server.
    policy=/usr/sbin/policy-rc.d
    [ -e "$policy" ] || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; trap 'rm -f "$policy"' EXIT; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
        >/dev/null
else
    echo "make tools: the tests need$missing: sudo apt-get install$missing" >&2
    exit 1
fi
