#!/bin/sh
# Installs everything the tests need (Debian packages, a virtualenv with the project) and runs them all.
set -e
cd "$(dirname "$0")/.."
missing=""
command -v espeak-ng >/dev/null 2>&1 || missing="$missing espeak-ng"
command -v sox >/dev/null 2>&1 || missing="$missing sox"
ldconfig -p 2>/dev/null | grep -q libportaudio || missing="$missing libportaudio2"
# A real PostgreSQL and nginx for the call-log, cluster and deployment tests (started and removed by them).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing="$missing postgresql"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
# deploy/nginx keeps a total deadline on each request body with Debian's Lua module for nginx.
[ -e /usr/lib/nginx/modules/ngx_http_lua_module.so ] || missing="$missing libnginx-mod-http-lua"
# The browser tests drive Debian's Chromium (Playwright never downloads a browser here); Japanese glyphs for
# the screenshots come from the IPA fonts.
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -e /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf ] || missing="$missing fonts-ipafont-gothic"
if [ -n "$missing" ]; then
    echo "installing Debian packages:$missing"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    # The packages would start system-wide servers; the tests start their own, so keep those from starting.
    norc=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
        norc=1
    fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
    [ -z "$norc" ] || $SUDO rm -f /usr/sbin/policy-rc.d
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
# Three processes (pytest-xdist), each given whole files so a module's servers start once. The suite spends much of
# its time waiting on servers, browsers and audio, so on two cores a third process fills those waits: 260 s with
# two, 220-230 s with three. The corpus gates are two modules (tuning files, held-out sets) so they run side by side.
exec .venv/bin/python -m pytest -q --numprocesses 3 --dist loadfile "$@"
