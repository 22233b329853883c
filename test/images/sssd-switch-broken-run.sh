#!/bin/sh
# /bin/run.sh of localhost/sssd-broken (sssd-broken.Containerfile): the RUN label's command, and
# so the unit's ExecStart, exits at once. sssd-switch.spec.mjs switches to it and expects the
# switch to fail at the unit's start and undo everything.
echo "run.sh: localhost/sssd-broken fails on purpose" >&2
exit 1
