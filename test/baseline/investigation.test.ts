// The Athena investigation resources (components/investigation.ts) for every stack in stacks/, in
// preview and as deployed, and for prod as an organization trail. Expectations come from AWS's
// Athena guide for CloudTrail tables ("Create the table for CloudTrail logs in Athena using
// partition projection", whose table text is quoted below) and from the shared schema and query
// catalogue of core/queries, which the DuckDB side of `trailguard query` reads too.
import { beforeAll, describe, expect, it } from "vitest";
import { athenaTypeText, CLOUDTRAIL_COLUMNS, CLOUDTRAIL_PARTITION_COLUMNS } from "../../core/queries/athenaSchema";
import { QUERY_CATALOGUE } from "../../core/queries/catalogue";
import { TIME_WINDOW_SQL } from "../../core/queries/queryParts";
import {
    ACCOUNT_ID,
    BaselineView,
    expectReference,
    MODES,
    ORGANIZATION_ID,
    organizationTrailOverrides,
    policyOf,
    renderBaseline,
    RenderedBaseline,
    renderDeployed,
    stackNames,
    statement,
    TYPES,
} from "./support/renderedBaseline";
import { isUnknown } from "../../cli/mockEngine/renderedStackFormat";

/** The member account the mock organization lists besides the management account (cli/mockEngine/mockCloud.ts). */
const MEMBER_ACCOUNT_ID = "210987654321";

/** From AWS's CREATE TABLE text for CloudTrail: the SerDe, input and output formats, and the day format of the key. */
const AWS_TABLE_FORMAT = {
    serde: "org.apache.hive.hcatalog.data.JsonSerDe",
    inputFormat: "com.amazon.emr.cloudtrail.CloudTrailInputFormat",
    outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
    dayFormat: "yyyy/MM/dd",
};

/** Columns as AWS's table text types them (lower-cased, no spaces), a sample the schema must agree with. */
const AWS_DOCUMENTED_COLUMNS: Record<string, string> = {
    eventtime: "string",
    eventsource: "string",
    eventname: "string",
    awsregion: "string",
    sourceipaddress: "string",
    useragent: "string",
    errorcode: "string",
    errormessage: "string",
    requestparameters: "string",
    responseelements: "string",
    additionaleventdata: "string",
    recipientaccountid: "string",
    resources: "array<struct<arn:string,accountid:string,type:string>>",
};

type Columns = { name: string; type: string }[];

describe.each(stackNames())("stack %s: investigation", (stack) => {
    let rendered: RenderedBaseline;
    beforeAll(async () => {
        rendered = await renderBaseline(stack);
    });

    it("exists exactly when investigation.enabled", () => {
        for (const mode of MODES) {
            const view = rendered.byMode[mode];
            expect(view.ofType(TYPES.investigation).length, mode).toBe(rendered.settings.investigation.enabled ? 1 : 0);
            if (!rendered.settings.investigation.enabled) {
                for (const type of [TYPES.glueTable, TYPES.workgroup, TYPES.namedQuery]) expect(view.ofType(type), `${mode} ${type}`).toEqual([]);
            }
        }
    });

    describe.each(MODES)("%s", (mode) => {
        const view = (): BaselineView => rendered.byMode[mode];
        const enabled = () => rendered.settings.investigation.enabled;
        const component = () => view().component(TYPES.investigation);
        const archiveBucket = () => `${rendered.settings.namePrefix}-cloudtrail-${ACCOUNT_ID}`;
        const resultsBucketName = () => `${rendered.settings.namePrefix}-athena-results-${ACCOUNT_ID}`;

        it("is a child of the baseline, with every resource parented to it", () => {
            if (!enabled()) return;
            expect(component().parent).toBe(view().component(TYPES.baseline).urn);
            const children = view().childrenOf(component());
            // Database, table, results bucket and its five settings resources, workgroup, one named query per catalogue entry.
            expect(children).toHaveLength(3 + 6 + 1 + QUERY_CATALOGUE.length);
        });

        it("has a Glue table whose columns are the shared Athena schema and whose storage is AWS's CloudTrail format", () => {
            if (!enabled()) return;
            const database = view().childOf(component(), TYPES.glueDatabase);
            const table = view().childOf(component(), TYPES.glueTable);
            expect(database.inputs.name).toBe(`${rendered.settings.namePrefix.replace(/-/g, "_")}_cloudtrail`);
            expect(table.inputs.name).toBe("cloudtrail");
            expectReference(table, "databaseName", database, "name");
            expect(table.inputs.tableType).toBe("EXTERNAL_TABLE");
            const storage = table.inputs.storageDescriptor as Record<string, any>;
            const columns = storage.columns as Columns;
            expect(columns).toEqual(CLOUDTRAIL_COLUMNS.map((c) => ({ name: c.name, type: athenaTypeText(c.type) })));
            const byName = new Map(columns.map((c) => [c.name, c.type]));
            for (const [name, type] of Object.entries(AWS_DOCUMENTED_COLUMNS)) expect(byName.get(name), name).toBe(type);
            expect(byName.get("useridentity")).toMatch(/^struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string,/);
            expect(table.inputs.partitionKeys).toEqual(CLOUDTRAIL_PARTITION_COLUMNS.map((p) => ({ name: p.name, type: "string" })));
            expect(storage.serDeInfo.serializationLibrary).toBe(AWS_TABLE_FORMAT.serde);
            expect(storage.inputFormat).toBe(AWS_TABLE_FORMAT.inputFormat);
            expect(storage.outputFormat).toBe(AWS_TABLE_FORMAT.outputFormat);
        });

        it("projects account, Region and day over the archive's single-account layout, with no crawler", () => {
            if (!enabled()) return;
            const table = view().childOf(component(), TYPES.glueTable);
            const storage = table.inputs.storageDescriptor as Record<string, any>;
            const parameters = table.inputs.parameters as Record<string, string>;
            // Built from configured names and invokes, so known in preview as well.
            expect(isUnknown(parameters), "parameters known").toBe(false);
            expect(storage.location).toBe(`s3://${archiveBucket()}/AWSLogs/`);
            expect(parameters).toMatchObject({
                EXTERNAL: "TRUE",
                "projection.enabled": "true",
                "projection.account.type": "enum",
                "projection.account.values": ACCOUNT_ID,
                "projection.region.type": "enum",
                "projection.timestamp.type": "date",
                "projection.timestamp.format": AWS_TABLE_FORMAT.dayFormat,
                "projection.timestamp.interval": "1",
                "projection.timestamp.interval.unit": "DAYS",
                // Back as far as the archive keeps logs.
                "projection.timestamp.range": `NOW-${rendered.settings.retention.archive.expirationDays}DAYS,NOW`,
                "storage.location.template": `s3://${archiveBucket()}/AWSLogs/\${account}/CloudTrail/\${region}/\${timestamp}`,
            });
            const regions = parameters["projection.region.values"]!.split(",");
            for (const region of [rendered.region, "us-east-1", "eu-central-1", "ap-southeast-2", "sa-east-1"]) expect(regions, region).toContain(region);
            expect(new Set(regions).size).toBe(regions.length);
            expect(view().ofType("aws:glue/crawler:Crawler")).toEqual([]);
            // The catalogue prunes days by comparing "timestamp" with date_format(…, '%Y/%m/%d'):
            // Trino's spelling of the projection's yyyy/MM/dd, so the comparison is between equal forms.
            expect(TIME_WINDOW_SQL).toContain(`"timestamp" >= date_format(`);
            expect(TIME_WINDOW_SQL).toContain(`'%Y/%m/%d'`);
        });

        it("has a workgroup that enforces its settings, publishes metrics, encrypts results with the audit key and caps bytes scanned", () => {
            if (!enabled()) return;
            const workgroup = view().childOf(component(), TYPES.workgroup);
            const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
            const configuration = workgroup.inputs.configuration as Record<string, any>;
            expect(workgroup.inputs.name).toBe(`${rendered.settings.namePrefix}-investigation`);
            expect(configuration.enforceWorkgroupConfiguration).toBe(true);
            expect(configuration.publishCloudwatchMetricsEnabled).toBe(true);
            expect(configuration.bytesScannedCutoffPerQuery).toBe(rendered.settings.investigation.bytesScannedCutoffPerQuery);
            const results = configuration.resultConfiguration;
            expect(results.encryptionConfiguration.encryptionOption).toBe("SSE_KMS");
            expect(workgroup.propertyDependencies.configuration).toContain(key.urn);
            if (mode === "deployed") {
                expect(results.encryptionConfiguration.kmsKeyArn).toBe(key.outputs.arn);
                expect(results.outputLocation).toBe(`s3://${resultsBucketName()}/results/`);
                expect(results.expectedBucketOwner).toBe(ACCOUNT_ID);
            }
        });

        it("writes results to a hardened, TLS-only, KMS-encrypted bucket where they expire", () => {
            if (!enabled()) return;
            const bucket = view().childOf(component(), TYPES.bucket);
            expect(bucket.inputs.bucket).toBe(resultsBucketName());
            const key = view().childOf(view().component(TYPES.auditKey), TYPES.key);
            const encryption = view().configuring(bucket, TYPES.encryption);
            const rule = (encryption.inputs.rules as any[])[0];
            expect(rule.applyServerSideEncryptionByDefault.sseAlgorithm).toBe("aws:kms");
            expect(encryption.propertyDependencies.rules).toContain(key.urn);
            expect(view().configuring(bucket, TYPES.publicAccessBlock).inputs).toMatchObject({
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            expect((view().configuring(bucket, TYPES.ownership).inputs.rule as any).objectOwnership).toBe("BucketOwnerEnforced");
            expect((view().configuring(bucket, TYPES.versioning).inputs.versioningConfiguration as any).status).toBe("Enabled");
            const policy = view().configuring(bucket, TYPES.bucketPolicy);
            const deny = statement(policyOf(policy), "DenyInsecureTransport");
            expect(deny.Effect).toBe("Deny");
            expect(deny.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
            const lifecycle = view().configuring(bucket, TYPES.lifecycle);
            const rules = lifecycle.inputs.rules as any[];
            expect(rules).toHaveLength(1);
            expect(rules[0].status).toBe("Enabled");
            expect(rules[0].filter).toEqual({ prefix: "" });
            expect(rules[0].expiration.days).toBe(rendered.settings.investigation.resultExpirationDays);
        });

        it("stores the query catalogue as named queries of the workgroup, on the CloudTrail database", () => {
            if (!enabled()) return;
            const queries = view().ofType(TYPES.namedQuery).filter((q) => q.parent === component().urn);
            const database = view().childOf(component(), TYPES.glueDatabase);
            const workgroup = view().childOf(component(), TYPES.workgroup);
            expect(queries.map((q) => ({ name: q.inputs.name, query: q.inputs.query }))).toEqual(QUERY_CATALOGUE.map((q) => ({ name: q.id, query: q.sql })));
            for (const query of queries) {
                expectReference(query, "database", database, "name");
                expectReference(query, "workgroup", workgroup, "name");
                const description = String(query.inputs.description);
                const entry = QUERY_CATALOGUE.find((q) => q.id === query.inputs.name)!;
                expect(description.startsWith(`${entry.title}: `), entry.id).toBe(true);
                expect(description.length, entry.id).toBeLessThanOrEqual(1024);
            }
        });
    });
});

describe("prod as an organization trail: investigation", () => {
    it("reads AWSLogs/<organization id>/<account>/… and projects every account of the organization", async () => {
        const { stack, overrides } = organizationTrailOverrides();
        const deployed = await renderDeployed(stack, overrides);
        if (!deployed.settings.investigation.enabled) return;
        const table = deployed.view.one(TYPES.glueTable);
        const archive = `${deployed.settings.namePrefix}-cloudtrail-${ACCOUNT_ID}`;
        const parameters = table.inputs.parameters as Record<string, string>;
        expect((table.inputs.storageDescriptor as any).location).toBe(`s3://${archive}/AWSLogs/${ORGANIZATION_ID}/`);
        expect(parameters["storage.location.template"]).toBe(`s3://${archive}/AWSLogs/${ORGANIZATION_ID}/\${account}/CloudTrail/\${region}/\${timestamp}`);
        expect(parameters["projection.account.values"]!.split(",").sort()).toEqual([ACCOUNT_ID, MEMBER_ACCOUNT_ID].sort());
    });
});

describe("investigation overrides", () => {
    it("follows bytesScannedCutoffPerQuery and resultExpirationDays, and disappears when disabled", async () => {
        const stack = stackNames().includes("prod") ? "prod" : stackNames()[0]!;
        const tuned = await renderDeployed(stack, {
            "trailguard:investigation": JSON.stringify({ enabled: true, bytesScannedCutoffPerQuery: 25_000_000, resultExpirationDays: 3 }),
        });
        const workgroup = tuned.view.one(TYPES.workgroup);
        expect((workgroup.inputs.configuration as any).bytesScannedCutoffPerQuery).toBe(25_000_000);
        const results = tuned.view.childOf(tuned.view.component(TYPES.investigation), TYPES.bucket);
        expect((tuned.view.configuring(results, TYPES.lifecycle).inputs.rules as any[])[0].expiration.days).toBe(3);

        const off = await renderDeployed(stack, { "trailguard:investigation": JSON.stringify({ enabled: false }) });
        expect(off.view.ofType(TYPES.investigation)).toEqual([]);
        expect(off.view.ofType(TYPES.workgroup)).toEqual([]);
    });
});
