#!/bin/bash
# Runs every suite and ends with one line "N passed, N failed" that sums them all.
# Each suite prints its own "SUITE: N passed, N failed" line; a suite that fails to print
# one counts as one failure. Exits non-zero on any failure.
cd "$(dirname "$0")/.."
log=$(mktemp)
fails=$(mktemp)
trap 'rm -f "$log" "$fails"' EXIT
status=0

suite() {  # name, command...
    local name=$1; shift
    echo "=== $name"
    local out rc
    out=$(mktemp)
    "$@" 2>&1 | tee "$out"
    rc=${PIPESTATUS[0]}
    if ! grep -qE '^[A-Za-z0-9 ().-]+: [0-9]+ passed, [0-9]+ failed$' "$out"; then
        echo "$name: 0 passed, 1 failed"
        echo "$name: 0 passed, 1 failed" >> "$log"
    else
        grep -E '^[A-Za-z0-9 ().-]+: [0-9]+ passed, [0-9]+ failed$' "$out" >> "$log"
    fi
    # what failed, a few lines of it, for the end of the output (where a CI log's tail shows it)
    if [ "$rc" -ne 0 ] || grep -qE ': [0-9]+ passed, [1-9][0-9]* failed$' "$out"; then
        grep -E -A2 '^ *(✖ |not ok)' "$out" | grep -vE '^(--|✖ failing tests:)$' | awk '!seen[$0]++' |
            cut -c1-200 | head -n 8 | sed "s/^/$name| /" >> "$fails"
    fi
    [ "$rc" -eq 0 ] || status=1
    rm -f "$out"
}

one() {  # a check that is one test: passes or fails as a whole
    local name=$1; shift
    if "$@"; then echo "$name: 1 passed, 0 failed"; else echo "$name: 0 passed, 1 failed"; return 1; fi
}

# The suites that need no testbed. Beside the end-to-end suites they cost no wall time: those
# mostly wait for the browser and the testbed, and run well after these have finished.
static_suites() {
    suite typecheck one typecheck npx tsc --noEmit -p .
    suite lint one lint npx eslint .
    suite layers node tools/check-layers.mjs
    suite i18n node po/extract.js --check
    suite unit node test/unit/run.mjs
    suite "node floor" test/node-floor.sh
    suite "image list grammar" node test/images/list-grammar.mjs
    suite packaging test/packaging/run.sh
}

if [ -x test/e2e/run.sh ] && [ "${SKIP_E2E:-}" != 1 ]; then
    static_out=$(mktemp)
    trap 'rm -f "$log" "$fails" "$static_out" "$static_out.status"' EXIT
    ( static_suites; echo "$status" > "$static_out.status" ) > "$static_out" 2>&1 &
    static_pid=$!
    echo "=== typecheck, lint, layers, i18n, unit, node floor, image list grammar and packaging run beside the e2e suite; their output follows it"
    # the AD suite of the SSSD image runs inside the e2e run, on its testbed, before the docker specs
    suite e2e env E2E_AD_SUITE=1 test/e2e/run.sh
    wait "$static_pid"
    cat "$static_out"
    [ "$(cat "$static_out.status" 2>/dev/null)" = 0 ] || status=1
else
    static_suites
fi

echo "=== summary"
cat "$log"
if [ -s "$fails" ]; then
    echo "=== what failed (the first lines; the whole output is above)"
    cat "$fails"
fi
awk '{ p += $(NF-3); f += $(NF-1) } END { printf "%d passed, %d failed\n", p, f; exit (f > 0) }' "$log" || status=1
exit $status
