#!/bin/bash
# The end-to-end entry points behind test/testbed/testbed.mk.
#
#   run.sh check [SPEC...]  fresh testbed from the cached rootfs, boot it with the built plugin,
#                           build the test images, bring up the AD DC (test/testbed/ad.sh) and
#                           point the testbed at it, run the specs, and ALWAYS stop the testbed
#                           and the DC (trap), leaving no process, netns or veth behind.
#                           Last lines: `e2e: N passed, N failed`, then for the specs in
#                           test/e2e/docker/ (after the podman ones: they make the testbed a
#                           docker host) `e2e (docker): N passed, N failed`, then for the specs
#                           in test/e2e/fleet/ `e2e (fleet): N passed, N failed`: these need
#                           no testbed but two hosts of their own (test/testbed/fleet.sh, ALWAYS
#                           stopped), and run in the fleet's network namespace, beside the
#                           docker specs (else after the testbed is stopped). Given only fleet
#                           specs, no testbed boots.
#                           If a testbed is already running (make testbed-up), the specs run
#                           against it and it is left running (with the DC); so is a running fleet.
#   run.sh up               set up (keeps an existing rootfs), boot, build images, DC; keeps running
#   run.sh down             stop the testbed and the DC
#   run.sh demo             up, print the URL and login, wait for Ctrl-C, then stop
#
# Env: PLUGIN_DIR (default: the repo's dist/), E2E_FRESH=0 to keep the rootfs of the last run,
#      E2E_AD=0 to run without the AD DC, E2E_AD_SUITE=1 to run the SSSD image's AD suite
#      (test/images/ad-join.sh) between the podman and the docker specs, on the same testbed
#      (make check does: it saves a second boot of the testbed).
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TESTBED=$REPO/test/testbed/testbed.sh
AD=$REPO/test/testbed/ad.sh
FLEET=$REPO/test/testbed/fleet.sh
export PLUGIN_DIR=${PLUGIN_DIR:-$REPO/dist}
export CTX_DIR=${CTX_DIR:-$REPO/test/images}
export E2E_ARTIFACTS=${E2E_ARTIFACTS:-$REPO/test/artifacts/e2e}

say() { echo "run.sh: $*" >&2; }
need_plugin() {
    [ -f "$PLUGIN_DIR/manifest.json" ] || { say "no built plugin in $PLUGIN_DIR (run make first)"; return 1; }
}

# The AD DC, and the testbed resolving its domain (after every boot: reset makes a pristine root)
ad_up() {
    [ "${E2E_AD:-1}" = 1 ] || return 0
    "$AD" up && "$AD" member
}

up() {
    need_plugin || return 1
    "$TESTBED" setup && "$TESTBED" boot && "$TESTBED" images && ad_up
}

# --- check -------------------------------------------------------------------------------
NODE_PID=
BOOTED=
AD_BOOTED=
FLEET_BOOTED=
SUMMARY=
RC=1

descendants() {   # all processes below $1, deepest last
    local c
    for c in $(pgrep -P "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done
}

stop_runner() {
    [ -n "$NODE_PID" ] || return 0
    local pids p i
    # remember the whole tree first: playwright starts chromium in its own process group
    pids=$(descendants "$NODE_PID")
    kill -TERM "$NODE_PID" $pids 2>/dev/null || true
    for i in $(seq 1 20); do
        kill -0 "$NODE_PID" 2>/dev/null || break
        sleep 0.5
    done
    for p in $NODE_PID $pids; do kill -KILL "$p" 2>/dev/null || true; done
    wait "$NODE_PID" 2>/dev/null || true
    NODE_PID=
}

cleanup() {
    trap - EXIT INT TERM
    stop_runner
    stop_fleet_job
    if [ -n "$BOOTED" ]; then
        "$TESTBED" stop >/dev/null 2>&1 || say "stopping the testbed failed"
        BOOTED=
    fi
    if [ -n "$AD_BOOTED" ]; then
        "$AD" down >/dev/null 2>&1 || say "stopping the AD DC failed"
        AD_BOOTED=
    fi
    if [ -n "$FLEET_BOOTED" ]; then
        "$FLEET" down >/dev/null 2>&1 || say "stopping the fleet failed"
        FLEET_BOOTED=
    fi
    rm -rf "${E2E_TMP:-/nonexistent}"
    # the closing line, unless the runner printed it already
    if [ -z "$SUMMARY" ] || [ ! -s "$SUMMARY" ]; then
        echo "e2e: 0 passed, 0 failed"
        [ "$RC" != 0 ] || RC=1
    fi
    rm -f "$SUMMARY"
    exit "$RC"
}

check() {
    trap cleanup EXIT
    trap 'RC=130; cleanup' INT
    trap 'RC=143; cleanup' TERM
    need_plugin || return 1
    rm -rf "$E2E_ARTIFACTS"
    mkdir -p "$E2E_ARTIFACTS"
    SUMMARY=$(mktemp)
    E2E_TMP=$(mktemp -d /tmp/system-services-e2e.XXXXXX)
    # the podman host's specs, then (E2E_AD_SUITE=1) the SSSD image's AD suite on the same
    # testbed and DC, then the docker host's specs, which remove podman from the testbed; last
    # the fleet's specs, on two hosts of their own
    local podman=() docker=() fleet=() f rc=0
    if [ $# -eq 0 ]; then
        podman=("$REPO"/test/e2e/*.spec.mjs)
        docker=("$REPO"/test/e2e/docker/*.spec.mjs)
        for f in "$REPO"/test/e2e/fleet/*.spec.mjs; do [ -e "$f" ] && fleet+=("$f"); done
    else
        for f in "$@"; do
            case "$f" in */fleet/*) fleet+=("$f") ;; */docker/*) docker+=("$f") ;; *) podman+=("$f") ;; esac
        done
    fi
    if [ ${#podman[@]} -gt 0 ] || [ ${#docker[@]} -gt 0 ]; then
        testbed_up || return 1
        [ ${#podman[@]} -eq 0 ] || specs "${podman[@]}" || rc=1
        if [ "${E2E_AD_SUITE:-0}" = 1 ] && [ "${E2E_AD:-1}" = 1 ]; then
            "$REPO/test/images/ad-join.sh" || rc=1
        fi
        if [ ${#docker[@]} -gt 0 ] && [ ${#fleet[@]} -gt 0 ]; then
            # the fleet's hosts and network are their own: its specs run beside the docker
            # specs (which mostly wait on dockerd), their output printed after them
            fleet_beside "${fleet[@]}"
            specs "${docker[@]}" || rc=1
            fleet_wait || rc=1
            fleet=()
        else
            [ ${#docker[@]} -eq 0 ] || specs "${docker[@]}" || rc=1
        fi
        # what this run booted is not needed by the fleet: its memory and CPU go to the fleet
        [ ${#fleet[@]} -eq 0 ] || testbed_down
    fi
    [ ${#fleet[@]} -eq 0 ] || fleet_specs "${fleet[@]}" || rc=1
    RC=$rc
    return "$rc"
}

# The testbed (and the DC) for the podman and docker specs: a fresh one, or the one running.
testbed_up() {
    local t0=$SECONDS
    if [ "$("$TESTBED" status)" = running ]; then
        say "a testbed is already running (make testbed-up): testing against it, leaving it up"
        if "$TESTBED" exec sh -c 'command -v podman' >/dev/null 2>&1; then
            "$TESTBED" images || return 1
        else
            # the docker specs made it a docker host (test/e2e/lib/docker.mjs); only they can run
            say "the running testbed is a docker host without podman: test images not rebuilt (make testbed-down for a podman host)"
        fi
        ad_up || return 1
    else
        if [ "${E2E_FRESH:-1}" = 1 ]; then "$TESTBED" reset || return 1; else "$TESTBED" setup || return 1; fi
        BOOTED=1
        "$TESTBED" boot || return 1
        "$TESTBED" images || return 1
        if [ "${E2E_AD:-1}" = 1 ] && [ "$("$AD" status | head -n1)" != running ]; then AD_BOOTED=1; fi
        ad_up || return 1
    fi
    say "testbed ready in $((SECONDS - t0)) s"
}

testbed_down() {
    if [ -n "$BOOTED" ]; then "$TESTBED" stop || say "stopping the testbed failed"; BOOTED=; fi
    if [ -n "$AD_BOOTED" ]; then "$AD" down || say "stopping the AD DC failed"; AD_BOOTED=; fi
}

fleet_running() { [ "$("$FLEET" status | grep -c ': running$')" = 2 ]; }

# The fleet's specs in the background (FLEET_JOB), their output kept for fleet_wait.
FLEET_JOB=
fleet_beside() {
    fleet_running || FLEET_BOOTED=1   # for cleanup: the job cannot tell it
    ( trap - EXIT INT TERM; fleet_specs "$@" ) > "$E2E_TMP/fleet.out" 2>&1 &
    FLEET_JOB=$!
}

fleet_wait() {
    local rc=0
    wait "$FLEET_JOB" || rc=1
    FLEET_JOB=
    cat "$E2E_TMP/fleet.out"
    return "$rc"
}

stop_fleet_job() {
    [ -n "$FLEET_JOB" ] || return 0
    local pids p
    pids=$(descendants "$FLEET_JOB")
    kill -TERM "$FLEET_JOB" $pids 2>/dev/null || true
    sleep 2
    for p in $FLEET_JOB $pids; do kill -KILL "$p" 2>/dev/null || true; done
    wait "$FLEET_JOB" 2>/dev/null || true
    FLEET_JOB=
}

# The fleet's specs (test/e2e/fleet/): fleet-a and fleet-b booted (test/testbed/fleet.sh), the
# browser in the fleet's control network namespace. A fleet that is up already is used and left up.
fleet_specs() {
    local t0=$SECONDS
    if fleet_running; then
        say "a fleet is already running: testing against it, leaving it up"
    else
        FLEET_BOOTED=1
        if ! "$FLEET" up; then
            echo "e2e (fleet): 0 passed, $# failed" | tee -a "$SUMMARY"
            return 1
        fi
    fi
    say "fleet ready in $((SECONDS - t0)) s"
    specs --fleet "$@"
}

specs() {   # [--fleet] SPEC...: run-specs.mjs, in the fleet's network namespace with --fleet
    local runner=()
    if [ "${1:-}" = --fleet ]; then runner=("$FLEET" run); shift; fi
    TMPDIR=$E2E_TMP E2E_SUMMARY_FILE=$SUMMARY "${runner[@]}" node "$REPO/test/e2e/run-specs.mjs" "$@" &
    NODE_PID=$!
    wait "$NODE_PID"
    local rc=$?
    NODE_PID=
    return "$rc"
}

case "${1:-check}" in
    check) shift || true; check "$@"; RC=$?; cleanup ;;
    up) up ;;
    down) "$TESTBED" stop; "$AD" down ;;
    demo)
        trap '"$TESTBED" stop; "$AD" down; exit 0' INT TERM
        up || { "$TESTBED" stop; "$AD" down; exit 1; }
        echo
        echo "System Services demo: http://127.0.0.1:9090/system-services"
        echo "log in as admin / foobar123 (Ctrl-C stops the testbed)"
        while :; do sleep 1; done ;;
    *) echo "usage: $0 check [SPEC...] | up | down | demo" >&2; exit 2 ;;
esac
