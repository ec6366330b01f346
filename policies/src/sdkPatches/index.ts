// Every speed patch that relies on internals of the Pulumi SDK, behind one install call per kind of
// process (README.md in this folder says what each does and what it relies on). The patches were
// written and measured against the exact versions in PATCHED_SDK_VERSIONS: when the installed SDK
// is any other version, an install leaves the SDK alone and installs nothing, and the pack and the
// renders stay correct, only slower. test/policies/sdkPatches.test.ts fails when package.json's pins
// move away from these versions. Importing this module loads no SDK code: each patch requires the
// SDK only when installed.
import * as fs from "fs";
import * as path from "path";
import { DEFER_AWS_SERVICES_ENV, deferAwsServiceModules } from "./deferredAwsServices";
import { deferRpcModules } from "./deferredRpcModules";
import { deferUnusedSdkModules } from "./deferredSdkModules";
import { reuseNotApplicableBytes } from "./notApplicableBytes";
import { skipPromiseStackTraces } from "./promiseStackTraces";
import { skipResourceStackTraces } from "./resourceStackTraces";
import { shareDeserializedProperties } from "./sharedDeserialization";
import { enableStackGraphCache } from "./stackGraphCache";
import { analyzeOnlyAuditResources } from "./stackRequestFilter";
import { enableTypeHints } from "./typeHint";

export { DEFER_AWS_SERVICES_ENV } from "./deferredAwsServices";
export { stackGraphOf } from "./stackGraphCache";
export { skipUnlessType } from "./typeHint";

/** The exact versions every patch here was written against and validated with (README.md). */
export const PATCHED_SDK_VERSIONS = {
    "@pulumi/pulumi": "3.248.0",
    "@pulumi/policy": "1.21.0",
    "google-protobuf": "3.21.4",
    "@pulumi/aws": "7.48.0",
} as const;

export type SdkPackage = keyof typeof PATCHED_SDK_VERSIONS;

/** Where an install reads the installed version of an SDK package; undefined when it cannot. */
export type InstalledVersion = (pkg: SdkPackage) => string | undefined;

export interface VersionMismatch {
    package: SdkPackage;
    patchedFor: string;
    /** Undefined when the package cannot be found; several versions, joined, when the patches reach several copies. */
    installed: string | undefined;
}

export interface PatchReport {
    /** The patches that took effect, in the order installed; none when a version differs. */
    installed: string[];
    mismatches: VersionMismatch[];
}

const PACK_PACKAGES: readonly SdkPackage[] = ["@pulumi/pulumi", "@pulumi/policy", "google-protobuf"];

/**
 * The pack's patches, in the order they must run: call before anything loads @pulumi/pulumi or
 * @pulumi/policy (policies/src/index.ts, before it loads the pack). Policies defined later still
 * get their type hints.
 */
export function installPackPatches(options: { installedVersion?: InstalledVersion } = {}): PatchReport {
    const mismatches = checkSdkVersions(PACK_PACKAGES, options.installedVersion);
    if (mismatches.length > 0) return { installed: [], mismatches };
    const installed: string[] = [];
    if (deferUnusedSdkModules().length > 0) installed.push("deferredSdkModules");
    if (shareDeserializedProperties()) {
        installed.push("sharedDeserialization");
        // Only sharing makes the proxy targets of one request the same for every stack policy.
        if (enableStackGraphCache()) installed.push("stackGraphCache");
    }
    if (analyzeOnlyAuditResources()) installed.push("stackRequestFilter");
    if (reuseNotApplicableBytes()) installed.push("notApplicableBytes");
    if (enableTypeHints()) installed.push("typeHint");
    return { installed, mismatches };
}

/**
 * A render worker's patches: call before anything loads @pulumi/pulumi (cli/mockEngine/renderWorkerMain.ts).
 * `deferAwsServices` (default: DEFER_AWS_SERVICES_ENV is "1", which the render pool sets only when it
 * is safe) also defers @pulumi/aws's service modules, and then checks @pulumi/aws's version too.
 */
export function installRenderWorkerPatches(
    options: { deferAwsServices?: boolean; installedVersion?: InstalledVersion } = {},
): PatchReport {
    const deferAwsServices = options.deferAwsServices ?? process.env[DEFER_AWS_SERVICES_ENV] === "1";
    const packages: SdkPackage[] = deferAwsServices ? ["@pulumi/pulumi", "@pulumi/aws"] : ["@pulumi/pulumi"];
    const mismatches = checkSdkVersions(packages, options.installedVersion);
    if (mismatches.length > 0) return { installed: [], mismatches };
    const installed: string[] = [];
    if (deferUnusedSdkModules().length > 0) installed.push("deferredSdkModules");
    if (deferRpcModules().length > 0) installed.push("deferredRpcModules");
    if (deferAwsServices && deferAwsServiceModules() > 0) installed.push("deferredAwsServices");
    if (skipPromiseStackTraces()) installed.push("promiseStackTraces");
    if (skipResourceStackTraces()) installed.push("resourceStackTraces");
    return { installed, mismatches };
}

/** The packages whose installed version is not the one the patches were written against. */
export function checkSdkVersions(packages: readonly SdkPackage[], installedVersion: InstalledVersion = installedSdkVersion): VersionMismatch[] {
    return packages.flatMap((pkg) => {
        const installed = installedVersion(pkg);
        const patchedFor = PATCHED_SDK_VERSIONS[pkg];
        return installed === patchedFor ? [] : [{ package: pkg, patchedFor, installed }];
    });
}

/**
 * The version of `pkg` the patches reach, read from its package.json, resolved as the patches
 * resolve it: from this folder, and for @pulumi/pulumi also from @pulumi/policy (whose copy the
 * request filter patches), and google-protobuf from those @pulumi/pulumi copies. Without a leading
 * "v" (@pulumi/policy writes one). When the copies differ, all their versions, which match no pin.
 */
function installedSdkVersion(pkg: SdkPackage): string | undefined {
    const versions = new Set(packageDirs(pkg).map((dir) => dir && versionIn(dir)));
    if (versions.size === 0 || versions.has(undefined)) return undefined;
    return [...versions].join(" and ");
}

function packageDirs(pkg: SdkPackage): (string | undefined)[] {
    if (pkg !== "@pulumi/pulumi" && pkg !== "google-protobuf") return [packageDir(pkg, __dirname)];
    const policy = packageDir("@pulumi/policy", __dirname);
    const pulumi = [packageDir("@pulumi/pulumi", __dirname), ...(policy ? [packageDir("@pulumi/pulumi", policy)] : [])];
    return pkg === "@pulumi/pulumi" ? pulumi : pulumi.map((dir) => dir && packageDir(pkg, dir));
}

function packageDir(pkg: string, from: string): string | undefined {
    try {
        return path.dirname(require.resolve(`${pkg}/package.json`, { paths: [from] }));
    } catch {
        return undefined;
    }
}

function versionIn(dir: string): string | undefined {
    try {
        const version = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
        return typeof version === "string" ? version.replace(/^v/, "") : undefined;
    } catch {
        return undefined;
    }
}
