// What app/ may ask of the managed host, as types only: app/ is written against these, the
// page gets the real adapters (host/index.ts), and the unit tests a fake host.
import type * as backups from "./backups";
import type * as engine from "./engine";
import type * as enroll from "./enroll";
import type * as hostDataList from "./hostDataList";
import type * as hostFiles from "./hostFiles";
import type * as hostName from "./hostName";
import type * as files from "./files";
import type * as images from "./images";
import type * as inventory from "./inventory";
import type * as journal from "./journal";
import type * as operations from "./operations";
import type * as records from "./records";
import type * as steps from "./steps";
import type * as storage from "./storage";
import type * as superuser from "./superuser";
import type * as systemd from "./systemd";
import type * as unitFiles from "./unitFiles";
import type * as units from "./units";

export type { Access } from "./superuser";
export type { EngineStatus } from "./engine";
export type { SystemdStatus } from "./systemd";
export type { HostIdentity } from "./hostName";
export type { UnitState } from "./units";
export type { BackupInfo, RestorePreview } from "./backups";
export type { RecordsListing } from "./records";
export type { ImageListing } from "./inventory";
export type { ImageSwitch } from "./update";
export type { CommandOutput } from "./enroll";
export type { BrokenOperation, FoundOperation, OperationsListing } from "./operations";

/** What the one runner needs: op files and their lock, transient units, and the steps themselves. */
export type RunnerHost =
    Pick<typeof operations, "createOperation" | "readOperation" | "readOperationState" | "writeOperationState" | "listOperations" |
        "lockOperation" | "removeOperation" | "releaseService" | "logOperation" | "startTransientUnit" | "followUnitOutput" | "spawnCommand"> &
    Pick<typeof steps, "executeStep"> &
    Pick<typeof units, "unitState" | "watchUnit" | "resetUnit" | "watchNewUnits">;

/** Everything else the page reads, and the changes that are not plans (unit jobs, pulls). */
export type ReadHost =
    Pick<typeof engine, "detectEngine"> &
    Pick<typeof systemd, "systemdStatus"> &
    Pick<typeof hostName, "hostIdentity"> &
    Pick<typeof superuser, "watchSuperuser"> &
    Pick<typeof inventory, "listImages" | "listImagesWithEngine" | "listContainers" | "watchEngineEvents"> &
    Pick<typeof images, "pullImage" | "findImage"> &
    Pick<typeof records, "listRecords" | "onRecordsChanged"> &
    Pick<typeof hostDataList, "readImageList" | "readOverride"> &
    Pick<typeof hostFiles, "statPaths"> &
    Pick<typeof files, "readFile"> &
    Pick<typeof backups, "listBackups" | "listBackedUpServices" | "previewRestore"> &
    Pick<typeof unitFiles, "unitFlavor" | "verifyUnitFile" | "hostHasExecutable" | "listContainerUnits"> &
    Pick<typeof units, "runUnitJob" | "setUnitEnabled" | "watchUnit" | "unitState"> &
    Pick<typeof journal, "followJournal"> &
    Pick<typeof enroll, "runQuery" | "readDomainFiles" | "lookUpUser"> &
    Pick<typeof storage, "prepareStoreLayout">;

export type Host = RunnerHost & ReadHost;
