import QUnit from "qunit";
QUnit.module("harness", () => {
    QUnit.test("runs", assert => { assert.equal(1 + 1, 2); });
});
