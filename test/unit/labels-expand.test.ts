import QUnit from "qunit";
import { expandLabel, LabelSyntaxError, type ExpandContext } from "../../src/core/labels";
import { FREEIPA_RUN_OPTS, SSSD_IMAGE } from "./labels-fixtures";

const BASE: ExpandContext = { name: "sssd", image: SSSD_IMAGE, engine: "podman" };

interface Case {
    name: string;
    label: string;
    ctx?: Partial<ExpandContext>;
    argv: string[];
    unknown?: string[];
}

function check(c: Case): void {
    QUnit.test(c.name, assert => {
        const result = expandLabel(c.label, { ...BASE, ...c.ctx });
        assert.deepEqual(result.argv, c.argv, "argv");
        assert.deepEqual(result.unknownVariables, c.unknown ?? [], "unknown variables");
    });
}

function rejects(name: string, label: string, message: RegExp, ctx: Partial<ExpandContext> = {}): void {
    QUnit.test(name, assert => {
        assert.throws(() => expandLabel(label, { ...BASE, ...ctx }), (e: unknown) => e instanceof LabelSyntaxError && message.test(e.message));
    });
}

QUnit.module("labels: expandLabel, NAME and IMAGE words (rule 2a)", () => {
    check({ name: "the word NAME becomes the name", label: "podman run --name NAME IMAGE", argv: ["podman", "run", "--name", "sssd", SSSD_IMAGE] });
    check({ name: "NAME=NAME and IMAGE=IMAGE become assignments", label: "docker run -e NAME=NAME -e IMAGE=IMAGE IMAGE", argv: ["podman", "run", "-e", "NAME=sssd", "-e", "IMAGE=" + SSSD_IMAGE, SSSD_IMAGE] });
    check({ name: "a word that only contains NAME stays", label: "podman run -e NAMES=x -e HOSTNAME=NAME NAME_x IMAGEs", argv: ["podman", "run", "-e", "NAMES=x", "-e", "HOSTNAME=NAME", "NAME_x", "IMAGEs"] });
    check({ name: "lower-case name and image stay", label: "podman run name image", argv: ["podman", "run", "name", "image"] });
    check({ name: "a quoted NAME is the word NAME too", label: "podman run 'NAME' \"IMAGE\"", argv: ["podman", "run", "sssd", SSSD_IMAGE] });
});

QUnit.module("labels: expandLabel, whole-word references (rule 2b)", () => {
    check({ name: "${OPT1} splits into words", label: "podman run ${OPT1} IMAGE", ctx: { opts: { OPT1: "-e A=1 --net=host" } }, argv: ["podman", "run", "-e", "A=1", "--net=host", SSSD_IMAGE] });
    check({ name: "an unset OPT1 gives no word and is not unknown", label: "podman run $OPT1 IMAGE", argv: ["podman", "run", SSSD_IMAGE] });
    check({ name: "an empty OPT2 gives no word", label: "podman run ${OPT2} IMAGE", ctx: { opts: { OPT2: "" } }, argv: ["podman", "run", SSSD_IMAGE] });
    check({ name: "a quoted \"${OPT1}\" still splits", label: "podman run \"${OPT1}\" IMAGE", ctx: { opts: { OPT1: "--rm -d" } }, argv: ["podman", "run", "--rm", "-d", SSSD_IMAGE] });
    check({ name: "quotes inside a value group words", label: "podman run ${OPT3} IMAGE", ctx: { opts: { OPT3: "--label 'description=a b' -e \"X=1 2\"" } }, argv: ["podman", "run", "--label", "description=a b", "-e", "X=1 2", SSSD_IMAGE] });
    check({ name: "RUN_OPTS from freeipa's options file gives one word a line", label: "docker run ${RUN_OPTS} --name ${NAME} ${IMAGE}", ctx: { name: "ipa", env: { RUN_OPTS: FREEIPA_RUN_OPTS } }, argv: ["podman", "run", "--rm", "--hostname=ipa.example.test", "--name", "ipa", SSSD_IMAGE] });
    check({ name: "an unset RUN_OPTS gives no word and is reported", label: "docker run ${RUN_OPTS} ${IMAGE}", argv: ["podman", "run", SSSD_IMAGE], unknown: ["RUN_OPTS"] });
    check({ name: "${VAR:-} with an empty default gives no word", label: "podman run ${EXTRA:-} IMAGE", argv: ["podman", "run", SSSD_IMAGE] });
    check({ name: "a quoted default with spaces splits into words", label: "podman run \"${EXTRA:-a b}\" IMAGE", argv: ["podman", "run", "a", "b", SSSD_IMAGE] });
    check({ name: "the default applies when OPT1 is empty", label: "podman run ${OPT1:--d} IMAGE", ctx: { opts: { OPT1: "" } }, argv: ["podman", "run", "-d", SSSD_IMAGE] });
    check({ name: "a set variable wins over the default", label: "podman run ${MODE:--d} IMAGE", ctx: { env: { MODE: "-it" } }, argv: ["podman", "run", "-it", SSSD_IMAGE] });
    check({ name: "a variable set to empty takes the default", label: "podman run ${MODE:--d} IMAGE", ctx: { env: { MODE: "" } }, argv: ["podman", "run", "-d", SSSD_IMAGE] });
    check({ name: "a variable set to empty is not unknown", label: "podman run $MODE IMAGE", ctx: { env: { MODE: "" } }, argv: ["podman", "run", SSSD_IMAGE] });
    check({ name: "a substituted value is not expanded again", label: "podman run $OPT1 IMAGE", ctx: { opts: { OPT1: "-e X=$NAME -e Y=${IMAGE}" } }, argv: ["podman", "run", "-e", "X=$NAME", "-e", "Y=${IMAGE}", SSSD_IMAGE] });
    check({ name: "$NAME alone is one word even as a reference", label: "podman stop $NAME", argv: ["podman", "stop", "sssd"] });
    check({ name: "${IMAGE} alone is one word even as a reference", label: "podman pull ${IMAGE}", argv: ["podman", "pull", SSSD_IMAGE] });
    rejects("a value that cannot be split throws, naming the variable", "podman run $OPT1 IMAGE", /\$OPT1/, { opts: { OPT1: "-e X='a" } });
});

QUnit.module("labels: expandLabel, references inside words (rule 2c)", () => {
    check({ name: "a reference inside a path is replaced as text", label: "docker run -v /var/lib/${NAME}:/data:Z IMAGE", argv: ["podman", "run", "-v", "/var/lib/sssd:/data:Z", SSSD_IMAGE] });
    check({ name: "a value with spaces inside a word stays one word", label: "podman run --hostname=$OPT1 IMAGE", ctx: { opts: { OPT1: "a b" } }, argv: ["podman", "run", "--hostname=a b", SSSD_IMAGE] });
    check({ name: "adjacent references are both replaced", label: "echo $NAME-$IMAGE ${NAME}${NAME}", argv: ["echo", "sssd-" + SSSD_IMAGE, "sssdsssd"] });
    check({ name: "$NAMESPACE is another variable, not NAME", label: "echo x$NAMESPACE", argv: ["echo", "x"], unknown: ["NAMESPACE"] });
    check({ name: "an unknown whole word vanishes and is reported", label: "echo $NAMESPACE y", argv: ["echo", "y"], unknown: ["NAMESPACE"] });
    check({ name: "braces end the name: ${NAME}SPACE", label: "echo ${NAME}SPACE", argv: ["echo", "sssdSPACE"] });
    check({ name: "a dollar at the end of a word stays", label: "echo price$ $", argv: ["echo", "price$", "$"] });
    check({ name: "a dollar before a digit or sign stays", label: "echo $1 $$ $-x a$/b", argv: ["echo", "$1", "$$", "$-x", "a$/b"] });
    check({ name: "$$NAME keeps the first dollar and expands the second", label: "echo $$NAME", argv: ["echo", "$sssd"] });
    check({ name: "single quotes do not protect a reference", label: "echo '$NAME' '-e X=${IMAGE}'", argv: ["echo", "sssd", "-e X=" + SSSD_IMAGE] });
    check({ name: "a backslash does not protect a reference", label: "echo \\$NAME \"\\${NAME}\"", argv: ["echo", "sssd", "sssd"] });
    check({ name: "an unknown reference inside a word becomes empty, nothing more", label: "echo -e=X${UNSET}Y/rest", argv: ["echo", "-e=XY/rest"], unknown: ["UNSET"] });
    check({ name: "unknown variables are listed once in order of appearance", label: "echo $B $A x${B}y $A ${C:-c}", argv: ["echo", "xy", "c"], unknown: ["B", "A"] });
    check({ name: "a default inside a word applies", label: "echo --log=${LOGFILE:-/var/log/x.log}", argv: ["echo", "--log=/var/log/x.log"] });
    check({ name: "a default may contain colons", label: "echo ${ADDR:-127.0.0.1:8088}", argv: ["echo", "127.0.0.1:8088"] });
    check({ name: "CONFDIR, LOGDIR and DATADIR default to the name's directories", label: "echo $CONFDIR $LOGDIR ${DATADIR}/db", argv: ["echo", "/etc/sssd", "/var/log/sssd", "/var/lib/sssd/db"] });
    check({ name: "env overrides DATADIR", label: "echo ${DATADIR}", ctx: { env: { DATADIR: "/srv/sssd" } }, argv: ["echo", "/srv/sssd"] });
    check({ name: "env cannot override NAME, IMAGE or OPT1", label: "echo $NAME $IMAGE x$OPT1", ctx: { env: { NAME: "evil", IMAGE: "evil", OPT1: "evil" }, opts: { OPT1: "1" } }, argv: ["echo", "sssd", SSSD_IMAGE, "x1"] });
    check({ name: "HOME and PWD are unknown unless env sets them", label: "echo $HOME $PWD", argv: ["echo"], unknown: ["HOME", "PWD"] });
    check({ name: "HOME, PWD and SUDO_UID come from env", label: "podman run -u ${SUDO_UID} -v $HOME:/home -w $PWD IMAGE", ctx: { env: { HOME: "/root", PWD: "/", SUDO_UID: "1000" } }, argv: ["podman", "run", "-u", "1000", "-v", "/root:/home", "-w", "/", SSSD_IMAGE] });
    check({ name: "names of Object's prototype are not variables", label: "echo x$toString x$constructor", argv: ["echo", "x", "x"], unknown: ["toString", "constructor"] });
    rejects("an unclosed ${ throws", "echo ${NAME", /Unclosed/);
    rejects("${1} throws", "echo ${1}", /Malformed/);
    rejects("${} throws", "echo ${}", /Malformed/);
    rejects("${VAR-default} without a colon throws", "echo ${X-y}", /Unsupported/);
    rejects("${VAR:=default} throws", "echo ${X:=y}", /Unsupported/);
    rejects("a nested ${A:-${B}} throws", "echo ${A:-${B}}", /another reference/);
    rejects("an unquoted default with a space throws, split first", "echo ${X:-a b}", /Unclosed/);
});

QUnit.module("labels: expandLabel, command word and extra arguments (rules 2d, 2e)", () => {
    check({ name: "docker becomes the chosen engine", label: "docker stop NAME", argv: ["podman", "stop", "sssd"] });
    check({ name: "podman becomes docker when docker is chosen", label: "podman stop NAME", ctx: { engine: "docker" }, argv: ["docker", "stop", "sssd"] });
    check({ name: "/usr/bin/docker becomes the engine", label: "/usr/bin/docker stop NAME", argv: ["podman", "stop", "sssd"] });
    check({ name: "/usr/local/bin/podman becomes the engine", label: "/usr/local/bin/podman stop NAME", ctx: { engine: "docker" }, argv: ["docker", "stop", "sssd"] });
    check({ name: "/usr/bin/atomic stays", label: "/usr/bin/atomic install --system IMAGE", argv: ["/usr/bin/atomic", "install", "--system", SSSD_IMAGE] });
    check({ name: "a word only starting with docker stays", label: "docker-compose up", argv: ["docker-compose", "up"] });
    check({ name: "dockerd stays", label: "/usr/bin/dockerd", argv: ["/usr/bin/dockerd"] });
    check({ name: "docker later in the command stays", label: "sh -c docker", argv: ["sh", "-c", "docker"] });
    check({ name: "a first word that comes from OPT1 is replaced too", label: "$OPT1 stop NAME", ctx: { opts: { OPT1: "docker" } }, argv: ["podman", "stop", "sssd"] });
    check({ name: "extra arguments are appended one element each, unexpanded", label: "docker run IMAGE /bin/install.sh", ctx: { extraArgs: ["--hostname", "a b", "$NAME", "'x'", ""] }, argv: ["podman", "run", SSSD_IMAGE, "/bin/install.sh", "--hostname", "a b", "$NAME", "'x'", ""] });
    check({ name: "an empty quoted word stays an empty argument", label: "podman run --env-file '' IMAGE", argv: ["podman", "run", "--env-file", "", SSSD_IMAGE] });
    rejects("a blank label throws", "", /blank/);
    rejects("a label of separators throws", " \n\t ", /blank/);
    rejects("a label that expands to nothing throws", "${OPT1} $UNSET", /no command/);
    rejects("a label with an unclosed quote throws", "docker run 'IMAGE", /Unclosed single quote/);
});
