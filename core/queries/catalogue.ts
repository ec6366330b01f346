// The query catalogue: the questions responders ask of CloudTrail, as data. `trailguard query` runs
// them on DuckDB, the baseline publishes them as Athena named queries, docs/query.md lists them.
// One query per file in catalogue/; the order here is the order of --list and the docs.
import type { CatalogueQuery } from "./catalogueQuery";
import { accessDenied } from "./catalogue/accessDenied";
import { auditTrailTampering } from "./catalogue/auditTrailTampering";
import { callVolumeByHour } from "./catalogue/callVolumeByHour";
import { consoleSignIns } from "./catalogue/consoleSignIns";
import { firstSeenCombinations } from "./catalogue/firstSeenCombinations";
import { iamPersistence } from "./catalogue/iamPersistence";
import { principalActivity } from "./catalogue/principalActivity";
import { rootActivity } from "./catalogue/rootActivity";
import { sourceIpActivity } from "./catalogue/sourceIpActivity";
import { unusualRegions } from "./catalogue/unusualRegions";

export type { CatalogueQuery, QueryParameter, QueryParameterType, QueryReference } from "./catalogueQuery";

export const QUERY_CATALOGUE: readonly CatalogueQuery[] = [
    principalActivity,
    sourceIpActivity,
    rootActivity,
    consoleSignIns,
    accessDenied,
    auditTrailTampering,
    iamPersistence,
    unusualRegions,
    firstSeenCombinations,
    callVolumeByHour,
];

/** The catalogue entry with this id, or undefined. */
export function findCatalogueQuery(id: string): CatalogueQuery | undefined {
    return QUERY_CATALOGUE.find((q) => q.id === id);
}
