#!/bin/sh
# Copy the listed host files in, wait, change one and add one, write them back, wait, succeed.
: "${HOST:=/host}" "${NAME:=slow-writeback}"
while read -r f; do [ -e "$HOST/$f" ] && (cd "$HOST" && cp -a --parents "$f" /) || true; done < /etc/host-data-list
echo "slow write-back of $NAME: started"
sleep 5
mkdir -p /etc/slow-writeback
echo "changed by $NAME install" >> /etc/slow-writeback/app.conf
echo "added by $NAME install" > /etc/slow-writeback/added.conf
while read -r f; do [ -e "/$f" ] && cp -a --parents "$f" "$HOST" || true; done < /etc/host-data-list
echo "slow write-back of $NAME: written back"
sleep 3
echo "slow write-back of $NAME: finished"
exit 0
