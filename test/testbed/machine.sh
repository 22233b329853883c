# One systemd-nspawn machine's life, shared by the scripts that boot machines (testbed.sh, ad.sh,
# fleet.sh), which source this file. A machine is known by its STATE folder: nspawn's pid is in
# STATE/nspawn.pid, its output in STATE/nspawn.log. LABEL names it in messages.
#
#   machine_pid STATE                 nspawn's pid
#   machine_ct_pid STATE              the machine's systemd (PID 1 inside)
#   machine_running STATE             nspawn is alive
#   machine_wait STATE LABEL SECONDS  until systemd inside is running or degraded (MACHINE_STATE)
#   machine_exec STATE CMD...         a command inside, as a transient unit
#   machine_poweroff STATE LABEL      a clean poweroff, killed after 60 s
#   machine_gone STATE LABEL          waits for a poweroff already asked for (kill -TERM nspawn)

# A machine outlives the script that starts it: it must not keep the caller's descriptors (a
# flock on a lock would be held until the machine stops). Run as: bash -c "$CLOSE_FDS" close-fds CMD...
# shellcheck disable=SC2016
CLOSE_FDS='for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null; done; exec "$@"'

machine_pid() { cat "$1/nspawn.pid"; }
machine_ct_pid() { pgrep -P "$(machine_pid "$1")" -x systemd; }
machine_running() { [ -f "$1/nspawn.pid" ] && kill -0 "$(machine_pid "$1")" 2>/dev/null; }

MACHINE_STATE=
machine_wait() {
    local state=$1 label=$2 seconds=$3 i pid
    MACHINE_STATE=
    for i in $(seq 1 $((seconds * 4))); do
        if pid=$(machine_ct_pid "$state" 2>/dev/null); then
            MACHINE_STATE=$(nsenter -t "$pid" -a systemctl is-system-running 2>/dev/null || true)
            case "$MACHINE_STATE" in running|degraded) return 0;; esac
        fi
        machine_running "$state" || { tail -n 20 "$state/nspawn.log" >&2; return 1; }
        sleep 0.25
    done
    echo "$label did not finish booting (state: ${MACHINE_STATE:-unknown})" >&2
    return 1
}

# INVOCATION_ID is unset so that a detached `podman run -d` gets its own conmon scope instead of
# dying with the transient unit; the unit has the machine's cgroup and seccomp filter.
machine_exec() {
    local state=$1; shift
    nsenter -t "$(machine_ct_pid "$state")" -a systemd-run --wait --pipe --collect -q env -u INVOCATION_ID "$@"
}

machine_poweroff() {
    [ -f "$1/nspawn.pid" ] || return 0
    kill -TERM "$(machine_pid "$1")" 2>/dev/null || true   # nspawn turns it into a clean poweroff
    machine_gone "$1" "$2"
}

machine_gone() {
    [ -f "$1/nspawn.pid" ] || return 0
    local np i
    np=$(machine_pid "$1")
    for i in $(seq 1 240); do kill -0 "$np" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$np" 2>/dev/null; then
        echo "$2 did not power off in 60 s: killing it" >&2
        kill -KILL "$np" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$1/nspawn.pid"
}
