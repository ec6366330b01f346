// A render of trailguard's own program loads only the AWS services it uses. @pulumi/aws's index
// imports every one of its ~235 service modules (acm, s3, …: each a namespace whose resource classes
// load lazily), about 50 ms of a render worker's start-up on the development machine; a CloudTrail
// baseline uses six. Each service module is deferred (deferredSdkModules.ts) and loads when the
// program first touches it, e.g. `aws.s3.BucketV2`. They are TypeScript-compiled ES modules, which
// is what the stand-in tells `__importStar`. A worker does this only when started with
// DEFER_AWS_SERVICES_ENV (cli/mockEngine/renderWorkerPool.ts renderWorkersDeferAwsServices says when that
// is safe), through index.ts installRenderWorkerPatches. SDK internals relied on: @pulumi/aws keeps
// one service per folder (<service>/index.js), which its index imports with `__importStar`, and
// the services' index files register their resource modules and mixins when loaded. Used by the
// CLI's render workers only; the pack never loads @pulumi/aws.
import * as fs from "fs";
import * as path from "path";
import { deferModule } from "./deferredSdkModules";

export const DEFER_AWS_SERVICES_ENV = "TRAILGUARD_DEFER_AWS_SERVICES";

/** Defers the service modules of the @pulumi/aws this module resolves; returns how many. */
export function deferAwsServiceModules(): number {
    let awsDir: string;
    try {
        awsDir = path.dirname(require.resolve("@pulumi/aws"));
    } catch {
        return 0;
    }
    let deferred = 0;
    for (const entry of fs.readdirSync(awsDir, { withFileTypes: true })) {
        const index = path.join(awsDir, entry.name, "index.js");
        if (entry.isDirectory() && fs.existsSync(index) && deferModule(index, "importStar")) deferred++;
    }
    return deferred;
}
