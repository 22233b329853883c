#!/bin/bash
# The oldest Node the project supports is Debian 12's own (18.20.4): package.json's "engines"
# says so, and this suite holds it to that. When the machine's node is newer, it takes Debian's
# nodejs and libnode packages from the archive apt already uses (cached by version), unpacks
# them without installing, and runs the build, the type check, lint (clean, and reporting a
# finding without crashing) and the unit tests under Node with that node.
# Prints "node floor: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
CACHE=${CACHE_NODE_FLOOR:-/var/cache/system-services-node-floor}
passed=0 failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
fail() { echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | tail -20; failed=$((failed + 1)); }
finish() { echo "node floor: $passed passed, $failed failed"; exit $((failed > 0)); }

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -le 18 ]; then
    node18=(node)
else
    # Debian's build of Node 18: the first candidate whose version is a Debian one (+dfsg)
    version=$(apt-cache madison nodejs 2>/dev/null | awk -F'|' '$2 ~ /dfsg/ { gsub(/ /, "", $2); print $2; exit }')
    if [ -z "$version" ] || [ "$(id -u)" -ne 0 ]; then
        echo "node floor: Debian's nodejs package is not available here (or not root): skipped"
        finish
    fi
    root="$CACHE/$version/root"
    if [ ! -x "$root/usr/bin/node" ]; then
        tmp=$(mktemp -d)
        # libnode and what it links to that a machine with another Node may lack; the
        # node-* packages hold the parts of Node that Debian keeps outside the binary
        (cd "$tmp" && chmod 777 . && apt-get download -q "nodejs=$version" "libnode108=$version" \
            libc-ares2 libuv1 libicu72 libnghttp2-14 libbrotli1 \
            node-acorn node-cjs-module-lexer node-undici >/dev/null 2>"$tmp/err") \
            || { fail "download Debian's nodejs $version" "$tmp/err"; finish; }
        mkdir -p "$root.new"
        for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$root.new"; done
        rm -rf "$root" "$tmp" && mv "$root.new" "$root"
    fi
    # Debian's node loads parts of itself from /usr/share/nodejs: lay the unpacked /usr/share
    # over the machine's in a private mount namespace, so nothing on the machine changes
    node18=(unshare -m sh -c 'mount -t overlay overlay -o "lowerdir=$0/usr/share:/usr/share" /usr/share &&
        LD_LIBRARY_PATH="$0/usr/lib/x86_64-linux-gnu" exec "$0/usr/bin/node" "$@"' "$root")
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
v=$("${node18[@]}" --version 2>"$out/v") && [[ $v == v18.* ]] && ok "node $v runs" || fail "Node 18 runs ($v)" "$out/v"
"${node18[@]}" -e 'const e = require("./package.json").engines.node; const [a, b = 0] = e.replace(">=", "").split(".").map(Number); const [x, y] = process.versions.node.split(".").map(Number); process.exit(x > a || (x === a && y >= b) ? 0 : 1)' \
    && ok "package.json engines admit $v" || fail "package.json engines admit $v"
NODE_ENV=production BUILD_OUTDIR="$out/dist" "${node18[@]}" build.js >"$out/build" 2>&1 \
    && ok "build.js builds the bundle" || fail "build.js builds the bundle" "$out/build"
"${node18[@]}" node_modules/typescript/bin/tsc --noEmit -p . >"$out/tsc" 2>&1 \
    && ok "tsc type-checks" || fail "tsc type-checks" "$out/tsc"
"${node18[@]}" node_modules/eslint/bin/eslint.js . >"$out/lint" 2>&1 \
    && ok "eslint finds nothing" || fail "eslint finds nothing" "$out/lint"
# eslint must report a finding, not crash while formatting it
printf 'var x = 1\n' > src/core/.node-floor-lint.ts
"${node18[@]}" node_modules/eslint/bin/eslint.js --no-ignore src/core/.node-floor-lint.ts >"$out/lint-bad" 2>&1
rc=$?
rm -f src/core/.node-floor-lint.ts
[ $rc -eq 1 ] && grep -q "Missing semicolon" "$out/lint-bad" \
    && ok "eslint reports a finding" || fail "eslint reports a finding (exit $rc)" "$out/lint-bad"
"${node18[@]}" test/unit/run.mjs node >"$out/unit" 2>&1 && grep -q '^unit (node): [1-9][0-9]* passed, 0 failed' "$out/unit" \
    && ok "unit tests: $(grep '^unit (node)' "$out/unit")" || fail "unit tests under Node 18" "$out/unit"
finish
