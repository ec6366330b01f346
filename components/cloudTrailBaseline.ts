// The whole audit baseline for one account and region, composed from validated Settings: the audit
// key, the log archive and its access-log bucket, the trail with CloudWatch Logs delivery, the alert
// topic and the CIS security alarms.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkBaselineArgs, type BaselineArgs } from "../config/baselineArgs";
import { reportedToPulumi } from "../config/loadSettings";
import type { Settings } from "../config/settings";
import { AccessLogBucket } from "./accessLogBucket";
import { AlertTopic } from "./alertTopic";
import { AuditKey } from "./auditKey";
import { auditNames, AuditNames } from "./auditNames";
import { AuditScope, lookupAuditScope } from "./auditScope";
import { AuditTrail } from "./auditTrail";
import { Investigation } from "./investigation";
import { investigationTableSchema } from "./investigationTableSchema";
import { LogArchiveBucket } from "./logArchiveBucket";
import type { EvidenceProtection } from "./protection";
import { SecurityAlarms } from "./securityAlarms";

/**
 * Either `settings`, validated from stack config (config/loadSettings.ts), or the stack-config keys
 * themselves as plain arguments (config/baselineArgs.ts), validated here by the same validator.
 */
export interface CloudTrailBaselineArgs extends BaselineArgs {
    settings?: Settings;
}

/** Key prefix of the archive bucket's server access logs in the access-log bucket. */
const ARCHIVE_ACCESS_LOG_PREFIX = "cloudtrail-archive/";

export class CloudTrailBaseline extends pulumi.ComponentResource {
    readonly names: AuditNames;
    readonly auditKey: AuditKey;
    readonly accessLogBucket: AccessLogBucket;
    readonly logArchiveBucket: LogArchiveBucket;
    readonly auditTrail: AuditTrail;
    readonly alertTopic: AlertTopic;
    readonly securityAlarms: SecurityAlarms;
    /** Present when `investigation.enabled`. */
    readonly investigation?: Investigation;

    readonly trailArn: pulumi.Output<string>;
    readonly logArchiveBucketName: pulumi.Output<string>;
    readonly accessLogBucketName: pulumi.Output<string>;
    readonly auditKeyArn: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly alertTopicArn: pulumi.Output<string>;
    readonly alarmNames: pulumi.Output<string[]>;
    readonly deliveryTopicArn?: pulumi.Output<string>;
    readonly athenaWorkgroupName?: pulumi.Output<string>;
    readonly athenaDatabaseName?: pulumi.Output<string>;
    /** The outputs above that this stack has, by name: what trailguard's program exports. */
    readonly stackOutputs: Readonly<Record<string, pulumi.Output<unknown>>>;

    constructor(name: string, args: CloudTrailBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("trailguard:baseline:CloudTrailBaseline", name, {}, opts);
        const settings = baselineSettings(name, args);
        const names = auditNames(settings);
        this.names = names;
        const scope: pulumi.Output<AuditScope> = lookupAuditScope({ parent: this });
        const protection: EvidenceProtection = settings.protection;
        const tags = { ...settings.tags, "trailguard:environment": settings.environment };
        const organization = settings.trail.organizationTrail ? aws.organizations.getOrganizationOutput({}, { parent: this }) : undefined;
        const organizationId = organization?.id;

        this.auditKey = new AuditKey(
            `${name}-key`,
            {
                scope,
                trailName: names.trail,
                logGroupName: names.logGroup,
                alarmNamePrefix: names.alarmPrefix,
                alertTopicName: names.alertTopic,
                aliasName: names.keyAlias,
                deliveryTopicName: settings.trail.deliveryNotifications ? names.deliveryTopic : undefined,
                protection,
                tags,
            },
            { parent: this },
        );

        const archiveBucketName = scope.apply((s) => names.archiveBucket(s.accountId));
        this.accessLogBucket = new AccessLogBucket(
            `${name}-access-logs`,
            {
                scope,
                bucketName: scope.apply((s) => names.accessLogBucket(s.accountId)),
                sourceBucketName: archiveBucketName,
                logPrefix: ARCHIVE_ACCESS_LOG_PREFIX,
                expirationDays: settings.retention.accessLogExpirationDays,
                forceDestroy: settings.protection.forceDestroy,
                tags,
            },
            { parent: this },
        );

        this.logArchiveBucket = new LogArchiveBucket(
            `${name}-archive`,
            {
                scope,
                bucketName: archiveBucketName,
                kmsKeyArn: this.auditKey.keyArn,
                trailName: names.trail,
                organizationId,
                retention: settings.retention.archive,
                objectLock: settings.retention.objectLock,
                accessLogs: {
                    bucketName: this.accessLogBucket.bucket.id,
                    prefix: ARCHIVE_ACCESS_LOG_PREFIX,
                    dependsOn: [this.accessLogBucket.policy],
                },
                forceDestroy: settings.protection.forceDestroy,
                protection,
                tags,
            },
            { parent: this },
        );

        this.auditTrail = new AuditTrail(
            `${name}-trail`,
            {
                scope,
                trail: settings.trail,
                bucketName: this.logArchiveBucket.bucket.id,
                bucketPolicy: this.logArchiveBucket.policy,
                kmsKeyArn: this.auditKey.keyArn,
                logGroupName: names.logGroup,
                logGroupRetentionDays: settings.retention.logGroupDays,
                cloudWatchDeliveryRoleName: names.cloudWatchDeliveryRole,
                deliveryTopicName: names.deliveryTopic,
                protection,
                tags,
            },
            { parent: this },
        );

        this.alertTopic = new AlertTopic(
            `${name}-alerts`,
            {
                scope,
                topicName: names.alertTopic,
                kmsKeyArn: this.auditKey.keyArn,
                alarmNamePrefix: names.alarmPrefix,
                notifications: settings.notifications,
                tags,
            },
            { parent: this },
        );

        this.securityAlarms = new SecurityAlarms(
            `${name}-alarms`,
            {
                logGroupName: this.auditTrail.logGroupName,
                alarms: settings.alarms,
                namePrefix: names.alarmPrefix,
                alertTopicArn: this.alertTopic.topicArn,
                tags,
            },
            { parent: this },
        );

        if (settings.investigation.enabled) {
            const schema = investigationTableSchema();
            this.investigation = new Investigation(
                `${name}-investigation`,
                {
                    scope,
                    settings: settings.investigation,
                    // The configured name, known in preview: the table and its projection are then known too.
                    archiveBucketName,
                    organizationId,
                    // An organization trail delivers for every account of the organization, the
                    // management account included; the list is read again at every `pulumi up`.
                    accountIds: organization
                        ? pulumi.all([organization.accounts, scope]).apply(([accounts, s]) => [s.accountId, ...(accounts ?? []).map((a) => a.id)])
                        : scope.apply((s) => [s.accountId]),
                    archiveExpirationDays: settings.retention.archive.expirationDays,
                    kmsKeyArn: this.auditKey.keyArn,
                    databaseName: names.glueDatabase,
                    tableName: names.glueTable,
                    workgroupName: names.athenaWorkgroup,
                    resultsBucketName: scope.apply((s) => names.athenaResultsBucket(s.accountId)),
                    columns: schema.columns,
                    partitions: schema.partitions,
                    queries: schema.queries,
                    forceDestroy: settings.protection.forceDestroy,
                    tags,
                },
                { parent: this },
            );
            this.athenaWorkgroupName = this.investigation.workgroupName;
            this.athenaDatabaseName = this.investigation.databaseName;
        }

        this.trailArn = this.auditTrail.trailArn;
        this.logArchiveBucketName = this.logArchiveBucket.bucketName;
        this.accessLogBucketName = this.accessLogBucket.bucketName;
        this.auditKeyArn = this.auditKey.keyArn;
        this.logGroupName = this.auditTrail.logGroupName;
        this.alertTopicArn = this.alertTopic.topicArn;
        this.alarmNames = this.securityAlarms.alarmNames;
        this.deliveryTopicArn = this.auditTrail.deliveryTopicArn;
        const outputs: Record<string, pulumi.Output<unknown> | undefined> = {
            trailArn: this.trailArn,
            logArchiveBucketName: this.logArchiveBucketName,
            accessLogBucketName: this.accessLogBucketName,
            auditKeyArn: this.auditKeyArn,
            logGroupName: this.logGroupName,
            alertTopicArn: this.alertTopicArn,
            alarmNames: this.alarmNames,
            deliveryTopicArn: this.deliveryTopicArn,
            athenaWorkgroupName: this.athenaWorkgroupName,
            athenaDatabaseName: this.athenaDatabaseName,
        };
        // The optional ones only when their feature is on: a program exporting this record as its
        // stack outputs then never exports an undefined value (the engine warns on each).
        this.stackOutputs = Object.fromEntries(
            Object.entries(outputs).filter((entry): entry is [string, pulumi.Output<unknown>] => entry[1] !== undefined),
        );
        this.registerOutputs(outputs);
    }
}

/** Settings as given, or plain arguments validated; a mistake stops the program with one line per problem, no stack trace. */
function baselineSettings(name: string, { settings, ...keys }: CloudTrailBaselineArgs): Settings {
    const given = Object.entries(keys).filter(([, value]) => value !== undefined).map(([key]) => key);
    if (settings !== undefined) {
        if (given.length === 0) return settings;
        throw new pulumi.RunError(`CloudTrailBaseline "${name}": got settings and ${given.join(", ")}; expected either settings or the config keys as arguments, not both`);
    }
    // As for the stack's own config: problems in one RunError, warnings to the Pulumi log.
    return reportedToPulumi(() => checkBaselineArgs(keys, pulumi.getStack()), `CloudTrailBaseline "${name}"`);
}
