// trailguard's policy pack against @pulumi/awsguard (every policy, mandatory), through the same
// analyzer protocol the Pulumi engine speaks (dist/cli/analyzerClient): pack start-up (process start to
// port on stdout), Analyze latency per resource, and AnalyzeStack over a synthetic 10,000-resource
// stack in preview encoding (ids and ARNs unknown). Prints each measurement and ours/awsguard ratios;
// goal: every ratio at or below 1.0.
"use strict";
const path = require("path");
const { encodeStackRequest } = require("../dist/cli/analyzerClient/encodedRequests");
const { PolicyPackProcess } = require("../dist/cli/analyzerClient/policyPackProcess");
const { UNKNOWN_VALUE } = require("../dist/cli/mockEngine/renderedStackFormat");

const root = path.resolve(__dirname, "..");
const PACKS = {
    trailguard: path.join(root, "policies"),
    awsguard: path.join(__dirname, "awsguardPack"),
};
const STACK_SIZE = 10_000;
const STARTS = 3;
const STACK_RUNS = 7;
const WARMUP_CALLS = 200;

/** A resource as the mock engine renders it in preview mode. */
function resource(stack, type, name, inputs, propertyDependencies = {}, options = {}) {
    const urn = `urn:pulumi:bench::synthetic::${type}::${name}`;
    const outputs = { id: UNKNOWN_VALUE, arn: UNKNOWN_VALUE, ...inputs };
    const r = {
        urn, type, name, custom: true, inputs, outputs, propertyDependencies,
        options: { protect: false, retainOnDelete: false, dependsOn: Object.values(propertyDependencies).flat(), ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [], aliases: [], ...options },
    };
    stack.push(r);
    return r;
}

const CIS_PATTERNS = [
    '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
];

/** One complete CloudTrail setup: trail, bucket and its S3 settings, key, log group, filters, alarms, topic. */
function auditSetup(stack, n) {
    const key = resource(stack, "aws:kms/key:Key", `audit-key-${n}`, { enableKeyRotation: true, deletionWindowInDays: 30, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" }] }) });
    const bucket = resource(stack, "aws:s3/bucket:Bucket", `audit-bucket-${n}`, { bucket: `audit-${n}` }, {}, { protect: true });
    const dep = { bucket: [bucket.urn] };
    resource(stack, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `audit-pab-${n}`, { bucket: UNKNOWN_VALUE, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, dep);
    resource(stack, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `audit-sse-${n}`, { bucket: UNKNOWN_VALUE, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN_VALUE } }] }, { ...dep, rules: [key.urn] });
    resource(stack, "aws:s3/bucketVersioning:BucketVersioning", `audit-versioning-${n}`, { bucket: UNKNOWN_VALUE, versioningConfiguration: { status: "Enabled" } }, dep);
    resource(stack, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `audit-lifecycle-${n}`, { bucket: UNKNOWN_VALUE, rules: [{ id: "expire", status: "Enabled", expiration: { days: 400 } }] }, dep);
    resource(stack, "aws:s3/bucketLogging:BucketLogging", `audit-logging-${n}`, { bucket: UNKNOWN_VALUE, targetBucket: `audit-${n}-access` }, dep);
    const policy = resource(stack, "aws:s3/bucketPolicy:BucketPolicy", `audit-policy-${n}`, { bucket: UNKNOWN_VALUE, policy: UNKNOWN_VALUE }, { ...dep, policy: [bucket.urn] });
    const group = resource(stack, "aws:cloudwatch/logGroup:LogGroup", `audit-logs-${n}`, { name: `audit-logs-${n}`, retentionInDays: 400, kmsKeyId: UNKNOWN_VALUE }, { kmsKeyId: [key.urn] });
    const topic = resource(stack, "aws:sns/topic:Topic", `alerts-${n}`, { kmsMasterKeyId: UNKNOWN_VALUE }, { kmsMasterKeyId: [key.urn] });
    resource(stack, "aws:cloudtrail/trail:Trail", `trail-${n}`, {
        s3BucketName: UNKNOWN_VALUE, kmsKeyId: UNKNOWN_VALUE, cloudWatchLogsGroupArn: UNKNOWN_VALUE, cloudWatchLogsRoleArn: UNKNOWN_VALUE,
        isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true,
    }, { s3BucketName: [policy.urn], kmsKeyId: [key.urn], cloudWatchLogsGroupArn: [group.urn] }, { protect: true });
    for (let i = 0; i < 15; i++) {
        const filter = resource(stack, "aws:cloudwatch/logMetricFilter:LogMetricFilter", `filter-${n}-${i}`, { logGroupName: UNKNOWN_VALUE, pattern: CIS_PATTERNS[i % CIS_PATTERNS.length], metricTransformation: { name: `Metric${i}`, namespace: "CIS", value: "1" } }, { logGroupName: [group.urn] });
        resource(stack, "aws:cloudwatch/metricAlarm:MetricAlarm", `alarm-${n}-${i}`, { metricName: `Metric${i}`, namespace: "CIS", statistic: "Sum", period: 300, evaluationPeriods: 1, threshold: 1, comparisonOperator: "GreaterThanOrEqualToThreshold", alarmActions: [UNKNOWN_VALUE] }, { metricName: [filter.urn], alarmActions: [topic.urn] });
    }
}

/** Everyday resources of the kinds awsguard checks without calling AWS (no ACM, access keys, login profiles). */
const WORKLOAD = [
    (s, n) => resource(s, "aws:s3/bucket:Bucket", `data-${n}`, { bucket: `data-${n}`, loggings: [{ targetBucket: "logs" }], tags: { team: "a" } }),
    (s, n) => resource(s, "aws:ec2/instance:Instance", `web-${n}`, { ami: "ami-0abc", instanceType: "t3.micro", monitoring: n % 2 === 0, associatePublicIpAddress: false, rootBlockDevice: { encrypted: true, volumeSize: 20 }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: n % 3 !== 0, volumeSize: 100 }] }),
    (s, n) => resource(s, "aws:ec2/securityGroup:SecurityGroup", `sg-${n}`, { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }),
    (s, n) => resource(s, "aws:rds/instance:Instance", `db-${n}`, { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, storageEncrypted: true, multiAz: n % 2 === 0, publiclyAccessible: false, backupRetentionPeriod: 7 }),
    (s, n) => resource(s, "aws:dynamodb/table:Table", `table-${n}`, { hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PAY_PER_REQUEST", serverSideEncryption: { enabled: true } }),
    (s, n) => resource(s, "aws:lambda/function:Function", `fn-${n}`, { runtime: "nodejs20.x", handler: "index.handler", role: UNKNOWN_VALUE, memorySize: 256, environment: { variables: { STAGE: "prod" } } }),
    (s, n) => resource(s, "aws:kms/key:Key", `app-key-${n}`, { enableKeyRotation: n % 4 !== 0, description: "application key" }),
    (s, n) => resource(s, "aws:ebs/volume:Volume", `vol-${n}`, { availabilityZone: "eu-west-1a", size: 100, encrypted: true }),
    (s, n) => resource(s, "aws:elasticsearch/domain:Domain", `search-${n}`, { elasticsearchVersion: "7.10", encryptAtRest: { enabled: true }, vpcOptions: { subnetIds: ["subnet-1"] } }),
    (s, n) => resource(s, "aws:redshift/cluster:Cluster", `warehouse-${n}`, { clusterIdentifier: `wh-${n}`, nodeType: "dc2.large", encrypted: true, publiclyAccessible: false, automatedSnapshotRetentionPeriod: 7, allowVersionUpgrade: true, preferredMaintenanceWindow: "sun:03:00-sun:04:00" }),
    (s, n) => resource(s, "aws:efs/fileSystem:FileSystem", `files-${n}`, { encrypted: true }),
    (s, n) => resource(s, "aws:lb/loadBalancer:LoadBalancer", `lb-${n}`, { loadBalancerType: "application", enableDeletionProtection: true, accessLogs: { bucket: "logs", enabled: true } }),
    (s, n) => resource(s, "aws:lb/listener:Listener", `listener-${n}`, { loadBalancerArn: UNKNOWN_VALUE, port: 80, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }] }),
    (s, n) => resource(s, "aws:iam/role:Role", `role-${n}`, { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }) }),
    (s, n) => resource(s, "aws:cloudwatch/logGroup:LogGroup", `app-logs-${n}`, { retentionInDays: 30 }),
];

function syntheticStack() {
    const stack = [];
    stack.push({ urn: "urn:pulumi:bench::synthetic::pulumi:pulumi:Stack::synthetic-bench", type: "pulumi:pulumi:Stack", name: "synthetic-bench", custom: false, inputs: {}, outputs: {}, propertyDependencies: {}, options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], deleteBeforeReplace: false, additionalSecretOutputs: [], aliases: [] } });
    for (let n = 0; n < 20; n++) auditSetup(stack, n);
    for (let n = 0; stack.length < STACK_SIZE; n++) WORKLOAD[n % WORKLOAD.length](stack, n);
    return stack;
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function measureStartup(dir) {
    const times = [];
    for (let i = 0; i < STARTS; i++) {
        const pack = await PolicyPackProcess.start(dir);
        times.push(pack.startupMs);
        await pack.close();
    }
    return median(times);
}

async function startConfigured(dir) {
    const pack = await PolicyPackProcess.start(dir);
    const info = await pack.info();
    // No user config: each pack runs with its schema defaults and its own initial config.
    await pack.configure({});
    await pack.configureStack({ stack: "bench", project: "synthetic", tags: {}, dryRun: true });
    return { pack, policies: info.policies.length };
}

async function measureAnalyze(pack, stack) {
    const latencies = [];
    let diagnostics = 0;
    for (let i = 0; i < stack.length; i++) {
        const began = now();
        diagnostics += (await pack.analyzeResource(stack[i])).length;
        if (i >= WARMUP_CALLS) latencies.push(now() - began);
    }
    return {
        analyzeMeanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length,
        analyzeP95Ms: percentile(latencies, 95),
        analyzeDiagnostics: diagnostics,
    };
}

/**
 * AnalyzeStack on both packs in turns (ours, theirs, ours, …), so that whatever else the machine
 * does at a moment weighs on both alike; one unmeasured warm-up call each first. The request is
 * encoded once, as the engine hands a pack bytes it encoded itself: what is timed is the transfer,
 * the pack's decoding and policies, and the response, not this process building protobuf objects.
 */
async function measureAnalyzeStack(packs, resources) {
    const stack = encodeStackRequest(resources);
    const times = Object.fromEntries(Object.keys(packs).map((name) => [name, []]));
    const diagnostics = {};
    for (const [name, pack] of Object.entries(packs)) diagnostics[name] = (await pack.analyzeStack(stack)).length;
    for (let i = 0; i < STACK_RUNS; i++) {
        for (const [name, pack] of Object.entries(packs)) {
            const began = now();
            await pack.analyzeStack(stack);
            times[name].push(now() - began);
        }
    }
    return Object.fromEntries(
        Object.keys(packs).map((name) => [name, { analyzeStackMs: median(times[name]), analyzeStackDiagnostics: diagnostics[name] }]),
    );
}

async function main() {
    const stack = syntheticStack();
    console.log(`policyPack.bench: synthetic stack of ${stack.length} resources (${stack.filter((r) => r.type === "aws:cloudtrail/trail:Trail").length} CloudTrail setups), preview encoding`);
    const results = {};
    const running = {};
    try {
        for (const [name, dir] of Object.entries(PACKS)) {
            const startupMs = await measureStartup(dir);
            const { pack, policies } = await startConfigured(dir);
            running[name] = pack;
            results[name] = { startupMs, policies, ...(await measureAnalyze(pack, stack)) };
        }
        const stackResults = await measureAnalyzeStack(running, stack);
        for (const name of Object.keys(PACKS)) Object.assign(results[name], stackResults[name]);
    } finally {
        for (const pack of Object.values(running)) await pack.close();
    }
    for (const name of Object.keys(PACKS)) {
        const r = results[name];
        console.log(
            `  ${name.padEnd(10)} ${String(r.policies).padStart(2)} policies | start-up ${r.startupMs.toFixed(0)} ms | Analyze ${r.analyzeMeanMs.toFixed(3)} ms/resource (p95 ${r.analyzeP95Ms.toFixed(3)}), ${r.analyzeDiagnostics} diagnostics | AnalyzeStack ${r.analyzeStackMs.toFixed(0)} ms, ${r.analyzeStackDiagnostics} diagnostics`,
        );
    }
    const ours = results.trailguard;
    const theirs = results.awsguard;
    const ratios = {
        "start-up": ours.startupMs / theirs.startupMs,
        "Analyze per resource": ours.analyzeMeanMs / theirs.analyzeMeanMs,
        AnalyzeStack: ours.analyzeStackMs / theirs.analyzeStackMs,
    };
    console.log("  ratios trailguard/awsguard (goal ≤ 1.00):");
    for (const [what, ratio] of Object.entries(ratios)) console.log(`    ${what.padEnd(22)} ${ratio.toFixed(2)}${ratio <= 1 ? "" : "  (above goal)"}`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
