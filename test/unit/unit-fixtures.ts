// Unit files the unit tests share (not a .test.ts file: the runner does not pick it up alone).

// The unit the atomic-era SSSD image's install.sh wrote (design §3.6), with NAME=sssd.
export const ATOMIC_SSSD_UNIT = `[Unit]
Description=SSSD in container
Before=systemd-user-sessions.service nss-user-lookup.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/bin/atomic run --name=sssd fedora/sssd

[Install]
WantedBy=multi-user.target
`;
