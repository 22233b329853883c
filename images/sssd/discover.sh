#!/bin/bash
# The io.github.system-services.discover label's command: what is DOMAIN? realm discover's answer
# as realm prints it (the properties on stdout, its "* …" progress and errors on stderr), and
# realm's exit code: 0 when found, 1 with "realm: No such realm found: DOMAIN" when not.
#   podman run --rm --net=host IMAGE /bin/discover.sh DOMAIN
# Needs no secret and no host mount; the host's DNS (resolv.conf, under --net=host) finds the DC.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: discover.sh DOMAIN" >&2; exit 2; }
domain=$1
[[ $domain =~ ^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$ ]] ||
    { echo "discover.sh: '$domain' is not a domain name" >&2; exit 2; }
# realmd talks D-Bus (a private system bus); --install=/: no polkit in a container
mkdir -p /run/dbus
[ -S /run/dbus/system_bus_socket ] || dbus-daemon --system --fork
exec realm discover -v --install=/ "$domain"
