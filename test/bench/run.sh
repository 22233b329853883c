#!/bin/bash
# make bench: our page against Debian's cockpit-podman on the testbed (test/bench/bench.mjs).
# Not part of `make check`. Callers hold the testbed lock (flock /tmp/system-services-testbed.lock ...).
#
# A running testbed (make testbed-up) is used and left running; otherwise the testbed is booted
# from its rootfs (testbed.sh setup + boot, as `run.sh up` does, without the test images and
# without the AD DC: the bench needs neither) and stopped again, whatever happens.
#
# Env: BENCH_N ("10 100 500"), BENCH_RUNS (5), BENCH_TIMEOUT (600 s per measured page load),
#      PLUGIN_DIR (default: the repo's dist/).
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TESTBED=$REPO/test/testbed/testbed.sh
export PLUGIN_DIR=${PLUGIN_DIR:-$REPO/dist}
export CTX_DIR=${CTX_DIR:-$REPO/test/images}
export E2E_AD=0

say() { echo "bench: $*" >&2; }
[ -f "$PLUGIN_DIR/manifest.json" ] || { say "no built plugin in $PLUGIN_DIR (run make first)"; exit 1; }

BOOTED=
NODE_PID=
RC=1
cleanup() {
    trap - EXIT INT TERM
    if [ -n "$NODE_PID" ]; then
        # bench.mjs cleans the testbed up on SIGTERM; give it the time to do so
        kill -TERM "$NODE_PID" 2>/dev/null || true
        wait "$NODE_PID" 2>/dev/null || true
        NODE_PID=
    fi
    if [ -n "$BOOTED" ]; then
        "$TESTBED" stop >/dev/null 2>&1 || say "stopping the testbed failed"
    fi
    exit "$RC"
}
trap cleanup EXIT
trap 'RC=130; cleanup' INT
trap 'RC=143; cleanup' TERM

t0=$SECONDS
if [ "$("$TESTBED" status)" = running ]; then
    say "a testbed is already running: benchmarking against it, leaving it up"
else
    BOOTED=1
    "$TESTBED" setup || exit 1
    "$TESTBED" boot || exit 1
fi
say "testbed ready in $((SECONDS - t0)) s"
node "$REPO/test/bench/bench.mjs" &
NODE_PID=$!
wait "$NODE_PID"
RC=$?
NODE_PID=
say "done in $((SECONDS - t0)) s"
