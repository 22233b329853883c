// Real labels of real images, as `podman image inspect` reports them (build-time quoting removed).

// Docker joins continued Dockerfile lines by dropping the backslash and newline only,
// so the label value keeps " \t" between the lines.
function continued(lines: string[]): string {
    return lines.join(" \t");
}

// fedora-cloud/Fedora-Dockerfiles sssd/Dockerfile (2016), the reference image of design §3.6.
export const SSSD_MOUNTS: [string, string, boolean][] = [
    ["/etc/ipa/", "/etc/ipa/", true],
    ["/etc/krb5.conf", "/etc/krb5.conf", true],
    ["/etc/krb5.keytab", "/etc/krb5.keytab", true],
    ["/etc/nsswitch.conf", "/etc/nsswitch.conf", true],
    ["/etc/openldap/", "/etc/openldap/", true],
    ["/etc/pam.d/", "/etc/pam.d/", true],
    ["/etc/passwd", "/etc/passwd.host", true],
    ["/etc/pki/nssdb/", "/etc/pki/nssdb/", true],
    ["/etc/ssh/", "/etc/ssh/", true],
    ["/etc/sssd/", "/etc/sssd/", true],
    ["/etc/systemd/system/sssd.service.d", "/etc/systemd/system/sssd.service.d", true],
    ["/etc/sysconfig/authconfig", "/etc/sysconfig/authconfig", true],
    ["/etc/sysconfig/network", "/etc/sysconfig/network", true],
    ["/etc/sysconfig/sssd", "/etc/sysconfig/sssd", true],
    ["/etc/yp.conf", "/etc/yp.conf", true],
    ["/var/cache/realmd/", "/var/cache/realmd/", false],
    ["/var/lib/authconfig/last/", "/var/lib/authconfig/last/", true],
    ["/var/lib/ipa-client/sysrestore/", "/var/lib/ipa-client/sysrestore/", true],
    ["/var/lib/samba/", "/var/lib/samba/", false],
    ["/var/lib/sss/", "/var/lib/sss/", false],
    ["/var/log/sssd/", "/var/log/sssd/", false],
    ["/var/run/dbus/system_bus_socket", "/var/run/dbus/system_bus_socket", false],
];

function volumeWord([source, target, ro]: [string, string, boolean]): string {
    return `-v ${source}:${target}${ro ? ":ro" : ""}`;
}

export const SSSD = {
    INSTALL: "docker run --rm=true --privileged --net=host -v /:/host -e NAME=${NAME} -e IMAGE=${IMAGE} -e HOST=/host ${IMAGE} /bin/install.sh",
    RUN: continued([
        "docker run -d --restart=always --privileged --net=host --name ${NAME} -e NAME=${NAME} -e IMAGE=${IMAGE}",
        ...SSSD_MOUNTS.map(volumeWord),
        "${IMAGE} /bin/run.sh",
    ]),
    UNINSTALL: "docker run --rm=true --privileged --net=host -v /:/host -e NAME=${NAME} -e IMAGE=${IMAGE} -e HOST=/host ${IMAGE} /bin/uninstall.sh",
    STOP: "docker kill -s TERM ${NAME}",
};

// The same RUN label as the Dockerfile text has it, continuation lines and all.
export const SSSD_RUN_AS_WRITTEN = [
    "docker run -d --restart=always --privileged --net=host --name ${NAME} -e NAME=${NAME} -e IMAGE=${IMAGE}",
    ...SSSD_MOUNTS.map(volumeWord),
    "${IMAGE} /bin/run.sh",
].join(" \\\n\t");

export const SSSD_IMAGE = "registry.fedoraproject.org/f23/sssd:latest";

// freeipa/freeipa-container Dockerfile (atomic era): lower-case keys, RUN_OPTS from a file.
export const FREEIPA_LABELS: Record<string, string> = {
    install: "docker run -ti --rm --privileged -v /:/host -e HOST=/host -e DATADIR=/var/lib/${NAME} -e NAME=${NAME} -e IMAGE=${IMAGE} ${IMAGE} /bin/install.sh",
    run: "docker run ${RUN_OPTS} --name ${NAME} -v /var/lib/${NAME}:/data:Z -v /sys/fs/cgroup:/sys/fs/cgroup:ro --tmpfs /run --tmpfs /tmp -v /dev/urandom:/dev/random:ro ${IMAGE}",
    RUN_OPTS_FILE: "/var/lib/${NAME}/docker-run-opts",
    stop: "docker stop ${NAME}",
    uninstall: "docker run --rm --privileged -v /:/host -e HOST=/host -e DATADIR=/var/lib/${NAME} ${IMAGE} /bin/uninstall.sh",
};

// What freeipa-container's install.sh writes into RUN_OPTS_FILE: one option a line.
export const FREEIPA_RUN_OPTS = "--rm\n--hostname=ipa.example.test\n";
export const FREEIPA_IMAGE = "quay.io/freeipa/freeipa-server:fedora-41";

// The testbed's demo image (shared/testbed/demo-image/Containerfile); `\${NAME}` there is
// buildah's escaping, the label value is `${NAME}`.
export const DEMO = {
    INSTALL: "podman run --rm --privileged -v /:/host -e HOST=/host -e NAME=${NAME} -e IMAGE=${IMAGE} ${IMAGE} /bin/sh /install.sh",
    RUN: "podman run -d --name ${NAME} --network=host ${IMAGE} /bin/busybox httpd -f -p 127.0.0.1:8088 -h /www",
    STOP: "podman stop -t 2 ${NAME}",
    UNINSTALL: "podman run --rm --privileged -v /:/host -e HOST=/host -e NAME=${NAME} -e IMAGE=${IMAGE} ${IMAGE} /bin/sh /uninstall.sh",
};
export const DEMO_IMAGE = "localhost/demo-service:latest";

// The rhel6 sshd example of the atomic era: every host namespace at once.
export const SSHD_RUN = "docker run -it   --name ${NAME} -e NAME=${NAME} -e IMAGE=${IMAGE}   --rm=true   --privileged   --net=host   --pid=host   --ipc=host   -v /srv:/srv   -v /dev:/dev   -v /run:/run   ${IMAGE} bash";

export const ALL_REAL_LABELS: string[] = [
    SSSD.INSTALL, SSSD.RUN, SSSD.UNINSTALL, SSSD.STOP, SSSD_RUN_AS_WRITTEN,
    FREEIPA_LABELS.install, FREEIPA_LABELS.run, FREEIPA_LABELS.RUN_OPTS_FILE, FREEIPA_LABELS.stop, FREEIPA_LABELS.uninstall,
    DEMO.INSTALL, DEMO.RUN, DEMO.STOP, DEMO.UNINSTALL, SSHD_RUN,
];
