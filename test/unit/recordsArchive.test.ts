// All records from one tar of their folder, as GNU tar writes it.
import QUnit from "qunit";
import fixture from "../fixtures/records-archive.json";
import { RECORDS_ARCHIVE, recordsFromArchive } from "../../src/core/recordsArchive";
import { tarMembers } from "../../src/core/tarFile";
import { gunzipBase64 } from "./fixture-bytes";

async function members() {
    return tarMembers(await gunzipBase64(fixture.tarGz));
}

QUnit.module("recordsArchive", () => {
    QUnit.test("the folder is tarred from its parent", assert => {
        assert.deepEqual(RECORDS_ARCHIVE, { directory: "/etc/containers", member: "system-services" });
    });

    QUnit.test("records by name; one that does not parse and a symbolic link are broken; the rest is ignored", async assert => {
        const listing = recordsFromArchive(await members());
        assert.deepEqual(listing.records.map(r => [r.name, r.unit]), [["demo-service", "demo-service.service"], ["sssd", null]]);
        assert.deepEqual(listing.broken.map(b => b.path), [
            "/etc/containers/system-services/broken/service.json",
            "/etc/containers/system-services/linked/service.json",
        ]);
        assert.ok(/is not a regular file/.test(listing.broken[1].error), listing.broken[1].error);
    });

    QUnit.test("an empty archive (no folder yet) lists nothing", assert => {
        assert.deepEqual(recordsFromArchive(tarMembers(new Uint8Array(10240))), { records: [], broken: [] });
    });
});
