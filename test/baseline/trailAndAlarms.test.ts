// The trail with its CloudWatch Logs delivery, the alert topic, the CIS alarms, protection and
// parenting, resource by resource, for every stack in stacks/, in preview and as deployed.
import { beforeAll, describe, expect, it } from "vitest";
import { isSecret } from "../../cli/mockEngine/renderedStackFormat";
import { MONITORING_CONTROLS } from "../../core/catalogue/monitoringControls";
import {
    ACCOUNT_ID,
    asList,
    BaselineView,
    expectReference,
    MODES,
    policyOf,
    renderBaseline,
    RenderedBaseline,
    stackNames,
    statement,
    TYPES,
} from "./support/renderedBaseline";

describe.each(stackNames())("stack %s: trail, alarms, protection", (stack) => {
    let rendered: RenderedBaseline;
    beforeAll(async () => {
        rendered = await renderBaseline(stack);
    });

    describe.each(MODES)("%s", (mode) => {
        const view = (): BaselineView => rendered.byMode[mode];
        const trailComponent = () => view().component(TYPES.auditTrail);
        const trail = () => view().childOf(trailComponent(), TYPES.trail);
        const logGroup = () => view().childOf(trailComponent(), TYPES.logGroup);
        const key = () => view().childOf(view().component(TYPES.auditKey), TYPES.key);
        const trailArn = () => `arn:aws:cloudtrail:${rendered.region}:${ACCOUNT_ID}:trail/${rendered.settings.trail.name}`;

        describe("AuditTrail", () => {
            it("is multi-region, includes global service events, validates log files and is logging", () => {
                const t = trail();
                expect(t.inputs.name).toBe(rendered.settings.trail.name);
                expect(t.inputs.isMultiRegionTrail).toBe(true);
                expect(t.inputs.includeGlobalServiceEvents).toBe(true);
                expect(t.inputs.enableLogFileValidation).toBe(true);
                expect(t.inputs.enableLogging).toBe(true);
                expect(t.inputs.isOrganizationTrail ?? false).toBe(rendered.settings.trail.organizationTrail);
            });

            it("encrypts with the audit key and delivers to the archive bucket after its policy exists", () => {
                const t = trail();
                expectReference(t, "kmsKeyId", key(), "arn");
                const archive = view().component(TYPES.archive);
                const bucket = view().childOf(archive, TYPES.bucket);
                expectReference(t, "s3BucketName", bucket, "id");
                const bucketPolicy = view().configuring(bucket, TYPES.bucketPolicy);
                expect(t.options.dependsOn).toContain(bucketPolicy.urn);
            });

            it("delivers to a KMS-encrypted log group with the configured retention", () => {
                const group = logGroup();
                expect(group.inputs.name).toBe(`/cloudtrail/${rendered.settings.trail.name}`);
                expect(group.inputs.retentionInDays).toBe(rendered.settings.retention.logGroupDays);
                expectReference(group, "kmsKeyId", key(), "arn");
                expect(trail().inputs.cloudWatchLogsGroupArn).toBe(
                    `arn:aws:logs:${rendered.region}:${ACCOUNT_ID}:log-group:${group.inputs.name}:*`,
                );
                expect(trail().propertyDependencies.cloudWatchLogsGroupArn).toContain(group.urn);
            });

            it("writes to CloudWatch Logs through a role CloudTrail can assume, limited to the group's streams", () => {
                const role = view().childOf(trailComponent(), TYPES.role);
                expectReference(trail(), "cloudWatchLogsRoleArn", role, "arn");
                const trustPolicy = policyOf(role, "assumeRolePolicy");
                expect(trustPolicy.Statement).toHaveLength(1);
                const trust = statement(trustPolicy, "AllowCloudTrailToAssume");
                expect(trust.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
                expect(asList(trust.Action)).toEqual(["sts:AssumeRole"]);
                // IAM rejects a trust policy that names a Resource.
                expect(trust.Resource).toBeUndefined();
                // AWS: this role policy "doesn't support the use of aws:SourceArn and aws:SourceAccount";
                // requiring them stops delivery to CloudWatch Logs.
                expect(trust.Condition).toBeUndefined();

                const rolePolicy = view().configuring(role, TYPES.rolePolicy, "role");
                const doc = policyOf(rolePolicy);
                expect(doc.Statement).toHaveLength(1);
                const write = doc.Statement[0]!;
                expect(write.Effect).toBe("Allow");
                expect(asList(write.Action).sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
                expect(asList(write.Resource)).toEqual([
                    `arn:aws:logs:${rendered.region}:${ACCOUNT_ID}:log-group:${logGroup().inputs.name}:log-stream:*`,
                ]);
                // CloudTrail verifies the role can write when the trail is created.
                expect(trail().options.dependsOn).toContain(rolePolicy.urn);
            });

            it("records read and write management events and the configured data events", () => {
                const t = trail();
                const trailSettings = rendered.settings.trail;
                const data = trailSettings.dataEvents;
                const hasData = data.s3.length > 0 || data.lambda === "all" || data.lambda.length > 0 || data.dynamodb === "all" || data.dynamodb.length > 0;
                if (!hasData) {
                    expect(t.inputs.advancedEventSelectors ?? []).toEqual([]);
                    expect(t.inputs.eventSelectors).toEqual([
                        {
                            readWriteType: "All",
                            includeManagementEvents: true,
                            excludeManagementEventSources: trailSettings.excludeManagementEventSources,
                        },
                    ]);
                    return;
                }
                expect(t.inputs.eventSelectors ?? []).toEqual([]);
                const selectors = t.inputs.advancedEventSelectors as any[];
                const management = selectors.filter((s) =>
                    s.fieldSelectors.some((f: any) => f.field === "eventCategory" && f.equals?.includes("Management")),
                );
                expect(management).toHaveLength(1);
                // Read and write: no readOnly field selector.
                expect(management[0].fieldSelectors.some((f: any) => f.field === "readOnly")).toBe(false);
                const excluded = management[0].fieldSelectors.find((f: any) => f.field === "eventSource")?.notEquals ?? [];
                expect(excluded).toEqual(trailSettings.excludeManagementEventSources);
                const dataSelector = (type: string) =>
                    selectors.find((s) => s.fieldSelectors.some((f: any) => f.field === "resources.type" && f.equals?.includes(type)));
                if (data.s3.length > 0) {
                    const s3 = dataSelector("AWS::S3::Object");
                    const prefixes = s3.fieldSelectors.find((f: any) => f.field === "resources.ARN").startsWiths;
                    expect(prefixes).toEqual(data.s3);
                    // A bare bucket ARN would also select every bucket whose name starts with it.
                    for (const prefix of prefixes) expect(prefix).toMatch(/^arn:aws:s3:::[^/]+\//);
                } else {
                    expect(dataSelector("AWS::S3::Object")).toBeUndefined();
                }
                for (const [type, selection] of [["AWS::Lambda::Function", data.lambda], ["AWS::DynamoDB::Table", data.dynamodb]] as const) {
                    const selector = dataSelector(type);
                    if (selection !== "all" && selection.length === 0) {
                        expect(selector, type).toBeUndefined();
                        continue;
                    }
                    const arns = selector.fieldSelectors.find((f: any) => f.field === "resources.ARN");
                    if (selection === "all") expect(arns, type).toBeUndefined();
                    else expect(arns.equals).toEqual(selection);
                }
            });

            it("enables the configured CloudTrail Insights types", () => {
                const insights = (trail().inputs.insightSelectors ?? []) as any[];
                expect(insights.map((i) => i.insightType)).toEqual(rendered.settings.trail.insights);
            });

            it("announces each log file on an encrypted topic only this trail can publish to, when enabled", () => {
                const topics = view().ofType(TYPES.topic).filter((t) => t.parent === trailComponent().urn);
                if (!rendered.settings.trail.deliveryNotifications) {
                    expect(topics).toHaveLength(0);
                    expect(trail().inputs.snsTopicName).toBeUndefined();
                    return;
                }
                expect(topics).toHaveLength(1);
                const topic = topics[0]!;
                expectReference(topic, "kmsMasterKeyId", key(), "arn");
                expectReference(trail(), "snsTopicName", topic, "name");
                const topicPolicy = view().configuring(topic, TYPES.topicPolicy, "arn");
                const publish = statement(policyOf(topicPolicy), "AllowThisTrailToPublish");
                expect(publish.Principal).toEqual({ Service: "cloudtrail.amazonaws.com" });
                expect(asList(publish.Action)).toEqual(["SNS:Publish"]);
                expect(asList(publish.Resource)).toEqual([`arn:aws:sns:${rendered.region}:${ACCOUNT_ID}:${topic.inputs.name}`]);
                expect(publish.Condition?.StringEquals?.["aws:SourceArn"]).toBe(trailArn());
                expect(trail().options.dependsOn).toContain(topicPolicy.urn);
            });
        });

        describe("AlertTopic", () => {
            const component = () => view().component(TYPES.alertTopic);
            const topic = () => view().childOf(component(), TYPES.topic);

            it("is encrypted with the audit key", () => {
                expect(topic().inputs.name).toBe(`${rendered.settings.namePrefix}-security-alerts`);
                expectReference(topic(), "kmsMasterKeyId", key(), "arn");
            });

            it("accepts publications only from this account's trailguard alarms", () => {
                const policy = policyOf(view().configuring(topic(), TYPES.topicPolicy, "arn"));
                expect(policy.Statement).toHaveLength(1);
                const publish = statement(policy, "AllowThisAccountsAlarmsToPublish");
                expect(publish.Principal).toEqual({ Service: "cloudwatch.amazonaws.com" });
                expect(asList(publish.Action)).toEqual(["SNS:Publish"]);
                expect(publish.Condition?.ArnLike?.["aws:SourceArn"]).toBe(
                    `arn:aws:cloudwatch:${rendered.region}:${ACCOUNT_ID}:alarm:${rendered.settings.namePrefix}-alarm-*`,
                );
                expect(Object.keys(publish.Condition ?? {})).toEqual(["ArnLike"]);
            });

            it("has one subscription per configured endpoint, and invoke permission for Lambda subscribers", () => {
                const subscriptions = view().dependentsOf(topic(), TYPES.subscription, "topic");
                const expected = (["email", "https", "sqs", "lambda"] as const).flatMap((protocol) =>
                    rendered.settings.notifications[protocol].map((endpoint) => `${protocol} ${endpoint}`),
                );
                // HTTPS endpoints (integration keys in the URL) reach the state as secrets, the others as given.
                for (const s of subscriptions) expect(isSecret(s.inputs.endpoint), `${s.inputs.protocol} endpoint secret`).toBe(s.inputs.protocol === "https");
                const endpointOf = (value: unknown) => (isSecret(value) ? value.value : value);
                expect(subscriptions.map((s) => `${s.inputs.protocol} ${endpointOf(s.inputs.endpoint)}`).sort()).toEqual(expected.sort());
                for (const s of subscriptions) expect(s.parent).toBe(component().urn);
                const permissions = view().dependentsOf(topic(), TYPES.lambdaPermission, "sourceArn");
                expect(permissions.map((p) => p.inputs.function).sort()).toEqual([...rendered.settings.notifications.lambda].sort());
                for (const p of permissions) expect(p.inputs.principal).toBe("sns.amazonaws.com");
            });
        });

        describe("SecurityAlarms", () => {
            const component = () => view().component(TYPES.alarms);
            const topic = () => view().childOf(view().component(TYPES.alertTopic), TYPES.topic);

            it("creates exactly one metric filter and one alarm per enabled alarm, nothing for disabled ones, plus the heartbeat", () => {
                const enabled = rendered.settings.alarms.alarms.filter((a) => a.enabled);
                const filters = view().ofType(TYPES.metricFilter);
                const alarms = view().ofType(TYPES.metricAlarm);
                expect(filters.map((f) => f.inputs.name).sort()).toEqual(
                    enabled.map((a) => `${rendered.settings.namePrefix}-alarm-${a.id}`).sort(),
                );
                // Every shipped stack keeps the heartbeat on (it is on by default everywhere).
                expect(rendered.settings.alarms.deliveryHeartbeat.enabled).toBe(true);
                expect(alarms).toHaveLength(enabled.length + 1);
                for (const r of [...filters, ...alarms]) expect(r.parent).toBe(component().urn);
            });

            it("alarms when the trail's log group falls silent: fewer than 1 IncomingLogEvents in an hour, missing data breaching", () => {
                const heartbeat = view().one(TYPES.metricAlarm, (a) => a.inputs.name === `${rendered.settings.namePrefix}-alarm-trailDeliveryStopped`);
                const i = heartbeat.inputs;
                // The values issue #9 and the CloudWatch Logs metrics page give: namespace AWS/Logs,
                // metric IncomingLogEvents, dimension LogGroupName; one hour; fewer than one event.
                expect(i.namespace).toBe("AWS/Logs");
                expect(i.metricName).toBe("IncomingLogEvents");
                expect(i.dimensions).toEqual({ LogGroupName: logGroup().inputs.name });
                expect(heartbeat.propertyDependencies.dimensions).toContain(logGroup().urn);
                expect(i.statistic).toBe("Sum");
                expect(i.period).toBe(3600);
                expect(i.evaluationPeriods).toBe(1);
                expect(i.datapointsToAlarm).toBe(1);
                expect(i.threshold).toBe(1);
                expect(i.comparisonOperator).toBe("LessThanThreshold");
                expect(i.treatMissingData).toBe("breaching");
                expect(i.actionsEnabled).toBe(true);
                expect(heartbeat.propertyDependencies.alarmActions).toContain(topic().urn);
                expect(heartbeat.propertyDependencies.okActions).toContain(topic().urn);
                if (mode === "deployed") {
                    expect(i.alarmActions).toEqual([topic().outputs.arn]);
                    expect(i.alarmDescription).toContain(String(logGroup().inputs.name));
                }
                expect(heartbeat.parent).toBe(component().urn);
            });

            it("uses each catalogue pattern verbatim on the trail's log group, emitting 1 per match", () => {
                const byName = new Map(view().ofType(TYPES.metricFilter).map((f) => [f.inputs.name, f]));
                for (const alarm of rendered.settings.alarms.alarms.filter((a) => a.enabled)) {
                    const filter = byName.get(`${rendered.settings.namePrefix}-alarm-${alarm.id}`)!;
                    expect(filter, alarm.id).toBeDefined();
                    const control = MONITORING_CONTROLS.find((c) => c.id === alarm.id);
                    if (control) expect(filter.inputs.pattern, alarm.id).toBe(control.pattern);
                    else expect(filter.inputs.pattern, alarm.id).toBe(alarm.pattern);
                    expectReference(filter, "logGroupName", logGroup(), "name");
                    expect(filter.inputs.logGroupName).toBe(logGroup().inputs.name);
                    expect(filter.inputs.metricTransformation).toEqual({
                        name: alarm.metricName,
                        namespace: rendered.settings.alarms.namespace,
                        value: "1",
                    });
                }
            });

            it("alarms on each metric with the resolved tuning, notifying the alert topic", () => {
                const byName = new Map(view().ofType(TYPES.metricAlarm).map((a) => [a.inputs.name, a]));
                for (const alarm of rendered.settings.alarms.alarms.filter((a) => a.enabled)) {
                    const resource = byName.get(`${rendered.settings.namePrefix}-alarm-${alarm.id}`)!;
                    expect(resource, alarm.id).toBeDefined();
                    const i = resource.inputs;
                    expect(i.namespace).toBe(rendered.settings.alarms.namespace);
                    expect(i.metricName).toBe(alarm.metricName);
                    expect(i.threshold).toBe(alarm.threshold);
                    expect(i.period).toBe(alarm.period);
                    expect(i.evaluationPeriods).toBe(alarm.evaluationPeriods);
                    expect(i.datapointsToAlarm).toBe(alarm.datapointsToAlarm);
                    expect(i.statistic).toBe(alarm.statistic);
                    expect(i.comparisonOperator).toBe("GreaterThanOrEqualToThreshold");
                    expect(i.treatMissingData).toBe("notBreaching");
                    expect(i.actionsEnabled).toBe(true);
                    expect(resource.propertyDependencies.alarmActions).toContain(topic().urn);
                    expect(i.alarmActions).toHaveLength(1);
                    if (mode === "deployed") expect(i.alarmActions).toEqual([topic().outputs.arn]);
                    if (alarm.references) {
                        expect(i.alarmDescription).toContain(`CIS 1.4 ${alarm.references.cisV14}`);
                        if (alarm.references.securityHub) expect(i.alarmDescription).toContain(alarm.references.securityHub);
                    }
                }
            });

            it("covers every CIS control of the catalogue unless the stack disables it", () => {
                const names = new Set(view().ofType(TYPES.metricAlarm).map((a) => a.inputs.name));
                for (const control of MONITORING_CONTROLS) {
                    const resolved = rendered.settings.alarms.alarms.find((a) => a.id === control.id);
                    expect(resolved, control.id).toBeDefined();
                    expect(names.has(`${rendered.settings.namePrefix}-alarm-${control.id}`), control.id).toBe(resolved!.enabled);
                }
            });
        });

        describe("protection, parenting, tags and outputs", () => {
            const evidence = () => [
                ["archive bucket", view().childOf(view().component(TYPES.archive), TYPES.bucket)],
                ["audit key", key()],
                ["log group", logGroup()],
                ["trail", trail()],
            ] as const;

            it("protects and retains exactly the evidence resources as settings.protection says", () => {
                const { protect, retainOnDelete } = rendered.settings.protection;
                for (const [what, resource] of evidence()) {
                    expect(resource.options.protect, `${what} protect`).toBe(protect);
                    expect(resource.options.retainOnDelete, `${what} retainOnDelete`).toBe(retainOnDelete);
                }
                const evidenceUrns = new Set(evidence().map(([, r]) => r.urn));
                for (const r of view().rendered.resources.filter((r) => r.custom && !evidenceUrns.has(r.urn))) {
                    expect(r.options.protect, `${r.name} is not protected`).toBe(false);
                }
                if (rendered.settings.environment === "prod") {
                    expect(protect && retainOnDelete).toBe(true);
                    expect(rendered.settings.protection.forceDestroy).toBe(false);
                }
                for (const bucket of view().ofType(TYPES.bucket)) {
                    expect(bucket.inputs.forceDestroy, bucket.name).toBe(rendered.settings.protection.forceDestroy);
                }
            });

            it("parents every resource to a trailguard component under the one baseline", () => {
                const baseline = view().component(TYPES.baseline);
                const components = view().rendered.resources.filter((r) => r.type.startsWith("trailguard:"));
                for (const c of components) {
                    if (c.urn !== baseline.urn) expect(c.parent, c.name).toBe(baseline.urn);
                }
                const componentUrns = new Set(components.map((c) => c.urn));
                for (const r of view().rendered.resources.filter((r) => r.custom)) {
                    expect(componentUrns.has(r.parent ?? ""), `${r.type} ${r.name} has a component parent`).toBe(true);
                    expect(r.parent, `${r.name} is inside a component, not directly under the baseline`).not.toBe(baseline.urn);
                }
            });

            it("tags every taggable resource with the stack's tags", () => {
                const taggable = [TYPES.key, TYPES.bucket, TYPES.trail, TYPES.logGroup, TYPES.role, TYPES.topic, TYPES.metricAlarm];
                for (const r of view().rendered.resources.filter((r) => (taggable as readonly string[]).includes(r.type))) {
                    expect(r.inputs.tags, `${r.type} ${r.name}`).toMatchObject(rendered.settings.tags);
                }
            });
        });
    });

    describe("stack outputs (deployed)", () => {
        const view = (): BaselineView => rendered.byMode.deployed;
        const trailComponent = () => view().component(TYPES.auditTrail);
        const logGroup = () => view().childOf(trailComponent(), TYPES.logGroup);
        const key = () => view().childOf(view().component(TYPES.auditKey), TYPES.key);
        const trailArn = () => `arn:aws:cloudtrail:${rendered.region}:${ACCOUNT_ID}:trail/${rendered.settings.trail.name}`;

        it("logs no warning in either render: a shipped stack's check report carries none", () => {
            // Warnings reach every check report; an optional output exported as undefined would
            // make the SDK warn ("Undefined value … will not show as a stack output") on every run.
            for (const mode of MODES) expect(rendered.byMode[mode].rendered.warnings, mode).toEqual([]);
        });

        it("exports the names and ARNs operators need", () => {
            const outputs = view().rendered.outputs;
            for (const name of ["trailArn", "logArchiveBucketName", "accessLogBucketName", "auditKeyArn", "logGroupName", "alertTopicArn", "alarmNames"]) {
                expect(outputs, name).toHaveProperty(name);
            }
            const deliveryTopic = view().ofType(TYPES.topic).find((t) => t.parent === trailComponent().urn);
            if (rendered.settings.trail.deliveryNotifications) {
                expect(outputs).toHaveProperty("deliveryTopicArn");
                expect(outputs.deliveryTopicArn).toBe(deliveryTopic!.outputs.arn);
            } else {
                // An undefined export is no stack output at all.
                expect(deliveryTopic).toBeUndefined();
                expect(outputs).not.toHaveProperty("deliveryTopicArn");
            }
            expect(outputs.trailArn).toBe(trailArn());
            expect(outputs.logGroupName).toBe(logGroup().inputs.name);
            expect(outputs.auditKeyArn).toBe(key().outputs.arn);
            expect([...(outputs.alarmNames as string[])].sort()).toEqual(
                view().ofType(TYPES.metricAlarm).map((a) => a.inputs.name).sort(),
            );
        });
    });
});
