#!/bin/sh
# Copy the listed host files in, change them, write them back to the host, then fail.
: "${HOST:=/host}" "${NAME:=failing-install}"
echo "installing $NAME from $IMAGE"
while read -r f; do [ -e "$HOST/$f" ] && (cd "$HOST" && cp -a --parents "$f" /) || true; done < /etc/host-data-list
mkdir -p /etc/failing-install
echo "half-written by $NAME install" >> /etc/failing-install/app.conf
echo "created by $NAME install" > /etc/failing-install/new.conf
# a file name that is not UTF-8 (Latin-1 "neu-é.conf"): the restore must remove it by its bytes
echo "created by $NAME install" > "/etc/failing-install/$(printf 'neu-\351.conf')"
while read -r f; do [ -e "/$f" ] && cp -a --parents "$f" "$HOST" || true; done < /etc/host-data-list
echo "wrote /etc/failing-install/app.conf and /etc/failing-install/new.conf on the host"
echo "error: $NAME: configuration step failed" >&2
exit 3
