# Shared by install.sh and uninstall.sh (sourced; bash). The host's root is at $HOST.
# shellcheck shell=bash

HOST=${HOST:-/host}
NAME=${NAME:-sssd}
IMAGE=${IMAGE:-localhost/sssd}
# the image's own record of an install on the host: mode, and etc/sssd as it was before
STATE_REL=var/lib/sssd-container/$NAME
STATE=$HOST/$STATE_REL
UNIT_REL=etc/systemd/system/$NAME.service
UNIT_MARK="system-container-image=sssd"
SECRET=${SECRET:-/run/secrets/enroll-password}
LIST=${LIST:-/etc/host-data-list}
TEMPLATE=/usr/share/sssd-container/sssd-container.service.in
REALM_CONF=/usr/lib/sssd-container/realm-conf.py
# what the RUN label mounts; the unit runs the same container in the foreground
RUN_OPTIONS="--net=host -v /etc/sssd:/etc/sssd:ro -v /etc:/host/etc:ro -v /var/lib/sss:/var/lib/sss -v /var/log/sssd:/var/log/sssd"

say() { echo "$(basename "$0"): $*"; }
die() { echo "$(basename "$0"): $*" >&2; exit 1; }

check_name() {
    [[ $NAME =~ ^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$ ]] || die "invalid name '$NAME'"
    [ -d "$HOST/etc" ] || die "the host's root is not mounted at $HOST (run the INSTALL label: -v /:/host -e HOST=/host)"
}

# normalize_entry LINE: one line of a host-data-list as the page reads it (src/core/hostDataList.ts,
# the same table of cases tests both: test/fixtures/host-data-list-grammar.json). Prints the
# path relative to the host root (a folder ends in "/"), or "error CODE" and fails.
normalize_entry() {
    # bytes, whatever the locale: ASCII white space around the entry, C0 and C1 controls in it
    local LC_ALL=C t part parts kept=() dir=false
    t=${1#"${1%%[![:space:]]*}"}; t=${t%"${t##*[![:space:]]}"}
    if [ -z "$t" ]; then echo "error empty"; return 1; fi
    if [[ $t == *[[:cntrl:]]* || $t == *$'\xc2'[$'\x80'-$'\x9f']* ]]; then echo "error control"; return 1; fi
    [[ $t == */ || $t == */. ]] && dir=true
    IFS=/ read -ra parts <<< "$t"
    for part in "${parts[@]}"; do
        if [ "$part" = .. ]; then echo "error dot-dot"; return 1; fi
        [ -n "$part" ] && [ "$part" != . ] && kept+=("$part")
    done
    if [ ${#kept[@]} -eq 0 ]; then echo "error root"; return 1; fi
    (IFS=/; echo "${kept[*]}$($dir && echo /)")
}

# The host-data-list paths, relative, without the trailing "/". A line that is not a valid entry,
# or a second entry for one path, stops the install: it never copies a guess.
listed_paths() {
    local line n=0 p seen=" "
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        p=$(normalize_entry "$line") || die "$LIST line $n is not a valid entry (${p#error }): '$line'"
        p=${p%/}
        [[ $seen == *" $p "* ]] && die "$LIST line $n lists $p a second time"
        seen+="$p "
        echo "$p"
    done < "$LIST"
}

# A file system entry's type and metadata, to decide whether it must be copied.
describe() {
    if [ -L "$1" ]; then echo "link $(readlink "$1")"
    elif [ -e "$1" ]; then stat -c '%F %a %u %g' -- "$1"
    else echo none
    fi
}

# sync_path SRC DST REL: make DST/REL what SRC/REL is, touching only what differs (unchanged
# files keep their inode and time; a listed path missing in SRC is removed from DST). Sockets
# are skipped (they are live daemons' endpoints, not configuration).
sync_path() {
    local src=$1 dst=$2 rel=$3 e
    if [ ! -e "$src/$rel" ] && [ ! -L "$src/$rel" ]; then
        if [ -e "$dst/$rel" ] || [ -L "$dst/$rel" ]; then
            rm -rf -- "${dst:?}/$rel"
            echo "  removed $rel in $dst"
        fi
        return 0
    fi
    # what DST has and SRC has not, deepest first
    if [ -d "$dst/$rel" ] && [ ! -L "$dst/$rel" ]; then
        while IFS= read -r -d '' e; do
            if [ ! -e "$src/$e" ] && [ ! -L "$src/$e" ]; then
                rm -rf -- "${dst:?}/$e"
                echo "  removed $e in $dst"
            fi
        done < <(cd "$dst" && find "$rel" -depth ! -type s -print0)
    fi
    # what differs, parents first
    while IFS= read -r -d '' e; do
        local a b
        a=$(describe "$src/$e"); b=$(describe "$dst/$e")
        if [ "$a" = "$b" ]; then
            # same type, mode and owner: only a regular file can still differ, in content
            if [ -f "$src/$e" ] && [ ! -L "$src/$e" ]; then cmp -s -- "$src/$e" "$dst/$e" && continue; else continue; fi
        fi
        # a type change (file <-> dir <-> link) needs the old entry gone first
        if [ "${a%% *}" != "${b%% *}" ] && [ "$b" != none ]; then rm -rf -- "${dst:?}/$e"; fi
        (cd "$src" && tar --numeric-owner --no-recursion -cpf - -- "$e") | tar -C "$dst" --numeric-owner -xpf -
        echo "  copied $e to $dst"
    done < <(cd "$src" && find "$rel" ! -type s -print0)
}

# copy_in: the container's listed paths become exactly the host's
copy_in() {
    local p
    say "copying the host's data in ($LIST)"
    while IFS= read -r p; do sync_path "$HOST" / "$p" >/dev/null; done < <(listed_paths)
}

# copy_out: the host's listed paths become the container's, change by change
copy_out() {
    local p
    say "copying the results back to the host"
    while IFS= read -r p; do sync_path / "$HOST" "$p"; done < <(listed_paths)
}

# systemctl on the host: INSTALL/UNINSTALL run with --pid=host and --privileged
# (`chroot /host systemctl` cannot reach the host's bus from the container)
host_systemctl() {
    nsenter -t 1 -m -u -i -n -p systemctl "$@"
}

daemon_reload() {
    if host_systemctl daemon-reload; then
        say "reloaded systemd"
    else
        say "could not reload systemd (is the container running with --pid=host --privileged?): run systemctl daemon-reload"
    fi
}

unit_is_ours() { [ -f "$HOST/$UNIT_REL" ] && [ ! -L "$HOST/$UNIT_REL" ] && grep -q "$UNIT_MARK" "$HOST/$UNIT_REL"; }

# the secret, without a trailing newline; empty when not mounted
secret() { [ -r "$SECRET" ] && tr -d '\n' < "$SECRET" || true; }

# realmd talks D-Bus: a private system bus in the container for the duration
start_dbus() {
    mkdir -p /run/dbus
    [ -S /run/dbus/system_bus_socket ] || dbus-daemon --system --fork
}

# opt_value WHAT "NAME..." ARG...: the option at the head of ARG... as OPT (without its =VALUE),
# its value as VAL, and as OPT_SHIFT how many arguments it took. The NAMEs take a value, given as
# --name VALUE or --name=VALUE (-N VALUE for a one-letter name); other options take none. An
# argument that is no option comes back as OPT.
opt_value() {
    local what=$1 names=" $2 " name
    shift 2
    OPT=$1 VAL="" OPT_SHIFT=1
    case "$OPT" in
        --*=*)
            VAL=${OPT#*=} OPT=${OPT%%=*}
            [[ $names == *" ${OPT#--} "* ]] || die "$what: $OPT takes no value"
            return 0 ;;
        --?*) name=${OPT#--} ;;
        -?) name=${OPT#-} ;;
        *) return 0 ;;
    esac
    if [[ $names == *" $name "* ]]; then
        [ $# -ge 2 ] || die "$what: $OPT needs a value"
        VAL=$2 OPT_SHIFT=2
    fi
}

# stdin obfuscated as sss_obfuscate does it (ldap_default_authtok_type = obfuscated_password):
# sssd.conf then holds no password in clear, and the password goes to no argv
obfuscate() {
    python3 -c 'import sys, pysss; p = pysss.password(); print(p.encrypt(sys.stdin.read(), p.AES_256))'
}
