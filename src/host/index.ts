// The real host: every adapter, bound to this page's Cockpit session. Only src/index.tsx uses it.
import type { Host } from "./api";
import * as backups from "./backups";
import * as engine from "./engine";
import * as enroll from "./enroll";
import * as files from "./files";
import * as hostDataList from "./hostDataList";
import * as hostFiles from "./hostFiles";
import * as hostName from "./hostName";
import * as images from "./images";
import * as inventory from "./inventory";
import * as journal from "./journal";
import * as operations from "./operations";
import * as records from "./records";
import * as steps from "./steps";
import { prepareStoreLayout } from "./storage";
import * as superuser from "./superuser";
import * as systemd from "./systemd";
import * as unitFiles from "./unitFiles";
import * as units from "./units";

export function realHost(): Host {
    return {
        ...backups, ...engine, ...enroll, ...files, ...hostDataList, ...hostFiles, ...hostName, ...images, ...inventory, ...journal,
        ...operations, ...records, ...steps, ...superuser, ...systemd, ...unitFiles, ...units,
        prepareStoreLayout,
    };
}
