// The engine's side of the Analyzer gRPC service a policy pack serves, over a pack process from
// policyPackLaunch.ts (by default started exactly as the Pulumi engine starts one). The pack does
// not dial the engine address it is given (it logs to its own stderr), so no engine server is
// needed; Handshake is sent anyway and, like the engine, an UNIMPLEMENTED answer is fine.
import type { ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { RenderedResource } from "../mockEngine/renderedStackFormat";
import { analyzeRequest, enforcementLevelName, enforcementLevelNumber, policyDescriptor, toStruct, violation } from "./analyzerWire";
import { EncodedAnalyzeRequest, EncodedStackRequest, encodeStackRequest } from "./encodedRequests";
import { GrpcCallError, GrpcStatus, GrpcUnaryChannel } from "./grpcUnaryChannel";
import { PolicyPackConfig, ResolvedPolicyConfig, resolvePolicyPackConfig } from "./policyPackConfig";
import { lastMeaningfulLines, launchPolicyPack, PolicyPackLaunch, PolicyPackLaunchOptions } from "./policyPackLaunch";
import type { EnforcementLevel, PolicyDescriptor, Remediation, Violation } from "./verdict";
import { withoutFields } from "./withoutFields";

const proto: any = analyzerProto;

/** AnalyzeResponse's not_applicable (analyzer.proto): verdicts read only the diagnostics (withoutFields.ts). */
export const ANALYZE_RESPONSE_UNREAD: ReadonlySet<number> = new Set([3]);

/**
 * The Analyzer methods the engine calls, as the generated service definition declares them
 * (analyzer_grpc_pb's AnalyzerService, which loads @grpc/grpc-js and so is not used here; a test
 * compares the two): the path and the response's class, and the response fields left undecoded.
 */
export const ANALYZER_METHODS = {
    handshake: { path: "/pulumirpc.Analyzer/Handshake", response: proto.AnalyzerHandshakeResponse },
    getAnalyzerInfo: { path: "/pulumirpc.Analyzer/GetAnalyzerInfo", response: proto.AnalyzerInfo },
    configure: { path: "/pulumirpc.Analyzer/Configure", response: Empty },
    configureStack: { path: "/pulumirpc.Analyzer/ConfigureStack", response: proto.AnalyzerStackConfigureResponse },
    analyze: { path: "/pulumirpc.Analyzer/Analyze", response: proto.AnalyzeResponse, unread: ANALYZE_RESPONSE_UNREAD },
    analyzeStack: { path: "/pulumirpc.Analyzer/AnalyzeStack", response: proto.AnalyzeResponse, unread: ANALYZE_RESPONSE_UNREAD },
    remediate: { path: "/pulumirpc.Analyzer/Remediate", response: proto.RemediateResponse },
} as const;

type AnalyzerMethod = keyof typeof ANALYZER_METHODS;

interface AnalyzerMethodSpec {
    path: string;
    response: { deserializeBinary(bytes: Uint8Array): any };
    unread?: ReadonlySet<number>;
}

/** How long to wait, after a dropped connection, for the pack's exit to explain it. */
const EXIT_NOTICE_MS = 1_000;

/** How long a pack may take to exit on SIGTERM before it is killed. */
const CLOSE_GRACE_MS = 5_000;

/** Large stacks make large AnalyzeStack requests; the engine allows 400 MB as well. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

export type PolicyPackStartOptions = PolicyPackLaunchOptions;

export interface PolicyPackInfo {
    name: string;
    version: string;
    displayName: string;
    supportsConfig: boolean;
    policies: PolicyDescriptor[];
}

export interface StackConfiguration {
    stack: string;
    project: string;
    organization?: string;
    tags?: Record<string, string>;
    /** Stack config as `ns:key` → value, as the engine passes it. */
    config?: Record<string, string>;
    configSecretKeys?: string[];
    dryRun: boolean;
}

export interface RemediationResult {
    remediations: Remediation[];
    /** The resource's inputs after every remediation; the engine analyses and creates these. */
    properties: Record<string, unknown>;
    /** Remediations that could not run (e.g. on unknown values during preview). */
    diagnostics: string[];
}

export class PolicyPackProcess {
    /** Milliseconds from spawning the process to reading its port. */
    readonly startupMs: number;
    private infoCache?: Promise<PolicyPackInfo>;
    private lastConfig?: string;
    private resolvedConfig: Record<string, ResolvedPolicyConfig> = {};
    private frameworks = new Map<string, string[]>();
    private readonly initialConfig: PolicyPackConfig = {};
    private exclusiveTail: Promise<unknown> = Promise.resolve();
    /** Work queued by exclusive() and not started yet, and who wants to know when more queues. */
    private waiting = 0;
    private readonly waitingListeners = new Set<() => void>();
    private exited?: string;
    private readonly stderrLines: string[] = [];

    private constructor(
        readonly packDir: string,
        private readonly child: ChildProcess,
        private readonly channel: GrpcUnaryChannel,
        startupMs: number,
        stderr: string[],
    ) {
        this.startupMs = startupMs;
        this.stderrLines = stderr;
        child.on("exit", (code, signal) => {
            this.exited = `the policy pack in ${packDir} exited (${signal ?? `code ${code}`}): ${this.stderrTail()}`;
        });
    }

    static start(packDir: string, options: PolicyPackStartOptions = {}): Promise<PolicyPackProcess> {
        return PolicyPackProcess.connect(launchPolicyPack(packDir, options));
    }

    /** Connects to a launched pack once it prints its port; a pack that fails to start rejects. */
    static async connect(launch: PolicyPackLaunch): Promise<PolicyPackProcess> {
        const port = await launch.port;
        const channel = new GrpcUnaryChannel(`127.0.0.1:${port}`, MAX_MESSAGE_BYTES);
        const pack = new PolicyPackProcess(launch.dir, launch.child, channel, launch.startupMs ?? 0, launch.stderr);
        await pack.handshake();
        return pack;
    }

    /** Handshake as the engine sends it; packs built on @pulumi/policy answer UNIMPLEMENTED. */
    private async handshake(): Promise<void> {
        const request = new proto.AnalyzerHandshakeRequest();
        request.setEngineAddress("127.0.0.1:0");
        request.setRootDirectory(this.packDir);
        request.setProgramDirectory(this.packDir);
        try {
            await this.call("handshake", request);
        } catch (err) {
            if ((err as GrpcCallError).code !== GrpcStatus.UNIMPLEMENTED) throw err;
        }
    }

    /** GetAnalyzerInfo: the pack's name, version and policies. Asked once. */
    info(): Promise<PolicyPackInfo> {
        this.infoCache ??= this.call("getAnalyzerInfo", new Empty()).then((response: any) => {
            const policies: PolicyDescriptor[] = response
                .getPoliciesList()
                .map((info: any) => policyDescriptor(info, "advisory"));
            this.frameworks = new Map(policies.map((p) => [p.name, p.frameworks]));
            // The pack's own initial config (PolicyPack's third argument), which the CLI lays under the user's.
            response.getInitialconfigMap().forEach((entry: any, policy: string) => {
                this.initialConfig[policy] = {
                    ...(entry.getProperties()?.toJavaScript() ?? {}),
                    enforcementLevel: enforcementLevelName(entry.getEnforcementlevel()),
                };
            });
            this.resolvedConfig = Object.fromEntries(
                policies.map((p) => [p.name, { enforcementLevel: p.enforcementLevel, properties: {} }]),
            );
            return {
                name: response.getName(),
                // As the engine does: PulumiPolicy.yaml's version, when set, wins over the pack's.
                version: versionFromPolicyYaml(this.packDir) ?? response.getVersion(),
                displayName: response.getDisplayname() || response.getName(),
                supportsConfig: response.getSupportsconfig(),
                policies,
            };
        });
        return this.infoCache;
    }

    /**
     * Configure with `--policy-pack-config` JSON: checked against each policy's config schema, schema
     * defaults filled in, every policy's level and settings sent. Skipped when unchanged.
     */
    async configure(config: PolicyPackConfig, source?: string): Promise<Record<string, ResolvedPolicyConfig>> {
        const info = await this.info();
        return this.sendConfigure(resolvePolicyPackConfig(config, info.policies, info.name, source, this.initialConfig));
    }

    /**
     * Configure without the CLI's schema check, as an engine that skips it would: settings reach the
     * pack as given. For testing the pack's own defence against bad settings.
     */
    async configureUnchecked(config: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }>): Promise<void> {
        await this.info();
        await this.sendConfigure(config);
    }

    private async sendConfigure(resolved: Record<string, ResolvedPolicyConfig>): Promise<Record<string, ResolvedPolicyConfig>> {
        const key = JSON.stringify(resolved);
        if (key === this.lastConfig) return resolved;
        const request = new proto.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const [policy, entry] of Object.entries(resolved)) {
            const message = new proto.PolicyConfig();
            message.setEnforcementlevel(enforcementLevelNumber(entry.enforcementLevel));
            message.setProperties(toStruct(entry.properties));
            map.set(policy, message);
        }
        await this.call("configure", request);
        this.lastConfig = key;
        this.resolvedConfig = { ...this.resolvedConfig, ...resolved };
        return resolved;
    }

    /** The enforcement level each policy runs at after the last Configure. */
    enforcementLevels(): Record<string, EnforcementLevel> {
        return Object.fromEntries(Object.entries(this.resolvedConfig).map(([k, v]) => [k, v.enforcementLevel]));
    }

    async configureStack(stack: StackConfiguration): Promise<void> {
        const request = new proto.AnalyzerStackConfigureRequest();
        request.setStack(stack.stack);
        request.setProject(stack.project);
        request.setOrganization(stack.organization ?? "");
        request.setDryRun(stack.dryRun);
        const tags = request.getTagsMap();
        for (const [key, value] of Object.entries(stack.tags ?? {})) tags.set(key, value);
        const config = request.getConfigMap();
        for (const [key, value] of Object.entries(stack.config ?? {})) config.set(key, value);
        request.setConfigSecretKeysList(stack.configSecretKeys ?? []);
        await this.call("configureStack", request);
    }

    /** Analyze: one resource's inputs, as the engine sends it before the resource's step. */
    async analyzeResource(resource: RenderedResource | EncodedAnalyzeRequest): Promise<Violation[]> {
        const request = resource instanceof EncodedAnalyzeRequest ? resource.bytes : analyzeRequest(resource);
        const response: any = await this.call("analyze", request);
        return response.getDiagnosticsList().map((d: any) => violation(d, this.frameworks));
    }

    /** AnalyzeStack: every resource's outputs with parents and (property) dependencies. */
    async analyzeStack(stack: readonly RenderedResource[] | EncodedStackRequest): Promise<Violation[]> {
        const request = (stack instanceof EncodedStackRequest ? stack : encodeStackRequest(stack)).bytes;
        const response: any = await this.call("analyzeStack", request);
        return response.getDiagnosticsList().map((d: any) => violation(d, this.frameworks));
    }

    /** Remediate: the policies at level `remediate` may rewrite the resource's inputs. */
    async remediate(resource: RenderedResource): Promise<RemediationResult> {
        const response: any = await this.call("remediate", analyzeRequest(resource));
        let properties = resource.inputs;
        const remediations: Remediation[] = [];
        const diagnostics: string[] = [];
        for (const r of response.getRemediationsList()) {
            if (r.getDiagnostic()) diagnostics.push(`${r.getPolicyname()}: ${r.getDiagnostic()}`);
            const changed = r.getProperties()?.toJavaScript();
            if (changed) {
                properties = changed;
                remediations.push({ policy: r.getPolicyname(), urn: resource.urn, description: r.getDescription(), properties: changed });
            }
        }
        return { remediations, properties, diagnostics };
    }

    /**
     * Runs `work` with the pack to itself: Configure and ConfigureStack set pack-wide state, so one
     * stack's analysis must not interleave with another's.
     */
    exclusive<T>(work: () => Promise<T>): Promise<T> {
        this.waiting++;
        for (const listener of this.waitingListeners) listener();
        const start = () => {
            this.waiting--;
            return work();
        };
        const run = this.exclusiveTail.then(start, start);
        this.exclusiveTail = run.catch(() => undefined);
        return run;
    }

    /** Whether work is queued for the pack behind the current holder (exclusive). */
    get othersWaiting(): boolean {
        return this.waiting > 0;
    }

    /** Calls `listener` whenever work queues for the pack (exclusive); returns the unsubscribe. */
    onWaiting(listener: () => void): () => void {
        this.waitingListeners.add(listener);
        return () => this.waitingListeners.delete(listener);
    }

    /** Stops the pack: SIGTERM, and SIGKILL if it has not exited after CLOSE_GRACE_MS. */
    async close(): Promise<void> {
        this.channel.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        await new Promise<void>((resolve) => {
            const force = setTimeout(() => this.child.kill("SIGKILL"), CLOSE_GRACE_MS);
            this.child.once("exit", () => {
                clearTimeout(force);
                resolve();
            });
            this.child.kill("SIGTERM");
        });
    }

    private exitNotice?: Promise<void>;

    /**
     * Resolves when the process exits or EXIT_NOTICE_MS after the first dropped call, whichever comes
     * first; one wait and one listener however many calls were in flight.
     */
    private exitOrNotice(): Promise<void> {
        this.exitNotice ??= new Promise((resolve) => {
            const timer = setTimeout(resolve, EXIT_NOTICE_MS);
            this.child.once("exit", () => {
                clearTimeout(timer);
                // The constructor's exit listener, registered first, has recorded why by now.
                resolve();
            });
        });
        return this.exitNotice;
    }

    stderrTail(lines = 8): string {
        return lastMeaningfulLines(this.stderrLines, lines);
    }

    /** `request`: a message of the generated classes, or its bytes already encoded. */
    private async call(method: AnalyzerMethod, request: { serializeBinary(): Uint8Array } | Uint8Array): Promise<any> {
        if (this.exited) throw new Error(this.exited);
        const { path: rpcPath, response, unread }: AnalyzerMethodSpec = ANALYZER_METHODS[method];
        try {
            const bytes = await this.channel.call(rpcPath, request instanceof Uint8Array ? request : request.serializeBinary());
            return response.deserializeBinary(unread ? withoutFields(bytes, unread) : bytes);
        } catch (err) {
            if (!(err instanceof GrpcCallError)) throw err;
            // A pack that crashed drops the connection just before its exit is seen; its
            // stderr says why, which the dropped connection does not.
            if (err.code === GrpcStatus.UNAVAILABLE && !this.exited) await this.exitOrNotice();
            if (this.exited) throw new Error(this.exited);
            if (err.code === GrpcStatus.UNIMPLEMENTED) throw err;
            const wrapped = new Error(`policy pack ${path.basename(this.packDir)}: ${method} failed: ${err.details}`);
            (wrapped as any).code = err.code;
            throw wrapped;
        }
    }
}

function versionFromPolicyYaml(dir: string): string | undefined {
    const text = fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8");
    const match = /^version:\s*["']?([^"'\s#]+)/m.exec(text);
    return match?.[1];
}

