// The domain a service's INSTALL joined: what /etc/sssd/sssd.conf serves, the keytab, the
// service's unit, a user looked up as a login would (NSS, through SSSD), and Leave.
import { useState } from "preact/hooks";
import { Button } from "@patternfly/react-core/dist/esm/components/Button/index.js";
import { Card, CardBody, CardTitle } from "@patternfly/react-core/dist/esm/components/Card/index.js";
import {
    DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm,
} from "@patternfly/react-core/dist/esm/components/DescriptionList/index.js";
import { Form, FormGroup } from "@patternfly/react-core/dist/esm/components/Form/index.js";
import { TextInput } from "@patternfly/react-core/dist/esm/components/TextInput/index.js";
import { _ } from "../cockpit";
import { readDomainFacts } from "../app/enroll";
import type { CommandOutput } from "../app/context";
import type { ServiceFacts } from "../app/service";
import { useApp } from "./appContext";
import { useDialogs } from "./dialogs";
import { ErrorAlert } from "./ErrorAlert";
import { usePromise } from "./hooks";
import { MutatingButton } from "./MutatingButton";
import { UninstallDialog } from "./ServiceActions";

export function DomainCard(props: ServiceFacts & { mode: string }) {
    const { host } = useApp();
    const dialogs = useDialogs();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `installedAt` is not read: the facts are read again after a new install
    const facts = usePromise(() => readDomainFacts(host), [props.record.installedAt, host]);
    const [user, setUser] = useState("");
    const [found, setFound] = useState<{ user: string; passwd: CommandOutput; id: CommandOutput } | null>(null);
    const [looking, setLooking] = useState(false);
    const lookUp = () => {
        const name = user.trim();
        if (name === "")
            return;
        setLooking(true);
        host.lookUpUser(name).then(r => setFound({ user: name, ...r }), () => setFound(null)).finally(() => setLooking(false));
    };
    const domain = facts.value?.domains[0] ?? null;
    return (
        <Card isCompact id="domain-card" data-mode={props.mode}>
            <CardTitle>{_("Domain")}</CardTitle>
            <CardBody>
                {facts.error && <ErrorAlert title={_("The host's SSSD configuration could not be read")} error={facts.error} />}
                {facts.value && <DescriptionList isHorizontal isCompact>
                    <DescriptionListGroup>
                        <DescriptionListTerm>{_("Domain")}</DescriptionListTerm>
                        <DescriptionListDescription id="domain-name">{domain?.name ?? _("none in /etc/sssd/sssd.conf")}</DescriptionListDescription>
                    </DescriptionListGroup>
                    {domain?.realm && <DescriptionListGroup>
                        <DescriptionListTerm>{_("Realm")}</DescriptionListTerm>
                        <DescriptionListDescription id="domain-realm">{domain.realm}</DescriptionListDescription>
                    </DescriptionListGroup>}
                    {domain && <DescriptionListGroup>
                        <DescriptionListTerm>{_("Provider")}</DescriptionListTerm>
                        <DescriptionListDescription id="domain-provider">{domain.idProvider ?? "—"}{domain.server ? ` (${domain.server})` : ""}</DescriptionListDescription>
                    </DescriptionListGroup>}
                    <DescriptionListGroup>
                        <DescriptionListTerm>{_("Keytab")}</DescriptionListTerm>
                        <DescriptionListDescription id="domain-keytab">
                            {facts.value.keytab ? _("/etc/krb5.keytab is present") : _("no /etc/krb5.keytab")}
                        </DescriptionListDescription>
                    </DescriptionListGroup>
                </DescriptionList>}
                <Form isHorizontal onSubmit={e => { e.preventDefault(); lookUp(); }}>
                    <FormGroup label={_("Look up a user")} fieldId="domain-lookup">
                        <TextInput id="domain-lookup" value={user} onChange={(_e, v) => setUser(v)} placeholder="user@domain" />
                    </FormGroup>
                    <div>
                        <Button id="domain-lookup-submit" variant="secondary" isDisabled={looking || user.trim() === ""} onClick={lookUp}>{_("Look up")}</Button>
                    </div>
                </Form>
                {found && <div id="domain-lookup-result" data-found={String(found.passwd.exitCode === 0)}>
                    {found.passwd.exitCode === 0
                        ? <><pre>{found.passwd.output}</pre><pre>{found.id.output}</pre></>
                        : <p>{_("No such user: the host's name service (through SSSD) does not know it.")}</p>}
                </div>}
                <MutatingButton id="domain-leave" variant="danger" onClick={() => dialogs.show(<UninstallDialog {...props} leave />)}>
                    {_("Leave the domain…")}
                </MutatingButton>
            </CardBody>
        </Card>
    );
}
