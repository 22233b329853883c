#!/bin/bash
# The packaging suite of make check: the release build and the packages made from it.
# Last line: "packaging: N passed, N failed".
# (No `echo "$x" | grep -q`: grep -q quits at the first match, echo may then die of SIGPIPE
# and pipefail fails the test; here-strings instead.)
#
# Works in a temporary clone of this repository with the working tree's tracked files copied
# over it (what make dist ships), so that builds elsewhere in the working tree cannot change
# dist/ under it. Checks:
#   - NODE_ENV=production make in the clone (npm ci must keep the build tools), then make again
#   - two make dist runs (another umask, a second later) give the same sha256
#   - the tarball: one top folder, the built dist/, the spec and debian/ folder, owner 0, one time
#   - make install from the unpacked tarball without network (unshare -n), and without npm
#     or node (both replaced by stubs that fail)
#   - what it installed: JS and CSS as .gz only (gzip -n), the same bytes as dist/, the metainfo
#   - appstreamcli validate --no-net --strict of the metainfo
#   - make deb without network, lintian without errors (its warnings printed), Depends, files
#   - make rpm without network: rpmbuild -tb finds the spec, the file list has the page
#   - one version in package.json, the spec, debian/changelog and the metainfo
set -uo pipefail
# make check's own flags and goals must not reach the makes run here
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PAGE=usr/share/cockpit/system-services
METAINFO=usr/share/metainfo/org.cockpit_project.system_services.metainfo.xml

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; shift; [ $# -gt 0 ] && printf '%s\n' "$@" | head -n 40 | sed 's/^/    /'; return 0; }
check() {  # name, command...: one test, its output shown only when it fails
    local name=$1 out
    shift
    if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}

T=$(mktemp -d /tmp/system-services-packaging.XXXXXX)
finish() {
    trap - EXIT INT TERM
    rm -rf "$T"
    echo "packaging: $passed passed, $failed failed"
    [ "$failed" = 0 ] && [ "$passed" -gt 0 ]
    exit
}
trap finish EXIT
trap 'failed=$((failed + 1)); finish' INT TERM

t0=$SECONDS
"$REPO/tools/install-debs.sh" debhelper dpkg-dev fakeroot lintian rpm appstream util-linux >/dev/null \
    || { not_ok "install the packaging tools"; exit 1; }

# npm and node that must not run: a release tree builds and installs without them
mkdir -p "$T/stubs"
for tool in npm npx node; do
    printf '#!/bin/sh\necho "%s was run: $*" >&2\nexit 1\n' "$tool" > "$T/stubs/$tool"
    chmod +x "$T/stubs/$tool"
done
NO_NODE_PATH=$T/stubs:$PATH
offline() { unshare -n env PATH="$NO_NODE_PATH" "$@"; }

# --- the clone ---------------------------------------------------------------------------------
SRC=$T/src
git clone -q --shared "$REPO" "$SRC" || { not_ok "clone the repository"; exit 1; }
(cd "$REPO" && git ls-files -z | xargs -0 cp --parents -t "$SRC" 2>/dev/null)
# tracked here but not (yet) in HEAD: tracked in the clone too, so that make dist ships them
(cd "$REPO" && git ls-files -z) | (cd "$SRC" && xargs -0 git add -f -- 2>/dev/null)
VERSION=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$SRC/package.json")
TAR=cockpit-system-services-$VERSION.tar.gz

production_build() {
    cd "$SRC" && NODE_ENV=production make >"$T/build.log" 2>&1 || { tail -n 30 "$T/build.log"; return 1; }
    [ -x node_modules/.bin/esbuild ] && [ -f dist/index.js ] && [ -f node_modules/.installed ] || return 1
    make >"$T/make2.log" 2>&1 || { tail -n 30 "$T/make2.log"; return 1; }
}
check "NODE_ENV=production make on a clean clone, then make" production_build

two_dists() {
    cd "$SRC" || return 1
    make dist DIST_TAR="$T/a.tar.gz" >/dev/null || return 1
    sleep 1
    (umask 077 && make dist DIST_TAR="$T/b.tar.gz" >/dev/null) || return 1
    local a b
    a=$(sha256sum < "$T/a.tar.gz") b=$(sha256sum < "$T/b.tar.gz")
    echo "first ${a%% *}, second ${b%% *}"
    [ "$a" = "$b" ]
}
check "two make dist runs give the same sha256" two_dists

tarball_contents() {
    local list top f
    list=$(tar -tvzf "$T/a.tar.gz") || return 1
    top=cockpit-system-services-$VERSION
    for f in dist/index.js dist/index.css dist/manifest.json dist/index.html Makefile package.json \
             packaging/cockpit-system-services.spec packaging/debian/control packaging/debian/rules; do
        grep -q " $top/$f\$" <<<"$list" || { echo "missing: $top/$f"; return 1; }
    done
    if [ -n "$(awk '{print $6}' <<<"$list" | grep -v "^$top/")" ]; then echo "an entry outside $top/"; return 1; fi
    if grep -qE " $top/(node_modules|\.git|build)/" <<<"$list"; then echo "node_modules, .git or build/ shipped"; return 1; fi
    if [ -n "$(awk '{print $2}' <<<"$list" | grep -v '^0/0$')" ]; then echo "an owner other than 0/0"; return 1; fi
    [ "$(echo "$list" | awk '{print $4, $5}' | sort -u | wc -l)" = 1 ] || { echo "more than one time stamp"; return 1; }
    [ "$(echo "$list" | grep -c '\.map$')" = 0 ] || { echo "source maps shipped"; return 1; }
}
check "the tarball: one folder, dist/, the spec and debian/, owner 0, one time stamp" tarball_contents

# --- install from the tarball ------------------------------------------------------------------
DEST=$T/dest
offline_install() {
    mkdir -p "$T/x" && tar -C "$T/x" -xzf "$T/a.tar.gz" || return 1
    cd "$T/x/cockpit-system-services-$VERSION" || return 1
    offline make install DESTDIR="$DEST" PREFIX=/usr
}
check "make install from the unpacked tarball: no network, no npm, no node" offline_install

installed_files() {
    local d=$DEST/$PAGE dist=$T/x/cockpit-system-services-$VERSION/dist f base
    for f in index.html manifest.json index.js.gz index.css.gz; do
        [ -f "$d/$f" ] || { echo "missing: /$PAGE/$f"; return 1; }
    done
    [ -f "$DEST/$METAINFO" ] || { echo "missing: /$METAINFO"; return 1; }
    for f in "$dist"/*.js "$dist"/*.css; do
        base=$(basename "$f")
        [ -f "$d/$base.gz" ] || { echo "missing: /$PAGE/$base.gz"; return 1; }
        [ ! -e "$d/$base" ] || { echo "/$PAGE/$base next to its .gz: Cockpit would serve it, not the .gz"; return 1; }
        cmp -s <(gzip -dc "$d/$base.gz") "$f" || { echo "$base.gz is not dist/$base"; return 1; }
        # gzip -n: no file name (flag byte 3, bit 3) and no time (bytes 4-7)
        [ "$(od -An -tx1 -j3 -N5 "$d/$base.gz" | tr -d ' ')" = 0000000000 ] || { echo "$base.gz has a name or a time"; return 1; }
    done
    [ -z "$(find "$d" -name '*.map')" ] || { echo "source maps installed"; return 1; }
}
check "installed: the page with JS and CSS as .gz only (gzip -n), and the AppStream metainfo" installed_files

check "appstreamcli validate --no-net --strict of the installed metainfo" \
    appstreamcli validate --no-net --strict "$DEST/$METAINFO"

# --- the packages ------------------------------------------------------------------------------
deb_package() {
    cd "$SRC" || return 1
    offline make deb >"$T/deb.log" 2>&1 || { tail -n 30 "$T/deb.log"; return 1; }
    local deb
    deb=$(ls build/deb/*.deb) || return 1
    lintian --fail-on error "$deb" >"$T/lintian.log" 2>&1 || { grep -v 'running with root' "$T/lintian.log"; return 1; }
    local depends arch files
    depends=$(dpkg-deb -f "$deb" Depends) arch=$(dpkg-deb -f "$deb" Architecture)
    [ "$arch" = all ] || { echo "Architecture: $arch"; return 1; }
    grep -qF 'cockpit-bridge (>= 287)' <<<"$depends" || { echo "Depends: $depends"; return 1; }
    grep -qF 'podman | docker.io' <<<"$depends" || { echo "Depends: $depends"; return 1; }
    files=$(dpkg-deb -c "$deb" | awk '{print $6}')
    for f in "./$PAGE/manifest.json" "./$PAGE/index.js.gz" "./$METAINFO"; do
        grep -qxF "$f" <<<"$files" || { echo "not in the .deb: $f"; return 1; }
    done
}
check "make deb without network; lintian without errors; Depends, Architecture all, files" deb_package
if [ -s "$T/lintian.log" ] && grep -q '^[WI]:' "$T/lintian.log"; then
    echo "# lintian:"
    grep '^[WIP]:' "$T/lintian.log" | sed 's/^/#   /'
fi

rpm_package() {
    cd "$SRC" || return 1
    offline make rpm >"$T/rpm.log" 2>&1 || { tail -n 30 "$T/rpm.log"; return 1; }
    local rpm files requires
    rpm=$(ls build/rpm/RPMS/noarch/*.noarch.rpm) || return 1
    files=$(rpm -qlp "$rpm") requires=$(rpm -qp --requires "$rpm")
    for f in "/$PAGE" "/$PAGE/manifest.json" "/$PAGE/index.js.gz" "/$METAINFO"; do
        grep -qxF "$f" <<<"$files" || { echo "not in the rpm: $f"; echo "$files"; return 1; }
    done
    grep -qxF 'cockpit-bridge >= 287' <<<"$requires" || { echo "Requires: $requires"; return 1; }
    grep -qxF '(podman or docker)' <<<"$requires" || { echo "Requires: $requires"; return 1; }
}
check "make rpm without network (rpmbuild -tb): noarch, the page and the metainfo, Requires" rpm_package

versions() {
    local spec changelog metainfo
    spec=$(sed -n 's/^Version: *//p' "$SRC/packaging/cockpit-system-services.spec")
    changelog=$(sed -n '1s/^[^(]*(\([^)-]*\)-[^)]*).*/\1/p' "$SRC/packaging/debian/changelog")
    metainfo=$(grep -m1 -o '<release version="[^"]*"' "$SRC/packaging/org.cockpit_project.system_services.metainfo.xml" | cut -d'"' -f2)
    echo "package.json $VERSION, spec $spec, debian/changelog $changelog, metainfo $metainfo"
    [ "$spec" = "$VERSION" ] && [ "$changelog" = "$VERSION" ] && [ "$metainfo" = "$VERSION" ]
}
check "one version in package.json, the spec, debian/changelog and the metainfo" versions

echo "# packaging suite: $((SECONDS - t0)) s"
