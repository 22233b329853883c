import QUnit from "qunit";
// @ts-expect-error: plain JavaScript build tooling without typings
import { pluralCount, pluralFunction } from "../../po/plural.js";

QUnit.module("translations", () => {
    QUnit.test("plural forms become a function returning the form's index", assert => {

        const german = new Function(`return ${pluralFunction("nplurals=2; plural=(n != 1);")}`)();
        assert.deepEqual([0, 1, 2, 5].map(german), [1, 0, 1, 1]);
        const czech = new Function(`return ${pluralFunction("nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;")}`)();
        assert.deepEqual([1, 3, 7].map(czech), [0, 1, 2]);
    });
    QUnit.test("nplurals is checked against what the rule returns", assert => {
        assert.equal(pluralCount("nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"), 3);
        assert.equal(pluralCount("nplurals=2; plural=(n != 1);"), 2);
        assert.throws(() => pluralCount("nplurals=2; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"), /not one of 0…1/);
        assert.throws(() => pluralCount("plural=(n != 1);"), /no nplurals/);
    });
    QUnit.test("refuses a Plural-Forms header that is not arithmetic", assert => {
        assert.throws(() => pluralFunction("nplurals=2; plural=alert(1);"), /suspicious/);
    });
});
