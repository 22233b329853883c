import QUnit from "qunit";
import { parseSssdConf } from "../../src/core/sssdConf";

// as realm join wrote it in the testbed's AD domain (../shared/testbed/ad/README.md), and after realm leave
const JOINED = `[sssd]
domains = adprobe.test
config_file_version = 2
services = nss, pam

[domain/adprobe.test]
default_shell = /bin/bash
krb5_store_password_if_offline = True
cache_credentials = True
krb5_realm = ADPROBE.TEST
realmd_tags = manages-system joined-with-adcli
id_provider = ad
fallback_homedir = /home/%u@%d
ad_domain = adprobe.test
use_fully_qualified_names = True
ldap_id_mapping = True
access_provider = ad
`;
const LEFT = "[sssd]\ndomains = \nconfig_file_version = 2\nservices = nss, pam\n";

QUnit.module("sssd.conf", () => {
    QUnit.test("an AD domain joined by realm", assert => {
        assert.deepEqual(parseSssdConf(JOINED).domains, [{ name: "adprobe.test", idProvider: "ad", realm: "ADPROBE.TEST", server: null }]);
    });
    QUnit.test("after realm leave: no domain", assert => {
        assert.deepEqual(parseSssdConf(LEFT).domains, []);
    });
    QUnit.test("the LDAP configuration the SSSD image writes, comments and all", assert => {
        const conf = "# Written by the SSSD system container\n[sssd]\ndomains = example.test, other\n\n[domain/example.test]\nid_provider = ldap\nldap_uri = ldap://127.0.0.1\n";
        assert.deepEqual(parseSssdConf(conf).domains, [
            { name: "example.test", idProvider: "ldap", realm: null, server: "ldap://127.0.0.1" },
            { name: "other", idProvider: null, realm: null, server: null },
        ]);
    });
});
