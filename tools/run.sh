#!/bin/bash
# `make run`: serve the built page (dist/) with a real Cockpit until Ctrl-C.
# Where the host runs cockpit.socket under systemd, the page is installed for that Cockpit
# (normal login) and dist/ is rebuilt on changes. Elsewhere a private cockpit-ws with a local
# session serves it on 127.0.0.1:$PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-9091}
NAME=system-services

if [ "$(id -u)" -eq 0 ]; then
    tools/install-debs.sh cockpit-ws cockpit-bridge cockpit-system podman
else
    tools/install-debs.sh cockpit-ws cockpit-bridge cockpit-system || true
fi

if [ -d /run/systemd/system ] && systemctl cat cockpit.socket >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then dir=/usr/local/share/cockpit; else dir=$HOME/.local/share/cockpit; fi
    link=$dir/$NAME
    # what was there before, so that Ctrl-C puts it back
    old_target=$(readlink "$link" 2>/dev/null || true)
    if [ -e "$link" ] && [ -z "$old_target" ]; then
        echo "run.sh: $link exists and is not a link; move it away first." >&2
        exit 1
    fi
    socket_was_active=yes
    [ "$(id -u)" -eq 0 ] && ! systemctl -q is-active cockpit.socket && socket_was_active=no
    echo "This changes the host until Ctrl-C, then puts it back:"
    echo "  - $link → $PWD/dist (whoever can write this checkout changes what the page runs)"
    [ "$socket_was_active" = no ] && echo "  - starts cockpit.socket (Cockpit on port 9090, all interfaces)"
    restore() {
        if [ -n "$old_target" ]; then ln -sfn "$old_target" "$link"; else rm -f "$link"; fi
        [ "$socket_was_active" = no ] && systemctl stop cockpit.socket cockpit.service 2>/dev/null
        echo "run.sh: put back $link$([ "$socket_was_active" = no ] && echo " and stopped cockpit.socket")."
    }
    trap restore EXIT
    trap 'exit 130' INT TERM
    mkdir -p "$dir"
    ln -sfn "$PWD/dist" "$link"
    [ "$socket_was_active" = no ] && systemctl start cockpit.socket
    echo "The page is installed for this host's Cockpit."
    echo "Open https://localhost:9090/$NAME and log in as a user who may administer this host."
    echo "Rebuilding on changes; Ctrl-C stops."
    NODE_ENV=development node build.js --watch
    exit
fi

WS=/usr/lib/cockpit/cockpit-ws
[ -x "$WS" ] || WS=/usr/libexec/cockpit-ws
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
mkdir -p "$data/cockpit"
ln -s "$PWD/dist" "$data/cockpit/$NAME"
cat <<MSG
Serving System Services with a local Cockpit session at

    http://127.0.0.1:$PORT/$NAME

Careful: whoever reaches this port gets this shell's user ($(id -un)) without any login.
It listens on 127.0.0.1 only. This host has no systemd as its service manager, so the page
will say which parts are unavailable. Ctrl-C stops.
MSG
XDG_DATA_HOME=$data "$WS" --no-tls -a 127.0.0.1 -p "$PORT" --local-session=cockpit-bridge
