#!/bin/bash
# Prints the Debian mirror this machine's apt already uses (deb822 .sources or one-line .list),
# so that nothing here names a mirror of its own.
set -euo pipefail
m=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | tr ' ' '\n' | grep -v -e security -e '^$' | head -n1 || true)
[ -n "$m" ] || m=$(grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security | awk '{print $2}' | head -n1 || true)
[ -n "$m" ] || { echo "no Debian mirror found in apt sources" >&2; exit 1; }
echo "$m"
