#!/usr/bin/python3
"""sssd.conf and krb5.conf for an AD domain joined with adcli, as realmd writes them.

    realm-conf.py join DOMAIN REALM    add [domain/DOMAIN] (and DOMAIN to [sssd] domains);
                                       krb5.conf's default_realm (the file is made when missing)
    realm-conf.py leave DOMAIN         remove [domain/DOMAIN] and DOMAIN from [sssd] domains
    realm-conf.py has DOMAIN           exit 0 when sssd.conf has [domain/DOMAIN]

The one-time-password join runs adcli itself (realm would put the password in its argv), so the
configuration realm would have written is written here. Other sections and lines are kept as
they are. Env: SSSD_CONF (default /etc/sssd/sssd.conf), KRB5_CONF (default /etc/krb5.conf).
"""
import os
import re
import sys

SSSD_CONF = os.environ.get("SSSD_CONF", "/etc/sssd/sssd.conf")
KRB5_CONF = os.environ.get("KRB5_CONF", "/etc/krb5.conf")
SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")


def read(path):
    try:
        with open(path) as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return None


def write(path, lines, mode):
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.chmod(tmp, mode)
    os.rename(tmp, path)


def sections(lines):
    """[(name or None, [lines])]: the lines before the first section have the name None."""
    out = [(None, [])]
    for line in lines:
        m = SECTION.match(line)
        if m:
            out.append((m.group(1).strip(), [line]))
        else:
            out[-1][1].append(line)
    return out


def flatten(secs):
    lines = [line for _, body in secs for line in body]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def set_option(body, key, value):
    """Set key = value in a section's lines (replacing the first, or appending)."""
    pat = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
    for i, line in enumerate(body):
        if pat.match(line):
            body[i] = "%s = %s" % (key, value)
            return
    end = len(body)
    while end > 1 and not body[end - 1].strip():
        end -= 1
    body.insert(end, "%s = %s" % (key, value))


def get_option(body, key):
    pat = re.compile(r"^\s*" + re.escape(key) + r"\s*=\s*(.*)$")
    for line in body:
        m = pat.match(line)
        if m:
            return m.group(1).strip()
    return None


def domain_list(body):
    return [d.strip() for d in (get_option(body, "domains") or "").split(",") if d.strip()]


def domain_section(domain, realm):
    return [
        "[domain/%s]" % domain,
        "default_shell = /bin/bash",
        "krb5_store_password_if_offline = True",
        "cache_credentials = True",
        "krb5_realm = %s" % realm,
        "realmd_tags = manages-system joined-with-adcli",
        "id_provider = ad",
        "fallback_homedir = /home/%u@%d",
        "ad_domain = %s" % domain,
        "use_fully_qualified_names = True",
        "ldap_id_mapping = True",
        "access_provider = ad",
    ]


def join(domain, realm):
    secs = sections(read(SSSD_CONF) or [])
    if any(name == "domain/" + domain for name, _ in secs):
        sys.exit("sssd.conf has [domain/%s] already" % domain)
    main = next((body for name, body in secs if name == "sssd"), None)
    if main is None:
        main = ["[sssd]", "domains = %s" % domain, "config_file_version = 2", "services = nss, pam"]
        secs.insert(1, ("sssd", main))
    else:
        set_option(main, "domains", ", ".join(domain_list(main) + [domain]))
        if get_option(main, "services") is None:
            set_option(main, "services", "nss, pam")
    if secs[-1][1] and secs[-1][1][-1].strip():
        secs[-1][1].append("")
    secs.append(("domain/" + domain, domain_section(domain, realm)))
    os.makedirs(os.path.dirname(SSSD_CONF), mode=0o711, exist_ok=True)
    write(SSSD_CONF, flatten(secs), 0o600)

    krb = read(KRB5_CONF)
    if krb is None:
        write(KRB5_CONF, ["[libdefaults]", "  udp_preference_limit = 0", "  default_realm = %s" % realm], 0o644)
        return
    ksecs = sections(krb)
    libdefaults = next((body for name, body in ksecs if name == "libdefaults"), None)
    if libdefaults is None:
        ksecs.insert(1, ("libdefaults", ["[libdefaults]"]))
        libdefaults = ksecs[1][1]
    set_option(libdefaults, "default_realm", realm)
    if get_option(libdefaults, "udp_preference_limit") is None:
        set_option(libdefaults, "udp_preference_limit", "0")
    write(KRB5_CONF, flatten(ksecs), os.stat(KRB5_CONF).st_mode & 0o7777)


def leave(domain):
    lines = read(SSSD_CONF)
    if lines is None:
        return
    secs = [(name, body) for name, body in sections(lines) if name != "domain/" + domain]
    for name, body in secs:
        if name == "sssd":
            set_option(body, "domains", ", ".join(d for d in domain_list(body) if d != domain))
    write(SSSD_CONF, flatten(secs), 0o600)


def has(domain):
    secs = sections(read(SSSD_CONF) or [])
    sys.exit(0 if any(name == "domain/" + domain for name, _ in secs) else 1)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "join":
        join(args[1], args[2])
    elif len(args) == 2 and args[0] == "leave":
        leave(args[1])
    elif len(args) == 2 and args[0] == "has":
        has(args[1])
    else:
        sys.exit(__doc__)
